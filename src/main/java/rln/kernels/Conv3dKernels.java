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

    /**
     * The transposed convolution's forward map with its bias: y[n,p,i] = bias[i] + conv^T(dy, w)[n,p,i], y overwritten
     * ({@code bias} may be null). The same floats as zeroing y, {@link #backwardData}, then y[..., i] += bias[i]
     * (which is what this default does; a kernel may fuse the three passes over y into one).
     */
    default void transposedForward(ConvGeometry g, float[] dy, float[] w, float[] bias, float[] y) {
        java.util.Arrays.fill(y, 0, g.inputSize(), 0f);
        backwardData(g, dy, w, y);
        if (bias != null)
            for (int v = 0, C = g.cin(); v < g.inputSize(); v += C)
                for (int i = 0; i < C; i++) y[v + i] += bias[i];
    }

    /** dw[t,i,o] += sum_{n,q} x[n, input(q,t), i] * dy[n,q,o]; dbias[o] += sum_{n,q} dy[n,q,o] ({@code dbias} may be null). */
    void backwardWeights(ConvGeometry g, float[] x, float[] dy, float[] dw, float[] dbias);

    /** A short name for benchmarks and test reports. */
    String name();
}
