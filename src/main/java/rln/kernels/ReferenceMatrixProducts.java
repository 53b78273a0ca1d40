package rln.kernels;

/**
 * The reference matrix products of {@link MatrixProducts}: scalar double precision, one loop per index of the
 * formula, no blocking, no threads. The fast kernels are tested against these three methods.
 */
public final class ReferenceMatrixProducts {
    private ReferenceMatrixProducts() {}

    /** y[i][j] = b[j] + sum_p x[i][p] w[p][j]  ({@code b} may be null). */
    public static void forward(int m, int k, int n, double[] x, double[] w, double[] b, double[] y) {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double sum = b == null ? 0 : b[j];
                for (int p = 0; p < k; p++) sum += x[i * k + p] * w[p * n + j];
                y[i * n + j] = sum;
            }
    }

    /** dx[i][p] += sum_j dy[i][j] w[p][j]. */
    public static void backwardData(int m, int k, int n, double[] dy, double[] w, double[] dx) {
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) {
                double sum = 0;
                for (int j = 0; j < n; j++) sum += dy[i * n + j] * w[p * n + j];
                dx[i * k + p] += sum;
            }
    }

    /** dw[p][j] += sum_i x[i][p] dy[i][j]. */
    public static void backwardWeights(int m, int k, int n, double[] x, double[] dy, double[] dw) {
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) sum += x[i * k + p] * dy[i * n + j];
                dw[p * n + j] += sum;
            }
    }
}
