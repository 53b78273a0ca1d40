package rln.kernels;

/** The plain-Java fallback kernels under the shared contract. */
class ScalarConv3dTest extends Conv3dContract {
    @Override
    protected Conv3dKernels kernels() {
        return Kernels.scalar();
    }
}
