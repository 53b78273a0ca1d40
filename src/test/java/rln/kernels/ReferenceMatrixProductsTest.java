package rln.kernels;

/** The contract's own yardstick: the double reference behind the float interface (rounded once per output). */
class ReferenceMatrixProductsTest extends MatrixProductsContract {
    @Override
    protected MatrixProducts products() {
        return MatrixKernels.reference();
    }
}
