package rln.autodiff;

import rln.kernels.PointwisePrelu;
import rln.tensor.BufferPool;
import rln.tensor.Tensor;
import rln.util.Parallel;

/**
 * Activations of the proximal network. The derivative at a kink (x = 0) is taken from the x <= 0 side, as
 * PyTorch does. Each op is one loop for both precisions ({@link Values}), except the two pointwise PReLU maps,
 * which are a fast kernel beside its reference: FLOAT runs {@link PointwisePrelu} (Vector API, branch-free),
 * DOUBLE the reference formula written here, and the kernel's test holds the two to each other.
 */
public final class ActivationOps {
    private ActivationOps() {}

    /** y_i = max(x_i, 0) (a NaN stays NaN).  Backward: dx_i += dy_i * [x_i > 0]. */
    public static Var relu(Var x) {
        Tensor y = Tape.newTensor(x.precision(), false, x.shape());
        int n = y.size();
        Values X = Values.of(x.value()), Y = Values.of(y);
        Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) Y.set(i, X.get(i) < 0 ? 0 : X.get(i)); });
        Saved sx = new Saved("relu", x.value());
        return Var.result("relu", y, dy -> {
            Values G = Values.of(x.gradForAccumulation()), Xs = Values.of(sx.get()), D = Values.of(dy);
            Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G.add(i, Xs.get(i) > 0 ? D.get(i) : 0); });
        }, x);
    }

    /**
     * PReLU with one slope per channel (PyTorch nn.PReLU(num_parameters=C)), x channels-last [..., C], a [C]:
     * <pre>
     *   y_{v,c} = x_{v,c}          if x_{v,c} > 0
     *           = a_c * x_{v,c}    otherwise
     *   dx_{v,c} += dy_{v,c} * (x_{v,c} > 0 ? 1 : a_c)
     *   da_c     += sum_v dy_{v,c} * (x_{v,c} > 0 ? 0 : x_{v,c})
     * </pre>
     */
    public static Var prelu(Var x, Var a) {
        Checks.samePrecision("prelu", x, a);
        int C = x.value().channels();
        if (a.value().rank() != 1 || a.value().size() != C)
            throw new IllegalArgumentException("prelu: slopes must have shape [" + C + "] (one per channel), got " + java.util.Arrays.toString(a.shape()));
        Tensor y = Tape.newTensor(x.precision(), false, x.shape());
        int n = y.size();
        if (y.isDouble()) { // the reference of PointwisePrelu.forward
            double[] X = x.value().doubles(), A = a.value().doubles(), Y = y.doubles();
            for (int i = 0; i < n; i++) Y[i] = X[i] > 0 ? X[i] : A[i % C] * X[i];
        } else {
            float[] X = x.value().floats(), A = a.value().floats(), Y = y.floats();
            Loops.range(n, (chunk, from, to) -> PointwisePrelu.forward(X, A, Y, from, to));
        }
        Saved sx = new Saved("prelu", x.value()), sa = new Saved("prelu", a.value());
        return Var.result("prelu", y, dy -> {
            Tensor xv = sx.get(), av = sa.get();
            boolean gx = x.requiresGrad(), ga = a.requiresGrad();
            if (!dy.isDouble() && ga) { // FLOAT: both maps in one pass over the data, block by block
                float[] G = gx ? x.gradForAccumulation().floats() : null;
                slopeGradient(C, n, (p, pOff, from, to) -> PointwisePrelu.backward(xv.floats(), av.floats(), dy.floats(), G, p, pOff, from, to),
                        Values.of(a.gradForAccumulation()));
                return;
            }
            if (gx) {
                Tensor g = x.gradForAccumulation();
                if (g.isDouble()) { // the reference of PointwisePrelu.backwardData
                    double[] X = xv.doubles(), A = av.doubles(), D = dy.doubles(), G = g.doubles();
                    for (int i = 0; i < n; i++) G[i] += D[i] * (X[i] > 0 ? 1 : A[i % C]);
                } else {
                    float[] X = xv.floats(), A = av.floats(), D = dy.floats(), G = g.floats();
                    Loops.range(n, (chunk, from, to) -> PointwisePrelu.backwardData(X, A, D, G, from, to));
                }
            }
            if (ga) { // DOUBLE: the reference of PointwisePrelu.backward's slope partials
                Values X = Values.of(xv), D = Values.of(dy);
                slopeGradient(C, n, (p, pOff, from, to) -> {
                    for (int i = from; i < to; i++) p[pOff + i % C] += D.get(i) * Math.min(X.get(i), 0); // min(x, 0) = (x > 0 ? 0 : x)
                }, Values.of(a.gradForAccumulation()));
            }
        }, x, a);
    }

    /** The terms of one block of the slope gradient: p[pOff + c] += dy_i * min(x_i, 0) over the elements [from, to). */
    @FunctionalInterface
    private interface SlopeBlock {
        void add(double[] p, int pOff, int from, int to);
    }

    /**
     * da_c += sum_v dy_{v,c} * min(x_{v,c}, 0) in double, over fixed blocks of voxels whose partial sums
     * are added in block order (deterministic whatever the thread count), rounded once into da_c.
     */
    private static void slopeGradient(int C, int n, SlopeBlock terms, Values G) {
        int voxels = n / C;
        int block = Math.max(1, Loops.SUM_BLOCK / C);
        int blocks = (voxels + block - 1) / block;
        double[] partial = BufferPool.doublesZeroed(blocks * C);
        Parallel.forChunks(blocks, blocks < 8 ? 1 : Parallel.threads(), (chunk, from, to) -> {
            for (int k = from; k < to; k++) terms.add(partial, k * C, k * block * C, Math.min(voxels, (k + 1) * block) * C);
        });
        for (int c = 0; c < C; c++) {
            double s = 0;
            for (int k = 0; k < blocks; k++) s += partial[k * C + c];
            G.add(c, s);
        }
        BufferPool.release(partial);
    }
}
