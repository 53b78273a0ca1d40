package rln.kernels;

/**
 * The three maps of a 3D convolution in single precision (layouts and formula: {@link ConvGeometry}).
 * Forward overwrites its output; the two backward maps ACCUMULATE (+=) into theirs, as gradients do.
 * Implementations: {@link ReferenceConv3d} (scalar double, reads like the formula) and the fast kernels,
 * held to it by one test contract.
 */
public interface Conv3dKernels {

    /** y = conv(x, w) + bias. {@code bias} may be null (no bias). */
    void forward(ConvGeometry g, float[] x, float[] w, float[] bias, float[] y);

    /**
     * dx += conv^T(dy, w): dx[n,p,i] += sum over (output voxel q, tap t) with input(q,t) = p of dy[n,q,o] * w[t,i,o].
     * This is also the forward map of the transposed convolution whose weights are w.
     */
    void backwardData(ConvGeometry g, float[] dy, float[] w, float[] dx);

    /** dw[t,i,o] += sum_{n,q} x[n, input(q,t), i] * dy[n,q,o]; dbias[o] += sum_{n,q} dy[n,q,o] ({@code dbias} may be null). */
    void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias);

    /** A short name for benchmarks and test reports. */
    String name();
}
