package rln.kernels;

/**
 * The reference 3D convolution: scalar double precision, one loop per index of the formula in
 * {@link ConvGeometry}, no tiling, no threads. The fast kernels are tested against these three methods.
 * Forward overwrites {@code y}; the backward maps accumulate (+=).
 */
public final class ReferenceConv3d {
    private ReferenceConv3d() {}

    /** Input index along an axis of size {@code n} for output index {@code o} and tap {@code t}; -1 if it reads a zero pad. */
    static int source(ConvGeometry g, int o, int t, int n) {
        return g.padding().source(o * g.stride() + t - g.pad(), n);
    }

    /** y[n,z,r,c,o] = bias[o] + sum_{a,b,e,i} x[n, src(z,a), src(r,b), src(c,e), i] * w[a,b,e,i,o]. */
    public static void forward(ConvGeometry g, double[] x, double[] w, double[] bias, double[] y) {
        int cin = g.cin(), cout = g.cout();
        for (int n = 0; n < g.batch(); n++)
            for (int z = 0; z < g.outD(); z++)
                for (int r = 0; r < g.outH(); r++)
                    for (int c = 0; c < g.outW(); c++)
                        for (int o = 0; o < cout; o++) {
                            double sum = bias == null ? 0 : bias[o];
                            for (int a = 0; a < g.kd(); a++) {
                                int sz = source(g, z, a, g.inD());
                                if (sz < 0) continue;
                                for (int b = 0; b < g.kh(); b++) {
                                    int sr = source(g, r, b, g.inH());
                                    if (sr < 0) continue;
                                    for (int e = 0; e < g.kw(); e++) {
                                        int sc = source(g, c, e, g.inW());
                                        if (sc < 0) continue;
                                        for (int i = 0; i < cin; i++)
                                            sum += x[inIndex(g, n, sz, sr, sc, i)] * w[weightIndex(g, a, b, e, i, o)];
                                    }
                                }
                            }
                            y[outIndex(g, n, z, r, c, o)] = sum;
                        }
    }

    /** dx[n, src(q,t), i] += dy[n,q,o] * w[t,i,o], summed over output voxels q, taps t and output channels o. */
    public static void backwardData(ConvGeometry g, double[] dy, double[] w, double[] dx) {
        int cin = g.cin(), cout = g.cout();
        for (int n = 0; n < g.batch(); n++)
            for (int z = 0; z < g.outD(); z++)
                for (int r = 0; r < g.outH(); r++)
                    for (int c = 0; c < g.outW(); c++)
                        for (int a = 0; a < g.kd(); a++) {
                            int sz = source(g, z, a, g.inD());
                            if (sz < 0) continue;
                            for (int b = 0; b < g.kh(); b++) {
                                int sr = source(g, r, b, g.inH());
                                if (sr < 0) continue;
                                for (int e = 0; e < g.kw(); e++) {
                                    int sc = source(g, c, e, g.inW());
                                    if (sc < 0) continue;
                                    for (int i = 0; i < cin; i++) {
                                        double sum = 0;
                                        for (int o = 0; o < cout; o++)
                                            sum += dy[outIndex(g, n, z, r, c, o)] * w[weightIndex(g, a, b, e, i, o)];
                                        dx[inIndex(g, n, sz, sr, sc, i)] += sum;
                                    }
                                }
                            }
                        }
    }

    /** dw[t,i,o] += sum_{n,q} x[n, src(q,t), i] * dy[n,q,o]; dbias[o] += sum_{n,q} dy[n,q,o]. */
    public static void backwardWeights(ConvGeometry g, double[] x, double[] dy, double[] dw, double[] dbias) {
        int cin = g.cin(), cout = g.cout();
        for (int n = 0; n < g.batch(); n++)
            for (int z = 0; z < g.outD(); z++)
                for (int r = 0; r < g.outH(); r++)
                    for (int c = 0; c < g.outW(); c++) {
                        for (int o = 0; o < cout; o++) {
                            double d = dy[outIndex(g, n, z, r, c, o)];
                            if (dbias != null) dbias[o] += d;
                        }
                        for (int a = 0; a < g.kd(); a++) {
                            int sz = source(g, z, a, g.inD());
                            if (sz < 0) continue;
                            for (int b = 0; b < g.kh(); b++) {
                                int sr = source(g, r, b, g.inH());
                                if (sr < 0) continue;
                                for (int e = 0; e < g.kw(); e++) {
                                    int sc = source(g, c, e, g.inW());
                                    if (sc < 0) continue;
                                    for (int i = 0; i < cin; i++) {
                                        double xv = x[inIndex(g, n, sz, sr, sc, i)];
                                        for (int o = 0; o < cout; o++)
                                            dw[weightIndex(g, a, b, e, i, o)] += xv * dy[outIndex(g, n, z, r, c, o)];
                                    }
                                }
                            }
                        }
                    }
    }

    static int inIndex(ConvGeometry g, int n, int z, int r, int c, int i) {
        return (((n * g.inD() + z) * g.inH() + r) * g.inW() + c) * g.cin() + i;
    }

    static int outIndex(ConvGeometry g, int n, int z, int r, int c, int o) {
        return (((n * g.outD() + z) * g.outH() + r) * g.outW() + c) * g.cout() + o;
    }

    static int weightIndex(ConvGeometry g, int a, int b, int e, int i, int o) {
        return (((a * g.kh() + b) * g.kw() + e) * g.cin() + i) * g.cout() + o;
    }
}
