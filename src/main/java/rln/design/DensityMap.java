package rln.design;

/**
 * From the design variables to the physical density, and the chain rule back:
 * <pre>
 *   rho~ = W x,   rho = H(rho~)                          (DensityFilter, Projection)
 *   dJ/dx = W^T (H'(rho~) . dJ/drho) = W (H'(rho~) . dJ/drho)
 * </pre>
 * {@link #forward} keeps rho~ and H'(rho~) for the {@link #backward} that follows it.
 */
final class DensityMap {
    private final DensityFilter filter;
    private final double[] filtered, slope, t;

    DensityMap(DensityFilter filter, int n) {
        this.filter = filter;
        filtered = new double[n];
        slope = new double[n];
        t = new double[n];
    }

    /** rho = H(W x) with projection {@code h} (a new array; x not modified). */
    double[] forward(double[] x, Projection h) {
        double[] rho = new double[x.length];
        filter.apply(x, filtered);
        h.apply(filtered, rho);
        h.slope(filtered, slope);
        return rho;
    }

    /** dJ/dx = W (H'(rho~) . dJ/drho) for the x of the last forward (a new array; dJdRho not modified). */
    double[] backward(double[] dJdRho) {
        for (int e = 0; e < t.length; e++) t[e] = slope[e] * dJdRho[e];
        double[] out = new double[t.length];
        filter.apply(t, out);
        return out;
    }
}
