package rln.kernels;

import rln.util.VectorSupport;

/**
 * Chooses the matrix-product kernels once, at start-up, through {@link VectorSupport#choose}: the Vector API
 * {@link VectorMatrixProducts} when it allows them, else the plain-Java {@link ScalarMatrixProducts}.
 */
public final class MatrixKernels {
    private MatrixKernels() {}

    private static final MatrixProducts SCALAR = new ScalarMatrixProducts();
    private static final MatrixProducts BEST = VectorSupport.choose("the matrix products", VectorMatrixProducts::new, () -> SCALAR);

    /** The matrix products this JVM runs best. */
    public static MatrixProducts best() {
        return BEST;
    }

    /** The plain-Java float products (the fallback). */
    public static MatrixProducts scalar() {
        return SCALAR;
    }

    /** {@link ReferenceMatrixProducts} (double precision) behind the float interface: slow, for tests and checks. */
    public static MatrixProducts reference() {
        return REFERENCE;
    }

    private static final MatrixProducts REFERENCE = new MatrixProducts() {
        @Override
        public void forward(int m, int k, int n, float[] x, float[] w, float[] b, float[] y) {
            double[] yd = new double[m * n];
            ReferenceMatrixProducts.forward(m, k, n, d(x), d(w), b == null ? null : d(b), yd);
            for (int i = 0; i < yd.length; i++) y[i] = (float) yd[i];
        }

        @Override
        public void backwardData(int m, int k, int n, float[] dy, float[] w, float[] dx) {
            double[] dxd = d(dx);
            ReferenceMatrixProducts.backwardData(m, k, n, d(dy), d(w), dxd);
            for (int i = 0; i < dxd.length; i++) dx[i] = (float) dxd[i];
        }

        @Override
        public void backwardWeights(int m, int k, int n, float[] x, float[] dy, float[] dw) {
            double[] dwd = d(dw);
            ReferenceMatrixProducts.backwardWeights(m, k, n, d(x), d(dy), dwd);
            for (int i = 0; i < dwd.length; i++) dw[i] = (float) dwd[i];
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
