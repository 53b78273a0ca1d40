package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * Sums and means, one body for both precisions: accumulated in double over fixed blocks added in block
 * order ({@link Loops#blockSum}), so the result does not depend on the thread count, and rounded once.
 */
public final class ReductionOps {
    private ReductionOps() {}

    /** y = sum_i x_i, shape [1].  Backward: dx_i += dy. */
    public static Var sum(Var x) {
        return scaledSum("sum", x, 1.0);
    }

    /** y = (1/n) sum_i x_i over the whole tensor (the whole batch), shape [1].  Backward: dx_i += dy / n. */
    public static Var mean(Var x) {
        return scaledSum("mean", x, 1.0 / x.value().size());
    }

    private static Var scaledSum(String op, Var x, double scale) {
        Tensor y = Tape.newTensor(x.precision(), false, 1);
        y.set(0, scale * total(x.value(), 0, x.value().size()));
        Broadcast all = Broadcast.of(op, x.shape(), new int[] {1});
        return Var.result(op, y, dy -> accumulateBroadcast(x.gradForAccumulation(), all, dy, scale), x);
    }

    /**
     * The mean of each sample (axis 0), kept as shape [N,1,...,1] so that it broadcasts back over the sample
     * (e.g. {@code sub(p, meanPerSample(p))}, the per-sample mean removal of METHOD.md section 4):
     * <pre>
     *   y_n = (1/M) sum_{j<M} x[n, j]        M = size / N
     *   dx[n, j] += dy_n / M
     * </pre>
     */
    public static Var meanPerSample(Var x) {
        int[] s = x.shape();
        int N = s[0], M = x.value().size() / N;
        int[] shape = new int[s.length];
        Arrays.fill(shape, 1);
        shape[0] = N;
        Tensor y = Tape.newTensor(x.precision(), false, shape);
        for (int n = 0; n < N; n++) y.set(n, total(x.value(), n * M, M) / M);
        Broadcast perSample = Broadcast.of("meanPerSample", s, shape);
        return Var.result("meanPerSample", y, dy -> accumulateBroadcast(x.gradForAccumulation(), perSample, dy, 1.0 / M), x);
    }

    /** sum of x[from .. from+len) in double, over the fixed blocks of {@link Loops#blockSum}. */
    static double total(Tensor x, int from, int len) {
        Values X = Values.of(x);
        return Loops.blockSum(len, (a, b) -> X.sum(from + a, from + b));
    }

    /** g_i += scale * dy_B(i): the small dy (a scalar, or one value per sample) read through its broadcast map. */
    private static void accumulateBroadcast(Tensor g, Broadcast m, Tensor dy, double scale) {
        m.addExpanded(Values.of(dy), scale, Values.of(g));
    }
}
