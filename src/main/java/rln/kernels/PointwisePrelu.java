package rln.kernels;

/**
 * The fast float PReLU maps (channels-last, one slope per channel, c = i mod C), chosen once at start-up by
 * {@link rln.util.VectorSupport#choose}: the Vector API version ({@link PointwisePreluVector}: a compare and a
 * blend per lane, no branches) when it allows it, else plain scalar loops.
 * Both compute, element by element, exactly the same float operations, so their results are bitwise equal
 * (tested); the double reference lives in {@code rln.autodiff.ActivationOps}.
 * <pre>
 *   forward:        y_i  = x_i > 0 ? x_i : a_c * x_i
 *   backward-data:  dx_i += dy_i * (x_i > 0 ? 1 : a_c)
 *   slope partial:  p_c  += dy_i * min(x_i, 0)      (in double, elements in order: one block of the slope gradient)
 * </pre>
 * Each method works on the element range [from, to), so callers can split a tensor over threads.
 */
public final class PointwisePrelu {
    private PointwisePrelu() {}

    /** True if the Vector API path is in use. */
    public static final boolean VECTOR = rln.util.VectorSupport.choose("PReLU", () -> PointwisePreluVector.lanes() > 1, () -> false);

    public static void forward(float[] x, float[] a, float[] y, int from, int to) {
        if (VECTOR) PointwisePreluVector.forward(x, a, y, from, to);
        else forwardScalar(x, a, y, from, to);
    }

    public static void backwardData(float[] x, float[] a, float[] dy, float[] dx, int from, int to) {
        if (VECTOR) PointwisePreluVector.backwardData(x, a, dy, dx, from, to);
        else backwardDataScalar(x, a, dy, dx, from, to);
    }

    /**
     * Both backward maps over the elements [from, to) (whole voxels) in one pass over the data: dx as
     * {@link #backwardData} (skipped if dx is null), and p[pOff + c] += (double) dy_i * min(x_i, 0) for every
     * element i of channel c, in element order. Used per block of the slope gradient, whose partial sums the
     * caller adds in block order; the block's arrays are read once, and the slope loop finds them in cache.
     */
    public static void backward(float[] x, float[] a, float[] dy, float[] dx, double[] p, int pOff, int from, int to) {
        if (dx != null) backwardData(x, a, dy, dx, from, to);
        if (!VECTOR || !PointwisePreluVector.slopePartial(x, dy, p, pOff, from, to, a.length)) slopePartialScalar(x, dy, p, pOff, from, to, a.length);
    }

    /** p[pOff + c] += (double) dy_i * min(x_i, 0) over the elements [from, to) (whole voxels of C channels), in order. */
    public static void slopePartialScalar(float[] x, float[] dy, double[] p, int pOff, int from, int to, int C) {
        for (int v = from; v < to; v += C)
            for (int c = 0; c < C; c++) p[pOff + c] += (double) dy[v + c] * Math.min(x[v + c], 0f); // min(x, 0) = (x > 0 ? 0 : x)
    }

    /** y_i = x_i > 0 ? x_i : a_(i mod C) * x_i. */
    public static void forwardScalar(float[] x, float[] a, float[] y, int from, int to) {
        int C = a.length;
        for (int i = from, c = from % C; i < to; i++, c = c + 1 == C ? 0 : c + 1) y[i] = x[i] > 0 ? x[i] : a[c] * x[i];
    }

    /** dx_i += dy_i * (x_i > 0 ? 1 : a_(i mod C)). */
    public static void backwardDataScalar(float[] x, float[] a, float[] dy, float[] dx, int from, int to) {
        int C = a.length;
        for (int i = from, c = from % C; i < to; i++, c = c + 1 == C ? 0 : c + 1) dx[i] += dy[i] * (x[i] > 0 ? 1f : a[c]);
    }
}
