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
        Values P = Values.of(p.value()), T = Values.of(t.value());
        y.set(0, Loops.blockSum(n, (a, b) -> {
            double s = 0;
            for (int i = a; i < b; i++) {
                double d = P.fl(P.get(i) - T.get(i)); // the difference in the tensors' precision
                s += d * d;
            }
            return s;
        }) / n);
        Saved sp = new Saved("mse", p.value()), st = new Saved("mse", t.value());
        return Var.result("mse", y, dy -> {
            double k = 2.0 * dy.get(0) / n;
            Values Ps = Values.of(sp.get()), Ts = Values.of(st.get());
            for (int side = 0; side < 2; side++) {
                Var v = side == 0 ? p : t;
                if (!v.requiresGrad()) continue;
                Values G = Values.of(v.gradForAccumulation());
                double ks = G.fl(side == 0 ? k : -k);
                Loops.range(n, (c, from, to) -> { for (int i = from; i < to; i++) G.add(i, ks * G.fl(Ps.get(i) - Ts.get(i))); });
            }
        }, p, t);
    }
}
