package rln.train;

import java.util.List;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

/**
 * The uniform mean of several parameter sets of one model, theta_bar = (1/S) sum_s theta_s, summed in double in the
 * order given (stochastic weight averaging over saved snapshots of a run: Izmailov et al. 2018; the running form
 * during training is {@link WeightAverage}).
 */
public final class ParameterMean {
    private final List<Parameter> params;
    private final double[][] sum;
    private int count;

    /** An empty mean over sets shaped as {@code params} (which {@link #writeInto} fills). */
    public ParameterMean(List<Parameter> params) {
        this.params = params;
        this.sum = new double[params.size()][];
        for (int k = 0; k < sum.length; k++) sum[k] = new double[params.get(k).value().size()];
    }

    /** Adds the values {@code set} holds now (the same parameters, in the same order and sizes). */
    public void add(List<Parameter> set) {
        if (set.size() != sum.length) throw new IllegalArgumentException("a set of " + set.size() + " parameters, the model has " + sum.length);
        for (int k = 0; k < sum.length; k++) {
            Tensor v = set.get(k).value();
            if (v.size() != sum[k].length)
                throw new IllegalArgumentException("parameter " + set.get(k).name() + " has " + v.size() + " values, the model's " + sum[k].length);
            double[] s = sum[k], x = v.toDoubles();
            for (int i = 0; i < s.length; i++) s[i] += x[i];
        }
        count++;
    }

    public int count() {
        return count;
    }

    /** Writes the mean (rounded to each parameter's precision) into the parameters given at construction. */
    public void writeInto() {
        if (count == 0) throw new IllegalStateException("no parameter set added");
        for (int k = 0; k < sum.length; k++) {
            Tensor v = params.get(k).value();
            double[] mean = new double[sum[k].length];
            for (int i = 0; i < mean.length; i++) mean[i] = sum[k][i] / count;
            v.copyFrom(Tensor.wrap(mean, v.shape()));
        }
    }
}
