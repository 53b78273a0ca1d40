package rln.kernels;

/** The plain-Java fallback under the shared contract (whatever the JVM would choose). */
class ScalarMatrixProductsTest extends MatrixProductsContract {
    @Override
    protected MatrixProducts products() {
        return MatrixKernels.scalar();
    }
}
