package rln.kernels;

import rln.util.VectorSupport;

/**
 * Chooses the matrix-product kernels once, at start-up: {@link VectorMatrixProducts} when {@link VectorSupport}
 * allows the Vector API, else {@link ScalarMatrixProducts}. The Vector API class is loaded by name only in the
 * first case, so a JVM without {@code jdk.incubator.vector} never touches it.
 */
public final class MatrixKernels {
    private MatrixKernels() {}

    private static final MatrixProducts SCALAR = new ScalarMatrixProducts();
    private static final MatrixProducts VECTOR = VectorSupport.enabled() ? loadVector() : null;

    private static MatrixProducts loadVector() {
        try {
            MatrixProducts v = (MatrixProducts) Class.forName("rln.kernels.VectorMatrixProducts").getDeclaredConstructor().newInstance();
            return v.name().equals("vector1") ? null : v;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The matrix products this JVM runs best. */
    public static MatrixProducts best() {
        return VECTOR != null ? VECTOR : SCALAR;
    }

    /** The plain-Java float products (the fallback). */
    public static MatrixProducts scalar() {
        return SCALAR;
    }

    /** The Vector API products, or null when this JVM cannot run them. */
    public static MatrixProducts vector() {
        return VECTOR;
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
