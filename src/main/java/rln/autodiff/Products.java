package rln.autodiff;

import rln.kernels.MatrixKernels;
import rln.kernels.ReferenceMatrixProducts;
import rln.tensor.Tensor;

/**
 * The matrix products of {@link rln.kernels.MatrixProducts} on tensors read as row-major matrices: DOUBLE runs
 * {@link ReferenceMatrixProducts}, FLOAT runs {@link MatrixKernels#best()} (the pair held together by one test
 * contract). Forward overwrites y; the backward maps accumulate (+=), which is what a gradient needs.
 */
final class Products {
    private Products() {}

    /** y = x w + b: x [m,k], w [k,n], b [n] or null, y [m,n]. */
    static void forward(int m, int k, int n, Tensor x, Tensor w, Tensor b, Tensor y) {
        if (y.isDouble()) ReferenceMatrixProducts.forward(m, k, n, x.doubles(), w.doubles(), b == null ? null : b.doubles(), y.doubles());
        else MatrixKernels.best().forward(m, k, n, x.floats(), w.floats(), b == null ? null : b.floats(), y.floats());
    }

    /** dx += dy w^T. */
    static void backwardData(int m, int k, int n, Tensor dy, Tensor w, Tensor dx) {
        if (dx.isDouble()) ReferenceMatrixProducts.backwardData(m, k, n, dy.doubles(), w.doubles(), dx.doubles());
        else MatrixKernels.best().backwardData(m, k, n, dy.floats(), w.floats(), dx.floats());
    }

    /** dw += x^T dy. */
    static void backwardWeights(int m, int k, int n, Tensor x, Tensor dy, Tensor dw) {
        if (dw.isDouble()) ReferenceMatrixProducts.backwardWeights(m, k, n, x.doubles(), dy.doubles(), dw.doubles());
        else MatrixKernels.best().backwardWeights(m, k, n, x.floats(), dy.floats(), dw.floats());
    }

    /** db[j] += sum_i dy[i][j]: the bias gradient, a broadcast sum in double over fixed blocks. */
    static void biasGradient(String op, Tensor dy, Tensor db) {
        ArithmeticOps.accumulate(db, Broadcast.of(op, dy.shape(), db.shape()), dy, 1, null, null);
    }
}
