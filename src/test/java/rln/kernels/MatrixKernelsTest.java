package rln.kernels;

/** The products {@link MatrixKernels#best()} chose at start-up (rln.VectorChoiceTest checks which), under the shared contract. */
class MatrixKernelsTest extends MatrixProductsContract {
    @Override
    protected MatrixProducts products() {
        return MatrixKernels.best();
    }
}
