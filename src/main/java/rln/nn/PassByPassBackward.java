package rln.nn;

import rln.autodiff.ArithmeticOps;
import rln.autodiff.NoGrad;
import rln.autodiff.ReductionOps;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Tensor;

/**
 * The loss of a training step and its gradient, one pass at a time (METHOD.md section 4, numbered as in
 * {@link Iterates}):
 * <pre>
 *   forward,  k = 0 .. P-1:   y_(k+1) = pass_k(y_k, y_(k-1), y_(k-2)),     L_(k+1) = loss(y_(k+1))
 *                             L = (1/P) sum_{k=1..P} L_k
 *   backward, k = P-1 .. 0:   S_k = L_(k+1) / P + sum_v y_(k+1)[v] G_(k+1)[v]
 *                             pass k's tape backward from S_k:   theta.grad += dS_k/dtheta
 *                             G_j += dS_k/dy_j   for j = k, k-1, k-2 with j >= 1
 * </pre>
 * G_j = dL/dy_j through the passes after y_j (G_P = 0: nothing reads y_P). Pass k reads the earlier passes
 * only through its inputs, which enter its tape as leaves ({@link Iterates#inputs}), so dS_k/dtheta is pass
 * k's share of dL/dtheta: the chain rule through the recurrence, split at the y's. When pass k runs
 * backward, every pass that reads y_(k+1) (passes k+1, k+2, k+3) already has, so G_(k+1) is complete.
 * <p>
 * With {@code recompute} the forward keeps only the y's and each pass is recomputed (identically:
 * deterministic kernels) right before its backward, so at most one pass's graph is alive; without it all P
 * tapes stay open from forward to backward. The arithmetic of the backward is the same in both modes.
 * <p>
 * In general ({@link #run(Iterates, int, Pass, Loss, Objective, boolean)}) pass k records a scalar term t_(k+1)
 * of y_(k+1), and the loss is a function L(t_1 .. t_P) that an {@link Objective} evaluates between forward and
 * backward; the seed is then S_k = w_(k+1) t_(k+1) + sum_v y_(k+1)[v] G_(k+1)[v] with w_k = dL/dt_k. Above,
 * t_k = L_k and w_k = 1/P, or the weights of {@link PassWeights} ({@link #weightedPassLosses}). A data-parallel step ({@link SampleSplitStep}) records a sub-batch's share of each
 * pass's MSE instead, and its objective combines the shares of all sub-batches.
 */
final class PassByPassBackward {
    private PassByPassBackward() {}

    /** Pass k on the current tape: y_(k+1) from its inputs [y_k, y_(k-1), y_(k-2)]. */
    @FunctionalInterface
    interface Pass {
        Var next(int k, Var[] inputs);
    }

    /** The term of pass k, a scalar of y_(k+1) on the current tape: L_(k+1) = loss(y_(k+1)), unless an {@link Objective} says otherwise. */
    @FunctionalInterface
    interface Loss {
        Var of(Var y);
    }

    /**
     * The loss as a function of the passes' terms: from their values t_1 .. t_P ({@code terms[k]} = t_(k+1)), the
     * pass losses L_1 .. L_P and the weights w_k = dL/dt_k that seed the backward.
     */
    @FunctionalInterface
    interface Objective {
        Seeds of(double[] terms);
    }

    /** L_(k+1) = {@code passLosses[k]} and w_(k+1) = dL/dt_(k+1) = {@code weights[k]}. */
    record Seeds(double[] passLosses, double[] weights) {}

    /** L = (1/P) sum_k t_k, the terms being the pass losses themselves: w_k = 1/P. */
    static Objective meanOfPassLosses(int passes) {
        return terms -> {
            double[] w = new double[passes];
            java.util.Arrays.fill(w, 1.0 / passes);
            return new Seeds(terms.clone(), w);
        };
    }

    /**
     * L_w = sum_k w_k t_k, the terms being the pass losses, with the weights of {@code weights}; the step still
     * reports the paper's L = (1/P) sum_k L_k ({@link #run}).
     */
    static Objective weightedPassLosses(PassWeights weights) {
        return terms -> new Seeds(terms.clone(), weights.weights());
    }

    /** Pass k as recorded on its own tape: the inputs (leaves), the output y_(k+1) and the term t_(k+1). */
    private record Recorded(Tape tape, Var[] inputs, Var output, Var term) {
        static Recorded of(int k, Iterates y, Pass pass, Loss loss) {
            Tape tape = Tape.open();
            try {
                Var[] in = y.inputs(k);
                Var out = pass.next(k, in);
                return new Recorded(tape, in, out, loss.of(out));
            } catch (RuntimeException | Error e) {
                tape.close();
                throw e;
            }
        }
    }

    /** Runs forward and backward; returns L and the L_k (k = 1 .. P), the parameters' gradients accumulated (+=). */
    static LocalizationModel.StepResult run(Iterates y, int passes, Pass pass, Loss loss, boolean recompute) {
        return run(y, passes, pass, loss, meanOfPassLosses(passes), recompute);
    }

    /**
     * Runs forward (recording t_(k+1) = {@code term}(y_(k+1)) for every pass), evaluates {@code objective} on the
     * terms, then runs backward from the seeds S_k; returns L = (1/P) sum_k L_k and the L_k, the parameters'
     * gradients accumulated (+=).
     */
    static LocalizationModel.StepResult run(Iterates y, int passes, Pass pass, Loss term, Objective objective, boolean recompute) {
        Recorded[] recorded = new Recorded[passes]; // recorded[k]: pass k, while its tape is open
        double[] terms = new double[passes];        // terms[k] = t_(k+1)
        double[] passLosses;
        try {
            for (int k = 0; k < passes; k++) {
                if (recompute) {
                    try (Tape tape = Tape.open(); NoGrad g = NoGrad.enter()) {
                        Var out = pass.next(k, y.inputs(k));
                        terms[k] = term.of(out).item();
                        y.set(k + 1, out.value().copy());
                    }
                } else {
                    recorded[k] = Recorded.of(k, y, pass, term);
                    terms[k] = recorded[k].term().item();
                    y.set(k + 1, recorded[k].output().value());
                }
            }
            Seeds seeds = objective.of(terms);
            passLosses = seeds.passLosses();
            Tensor[] G = new Tensor[passes + 1]; // G[j] = G_j; null while no later pass has contributed
            for (int k = passes - 1; k >= 0; k--) {
                Recorded r = recompute ? Recorded.of(k, y, pass, term) : recorded[k];
                recorded[k] = r;
                Var S = ArithmeticOps.mulScalar(r.term(), seeds.weights()[k]);
                if (G[k + 1] != null) S = ArithmeticOps.add(S, ReductionOps.sum(ArithmeticOps.mul(r.output(), Var.constant(G[k + 1]))));
                r.tape().backward(S);
                for (int i = 0; i < 3; i++) { // input i is y_(k-i)
                    int j = k - i;
                    Tensor dSdy = r.inputs()[i].grad();
                    if (j < 1 || dSdy == null) continue;
                    if (G[j] == null) G[j] = dSdy;
                    else addInto(G[j], dSdy);
                }
                r.tape().close();
                recorded[k] = null;
            }
        } finally {
            for (int k = passes - 1; k >= 0; k--) if (recorded[k] != null) recorded[k].tape().close(); // after a failure: innermost first
        }
        double total = 0;
        for (double l : passLosses) total += l;
        return new LocalizationModel.StepResult(total / passes, passLosses);
    }

    /** a += b, elementwise (same shape and precision; in FLOAT each sum rounds as a float addition does). */
    static void addInto(Tensor a, Tensor b) {
        for (int i = 0; i < a.size(); i++) a.set(i, a.get(i) + b.get(i));
    }
}
