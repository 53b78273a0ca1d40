package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * Sums and means. DOUBLE: one sequential loop. FLOAT: accumulated in double over fixed blocks added in
 * block order ({@link Loops#blockSum}), so the result does not depend on the thread count.
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
        int n = x.value().size();
        Broadcast all = Broadcast.of(op, x.shape(), new int[] {1});
        return Var.result(op, y, dy -> accumulateBroadcast(x.gradForAccumulation(), all, dy, scale, n), x);
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
        return Var.result("meanPerSample", y, dy -> accumulateBroadcast(x.gradForAccumulation(), perSample, dy, 1.0 / M, x.value().size()), x);
    }

    /** sum of x[from .. from+len) in double: sequential for DOUBLE, fixed blocks for FLOAT. */
    static double total(Tensor x, int from, int len) {
        if (x.isDouble()) {
            double[] X = x.doubles();
            double s = 0;
            for (int i = from; i < from + len; i++) s += X[i];
            return s;
        }
        float[] X = x.floats();
        return Loops.blockSum(len, (a, b) -> {
            double s = 0;
            for (int i = from + a; i < from + b; i++) s += X[i];
            return s;
        });
    }

    /** g_i += scale * dy_B(i) for i < n, dy the small operand: a scalar or one value per sample (LEADING). */
    private static void accumulateBroadcast(Tensor g, Broadcast m, Tensor dy, double scale, int n) {
        if (g.isDouble()) {
            double[] G = g.doubles(), D = dy.doubles();
            for (int i = 0; i < n; i++) G[i] += scale * D[m.map(i)];
        } else { // by runs of equal dy (a scalar, or one value per sample)
            float[] G = g.floats(), D = dy.floats();
            int run = n / D.length;
            for (int j = 0; j < D.length; j++) {
                float v = (float) (scale * D[j]);
                int start = j * run;
                Loops.range(run, (c, from, to) -> { for (int i = start + from; i < start + to; i++) G[i] += v; });
            }
        }
    }
}
