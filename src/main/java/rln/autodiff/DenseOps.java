package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * The fully connected (dense) layer of the comparison CNN (Keras Dense after Flatten): each sample's values,
 * flattened in C order, times a weight matrix, plus a bias. With x read as the matrix [N, K] (N samples,
 * K = the product of x's other dimensions), w [K, M], b [M]:
 * <pre>
 *   y[n,j]  = b[j] + sum_p x[n,p] w[p,j]           y = x w + b
 *   dx[n,p] += sum_j dy[n,j] w[p,j]                dx += dy w^T
 *   dw[p,j] += sum_n x[n,p] dy[n,j]                dw += x^T dy
 *   db[j]   += sum_n dy[n,j]
 * </pre>
 * The three products run {@link rln.kernels.ReferenceMatrixProducts} in DOUBLE and the vectorized kernel in
 * FLOAT ({@link Products}).
 */
public final class DenseOps {
    private DenseOps() {}

    /** y = flatten(x) w + b: x [N, ...] (K values per sample), w [K, M], b [M] or null; y [N, M]. */
    public static Var dense(Var x, Var w, Var b) {
        Checks.samePrecision("dense", x, w, b);
        if (w.value().rank() != 2) throw new IllegalArgumentException("dense: weights must be [K, M], got " + Arrays.toString(w.shape()));
        int N = x.shape()[0], K = w.shape()[0], M = w.shape()[1];
        if (x.value().size() != N * K)
            throw new IllegalArgumentException("dense: input " + Arrays.toString(x.shape()) + " does not hold K = " + K + " values per sample (weights "
                    + Arrays.toString(w.shape()) + ")");
        if (b != null && (b.value().rank() != 1 || b.value().size() != M))
            throw new IllegalArgumentException("dense: bias must have shape [" + M + "], got " + Arrays.toString(b.shape()));
        Tensor y = Tape.newTensor(x.precision(), false, N, M);
        Products.forward(N, K, M, x.value(), w.value(), b == null ? null : b.value(), y);
        Saved sx = new Saved("dense", x.value()), sw = new Saved("dense", w.value());
        return Var.result("dense", y, dy -> {
            if (x.requiresGrad()) Products.backwardData(N, K, M, dy, sw.get(), x.gradForAccumulation());
            if (w.requiresGrad()) Products.backwardWeights(N, K, M, sx.get(), dy, w.gradForAccumulation());
            if (b != null && b.requiresGrad()) Products.biasGradient("dense", dy, b.gradForAccumulation());
        }, x, w, b);
    }
}
