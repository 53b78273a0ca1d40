package rln.kernels;

/**
 * The plain-Java float matrix products (the fallback when the Vector API is off): the loops of
 * {@link ReferenceMatrixProducts} reordered so that the innermost one runs along contiguous rows (which C2
 * auto-vectorizes); each output is still summed in increasing reduction order, one thread.
 */
public final class ScalarMatrixProducts implements MatrixProducts {

    @Override
    public void forward(int m, int k, int n, float[] x, float[] w, float[] b, float[] y) {
        for (int i = 0; i < m; i++) {
            int yi = i * n;
            if (b == null) java.util.Arrays.fill(y, yi, yi + n, 0f);
            else System.arraycopy(b, 0, y, yi, n);
            for (int p = 0; p < k; p++) {
                float a = x[i * k + p];
                int wp = p * n;
                for (int j = 0; j < n; j++) y[yi + j] += a * w[wp + j];
            }
        }
    }

    @Override
    public void backwardData(int m, int k, int n, float[] dy, float[] w, float[] dx) {
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) {
                float sum = dx[i * k + p];
                for (int j = 0, d = i * n, q = p * n; j < n; j++) sum += dy[d + j] * w[q + j];
                dx[i * k + p] = sum;
            }
    }

    @Override
    public void backwardWeights(int m, int k, int n, float[] x, float[] dy, float[] dw) {
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) {
                float a = x[i * k + p];
                int wp = p * n, d = i * n;
                for (int j = 0; j < n; j++) dw[wp + j] += a * dy[d + j];
            }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
