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
}
