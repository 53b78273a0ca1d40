package rln.nn;

import java.util.List;
import rln.autodiff.ArithmeticOps;
import rln.autodiff.LossOps;
import rln.autodiff.Parameter;
import rln.autodiff.Var;
import rln.tensor.Tensor;
import rln.util.Parallel;

/**
 * A data-parallel training step ({@link Parallelism#SAMPLES}): the batch's N samples in S contiguous sub-batches
 * B_s = [s N / S, (s + 1) N / S), each run forward and backward through the whole recurrence
 * ({@link PassByPassBackward}) on its own thread of a {@link Parallel#gang}, whose kernels then run single-threaded.
 * <p>
 * The loss couples the samples through two batch-wide numbers per pass only (n values in the batch, n_s in B_s):
 * <pre>
 *   L = (1/P) sum_k L_k,   L_k = 100 sqrt(MSE_k) / mean(t),   MSE_k = (1/n) sum_(all n values) (y_k - t)^2
 * </pre>
 * mean(t) is over the whole batch and known before the step. Write MSE_k as a sum of the sub-batches' shares
 * <pre>
 *   e_(k,s) = (n_s / n) MSE(y_k on B_s, t on B_s),        MSE_k = sum_s e_(k,s)
 *   dL / de_(k,s) = (1/P) dL_k / dMSE_k = (1/P) 100 / (2 mean(t) sqrt(MSE_k))        the same for every s
 *                                          (w_k in place of 1/P for a weighted loss, {@link PassWeights})
 * </pre>
 * so sub-batch s records the terms t_k = e_(k,s) in its forward, the members exchange them at the gang's barrier,
 * every member adds them up in the order s = 0, 1, ..., S-1 (the same MSE_k, bit for bit, on every thread), and
 * each seeds its own backward with w_k = dL/de_(k,s) ({@link #seeds}). Its parameter gradients are then
 * d/dtheta sum_k w_k e_(k,s) (through the recurrence), sub-batch s's share of dL/dtheta, and
 * <pre>
 *   dL/dtheta = sum_s (share of B_s)        member 0 adds into the model's gradients, member s >= 1 into its own
 *                                           copy of them, which are added to the model's in the order s = 1, 2, ...
 * </pre>
 * The partition, the kernels' chunks (T = 1 inside a member) and every order of summation are fixed by (N, S):
 * the same bits for the same thread count. Against the whole batch on one tape the result differs by rounding only
 * (the MSE and the weight gradients are summed in another order).
 */
final class SampleSplitStep {
    private SampleSplitStep() {}

    /**
     * L and the L_k of the batch (m1, target in the network's axes and precision; meanTarget = mean(t) over the batch)
     * run as {@code subBatches} sub-batches of {@code net}; its parameters' gradients accumulated (+=). The gradient is
     * that of the weighted loss with {@code weights}, of the paper's L when null.
     */
    static LocalizationModel.StepResult run(LocalizationNetwork net, Tensor m1, Tensor target, double meanTarget, int subBatches,
                                            boolean recompute, PassWeights weights) {
        int N = m1.dim(0), S = subBatches, P = net.passes();
        List<LocalizationNetwork> members = net.withGradientCopies(S); // members.get(0) = net; the others share its values
        double[][] shares = new double[S][];                         // shares[s][k] = e_(k+1,s)
        LocalizationModel.StepResult[] results = new LocalizationModel.StepResult[S];
        Parallel.gang(S, (s, barrier) -> {
            int from = (int) ((long) s * N / S), to = (int) ((long) (s + 1) * N / S);
            Tensor m1s = samples(m1, from, to), ts = samples(target, from, to);
            double fraction = (double) ts.size() / target.size(); // n_s / n
            LocalizationNetwork member = members.get(s);
            Var m1v = Var.constant(m1s), m0v = Var.constant(LocalizationNetwork.soft(m1s)), tv = Var.constant(ts);
            results[s] = PassByPassBackward.run(new Iterates(net.precision(), m1s.shape(), P), P,
                    (k, in) -> member.pass(k, m0v, m1v, in[0], in[1], in[2]),
                    y -> ArithmeticOps.mulScalar(LossOps.mse(y, tv), fraction),
                    e -> {
                        shares[s] = e;
                        barrier.await(); // every sub-batch's shares are in
                        return seeds(shares, meanTarget, P, weights);
                    }, recompute);
        });
        List<Parameter> into = net.parameters();
        for (int s = 1; s < S; s++) {
            List<Parameter> own = members.get(s).parameters();
            for (int i = 0; i < into.size(); i++) PassByPassBackward.addInto(into.get(i).grad(), own.get(i).grad());
        }
        return results[0]; // every member computed the same L_k from the same shares
    }

    /**
     * From the shares e_(k,s) = {@code shares[s][k - 1]}: MSE_k = sum_s e_(k,s) (in the order s = 0, 1, ...), the pass
     * losses L_k = 100 sqrt(MSE_k) / mean(t), and the weights w_k = dL/de_(k,s) = (1/P) 100 / (2 mean(t) sqrt(MSE_k)),
     * with the k-th of {@code weights} in place of 1/P when given.
     */
    static PassByPassBackward.Seeds seeds(double[][] shares, double meanTarget, int passes, PassWeights weights) {
        double[] L = new double[passes], w = new double[passes];
        for (int k = 0; k < passes; k++) {
            double mse = 0;
            for (double[] e : shares) mse += e[k];
            double rmse = Math.sqrt(mse);
            L[k] = 100 * rmse / meanTarget;
            w[k] = weights == null ? 100 / (2 * meanTarget * rmse) / passes : 100 / (2 * meanTarget * rmse) * weights.weight(k);
        }
        return new PassByPassBackward.Seeds(L, w);
    }

    /** Samples [from, to) of a batch tensor [N, ...] (a copy). */
    static Tensor samples(Tensor x, int from, int to) {
        int[] shape = x.shape();
        int per = x.size() / shape[0];
        shape[0] = to - from;
        Tensor r = Tensor.zeros(x.precision(), shape);
        if (x.isDouble()) System.arraycopy(x.doubles(), from * per, r.doubles(), 0, (to - from) * per);
        else System.arraycopy(x.floats(), from * per, r.floats(), 0, (to - from) * per);
        r.markModified();
        return r;
    }
}
