package rln.kernels;

import rln.util.VectorSupport;

/**
 * Chooses the convolution kernels once, at start-up, through {@link VectorSupport#choose}: the Vector API kernels
 * when it allows them, else the plain-Java {@link ScalarConv3d}.
 */
public final class Kernels {
    private Kernels() {}

    private static final Conv3dKernels SCALAR = new ScalarConv3d();
    private static final Conv3dKernels BEST = VectorSupport.choose("the convolutions", VectorConv3d::new, () -> SCALAR);

    /** While a {@link Conv3dProfile} runs: the timing decorator handed out instead of {@link #BEST}. */
    private static volatile Conv3dKernels profiled;

    /** The convolution kernels this JVM runs best (timed while a {@link Conv3dProfile} runs). */
    public static Conv3dKernels conv3d() {
        Conv3dKernels p = profiled;
        return p != null ? p : BEST;
    }

    /** The best kernels, never the profiling decorator. */
    static Conv3dKernels best() {
        return BEST;
    }

    static void profiled(Conv3dKernels decorator) {
        profiled = decorator;
    }

    /** The plain-Java float kernels (the fallback). */
    public static Conv3dKernels scalar() {
        return SCALAR;
    }

    /** {@link ReferenceConv3d} (double precision) behind the float interface: slow, for tests and checks. */
    public static Conv3dKernels reference() {
        return REFERENCE;
    }

    private static final Conv3dKernels REFERENCE = new Conv3dKernels() {
        @Override
        public void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y) {
            double[] yd = new double[g.outputSize()];
            ReferenceConv3d.forward(g, d(x), d(w), bias == null ? null : d(bias), yd);
            for (int i = 0; i < yd.length; i++) y[i] = (float) yd[i];
        }

        @Override
        public void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx) {
            double[] dxd = d(dx);
            ReferenceConv3d.backwardData(g, d(dy), d(w), dxd);
            for (int i = 0; i < dxd.length; i++) dx[i] = (float) dxd[i];
        }

        @Override
        public void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias) {
            double[] dwd = d(dw);
            double[] dbd = dbias == null ? null : d(dbias);
            ReferenceConv3d.backwardWeights(g, d(x), d(dy), dwd, dbd);
            for (int i = 0; i < dwd.length; i++) dw[i] = (float) dwd[i];
            if (dbias != null) for (int i = 0; i < dbd.length; i++) dbias[i] = (float) dbd[i];
        }

        @Override
        public String name() {
            return "reference";
        }

        private double[] d(float[] a) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) r[i] = a[i];
            return r;
        }
    };
}
