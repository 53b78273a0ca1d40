package rln.design;

/**
 * The smoothed Heaviside projection towards 0/1 (Wang, Lazarov and Sigmund 2011), applied to the filtered density:
 * <pre>
 *   rho = H(rho~) = (tanh(beta eta) + tanh(beta (rho~ - eta))) / (tanh(beta eta) + tanh(beta (1 - eta)))
 *   dH/drho~      = beta (1 - tanh^2(beta (rho~ - eta))) / (tanh(beta eta) + tanh(beta (1 - eta)))
 * </pre>
 * H(0) = 0, H(1) = 1 for any beta; beta -> 0 is the identity, beta -> infinity the step at the threshold eta.
 * The optimizer raises beta step by step (continuation): a small beta keeps the problem smooth while the layout
 * forms, a large one leaves a design that is 0/1 but for a thin interface.
 *
 * @param beta sharpness, > 0
 * @param eta  threshold, in (0, 1)
 */
public record Projection(double beta, double eta) {

    public Projection {
        if (!(beta > 0) || !Double.isFinite(beta)) throw new IllegalArgumentException("beta must be finite and > 0, got " + beta);
        if (!(eta > 0 && eta < 1)) throw new IllegalArgumentException("eta must be in (0, 1), got " + eta);
    }

    private double denominator() {
        return Math.tanh(beta * eta) + Math.tanh(beta * (1 - eta));
    }

    /** rho[e] = H(filtered[e]); {@code filtered} not modified. */
    public void apply(double[] filtered, double[] rho) {
        double a = Math.tanh(beta * eta), den = denominator();
        for (int e = 0; e < filtered.length; e++) rho[e] = (a + Math.tanh(beta * (filtered[e] - eta))) / den;
    }

    /** slope[e] = dH/drho~ at filtered[e]. */
    public void slope(double[] filtered, double[] slope) {
        double den = denominator();
        for (int e = 0; e < filtered.length; e++) {
            double t = Math.tanh(beta * (filtered[e] - eta));
            slope[e] = beta * (1 - t * t) / den;
        }
    }
}
