package rln.autodiff;

import rln.tensor.Tensor;

/** Losses. The RLN loss of one pass, 100 sqrt(MSE(y_k, target)) / mean(target), is built from {@link #mse} and arithmetic. */
public final class LossOps {
    private LossOps() {}

    /**
     * Mean squared error over every element (PyTorch F.mse_loss, reduction 'mean'), shape [1]:
     * <pre>
     *   L = (1/n) sum_i (p_i - t_i)^2
     *   dp_i += dL * 2 (p_i - t_i) / n,   dt_i -= dL * 2 (p_i - t_i) / n
     * </pre>
     */
    public static Var mse(Var p, Var t) {
        Checks.samePrecision("mse", p, t);
        Checks.sameShape("mse", p, t);
        int n = p.value().size();
        Tensor y = Tape.newTensor(p.precision(), false, 1);
        if (y.isDouble()) {
            double[] P = p.value().doubles(), T = t.value().doubles();
            double s = 0;
            for (int i = 0; i < n; i++) s += (P[i] - T[i]) * (P[i] - T[i]);
            y.set(0, s / n);
        } else {
            float[] P = p.value().floats(), T = t.value().floats();
            y.set(0, Loops.blockSum(n, (a, b) -> {
                double s = 0;
                for (int i = a; i < b; i++) {
                    double d = P[i] - T[i];
                    s += d * d;
                }
                return s;
            }) / n);
        }
        Saved sp = new Saved("mse", p.value()), st = new Saved("mse", t.value());
        return Var.result("mse", y, dy -> {
            double k = 2.0 * dy.get(0) / n;
            for (int side = 0; side < 2; side++) {
                Var v = side == 0 ? p : t;
                if (!v.requiresGrad()) continue;
                double sk = side == 0 ? k : -k;
                Tensor g = v.gradForAccumulation();
                if (g.isDouble()) {
                    double[] G = g.doubles(), P = sp.get().doubles(), T = st.get().doubles();
                    for (int i = 0; i < n; i++) G[i] += sk * (P[i] - T[i]);
                } else {
                    float[] G = g.floats(), P = sp.get().floats(), T = st.get().floats();
                    float kf = (float) sk;
                    Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G[i] += kf * (P[i] - T[i]); });
                }
            }
        }, p, t);
    }
}
