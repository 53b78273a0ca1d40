package rln.kernels;

/**
 * The three matrix products of a dense layer in single precision, all matrices row-major:
 * <pre>
 *   x [m][k],  w [k][n],  b [n],  y [m][n]
 *   forward:           y[i][j]   = b[j] + sum_p x[i][p] w[p][j]       y = x w + b     (overwrites y)
 *   backward-data:     dx[i][p] += sum_j dy[i][j] w[p][j]             dx += dy w^T    (dx [m][k])
 *   backward-weights:  dw[p][j] += sum_i x[i][p] dy[i][j]             dw += x^T dy    (dw [k][n])
 * </pre>
 * Forward overwrites its output ({@code b} may be null: no bias); the two backward maps ACCUMULATE (+=), as
 * gradients do. Every output is a sum over the reduction index taken in increasing order, whatever the thread
 * count, so results are bitwise reproducible. The reference is {@link ReferenceMatrixProducts} (scalar double, the
 * formula); the implementations, {@link ScalarMatrixProducts} (plain float loops, the fallback) and the Vector API
 * kernel, chosen by {@link MatrixKernels}, are held to it by one test contract.
 */
public interface MatrixProducts {

    /** y = x w + b. */
    void forward(int m, int k, int n, float[] x, float[] w, float[] b, float[] y);

    /** dx += dy w^T. */
    void backwardData(int m, int k, int n, float[] dy, float[] w, float[] dx);

    /** dw += x^T dy. */
    void backwardWeights(int m, int k, int n, float[] x, float[] dy, float[] dw);

    /** A short name for benchmarks and test reports. */
    String name();

    /** Multiply-adds of the forward product, times 2: the usual FLOP count (each backward map costs the same). */
    static double flops(int m, int k, int n) {
        return 2.0 * m * k * n;
    }
}
