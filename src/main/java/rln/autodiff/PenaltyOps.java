package rln.autodiff;

import rln.tensor.Tensor;

/**
 * Weight penalties. The L2 penalty of Keras's {@code kernel_regularizer=l2(lambda)}, summed over the layers it is
 * attached to (the comparison CNN: every kernel, no bias), shape [1]:
 * <pre>
 *   P = lambda sum_k sum_i w_{k,i}^2
 *   dw_{k,i} += 2 lambda dP w_{k,i}
 * </pre>
 * The sum runs in double over fixed blocks ({@link Loops#blockSum}), tensor after tensor, and is rounded once.
 */
public final class PenaltyOps {
    private PenaltyOps() {}

    /** lambda * (sum of the squares of every entry of every {@code w}). */
    public static Var l2(double lambda, Var... ws) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("l2: lambda must be a finite number >= 0, got " + lambda);
        if (ws.length == 0) throw new IllegalArgumentException("l2: no tensors given");
        Checks.samePrecision("l2", ws);
        double squares = 0;
        for (Var w : ws) {
            Values W = Values.of(w.value());
            squares += Loops.blockSum(w.value().size(), (a, b) -> {
                double s = 0;
                for (int i = a; i < b; i++) s += W.get(i) * W.get(i);
                return s;
            });
        }
        Tensor y = Tape.newTensor(ws[0].precision(), false, 1);
        y.set(0, lambda * squares);
        Saved[] saved = new Saved[ws.length];
        for (int k = 0; k < ws.length; k++) saved[k] = new Saved("l2", ws[k].value());
        return Var.result("l2", y, dy -> {
            for (int k = 0; k < ws.length; k++) {
                if (!ws[k].requiresGrad()) continue;
                Values G = Values.of(ws[k].gradForAccumulation()), W = Values.of(saved[k].get());
                double c = G.fl(2 * lambda * dy.get(0));
                Loops.range(W.length(), (chunk, from, to) -> { for (int i = from; i < to; i++) G.add(i, c * W.get(i)); });
            }
        }, ws);
    }
}
