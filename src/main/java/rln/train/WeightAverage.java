package rln.train;

import java.util.List;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

/**
 * Polyak averaging of the parameters: an exponential moving average over the optimizer steps,
 * <pre>
 *   theta_bar_0 = theta_0                                      (the parameters the run starts from)
 *   theta_bar_s = beta theta_bar_{s-1} + (1 - beta) theta_s    after step s
 * </pre>
 * kept in double. The steps s' before s weigh (1 - beta) beta^(s - s'): about the last 1 / (1 - beta) steps count
 * (beta = 0.99: ~100 steps, an epoch of 700 samples at batch 8 is 88). With small batches the parameters after
 * each step scatter around where the steps are heading; their average sits nearer to it. That is what the low
 * learning rates at the end of a cosine schedule buy, at the price of epochs spent there. The optimizer never
 * sees the average: the trainer evaluates, and writes best/ and the final model, with it swapped in
 * ({@link #swappedIn}).
 */
final class WeightAverage {
    final double beta;
    private final List<Parameter> params;
    private final double[][] mean;

    /** The average of {@code params} with decay {@code beta} in [0, 1), starting at their current values. */
    WeightAverage(List<Parameter> params, double beta) {
        if (!(beta >= 0 && beta < 1)) throw new IllegalArgumentException("the averaging decay must be in [0, 1), got " + beta);
        this.beta = beta;
        this.params = params;
        this.mean = new double[params.size()][];
        for (int k = 0; k < mean.length; k++) mean[k] = params.get(k).value().toDoubles();
    }

    /** theta_bar <- beta theta_bar + (1 - beta) theta, after an optimizer step. */
    void update() {
        for (int k = 0; k < mean.length; k++) {
            Tensor v = params.get(k).value();
            double[] m = mean[k];
            if (v.isDouble()) {
                double[] t = v.doubles();
                for (int i = 0; i < m.length; i++) m[i] = beta * m[i] + (1 - beta) * t[i];
            } else {
                float[] t = v.floats();
                for (int i = 0; i < m.length; i++) m[i] = beta * m[i] + (1 - beta) * t[i];
            }
        }
    }

    /** The average of parameter {@code k} (for checkpoints: kept as is, not copied). */
    double[] mean(int k) {
        return mean[k];
    }

    /** Restores parameter {@code k}'s average from a checkpoint. */
    void restore(int k, double[] values) {
        if (values.length != mean[k].length)
            throw new IllegalArgumentException("parameter " + k + " has " + mean[k].length + " values, the average given " + values.length);
        System.arraycopy(values, 0, mean[k], 0, values.length);
    }

    int size() {
        return mean.length;
    }

    /** The parameters hold the average (rounded to their precision) until the returned handle is closed. */
    Swap swappedIn() {
        return new Swap();
    }

    /** While open, the parameters hold the average; {@link #close} puts the optimizer's values back, bit for bit. */
    final class Swap implements AutoCloseable {
        private final Tensor[] saved = new Tensor[mean.length];

        private Swap() {
            for (int k = 0; k < mean.length; k++) {
                Tensor v = params.get(k).value();
                saved[k] = v.copy();
                v.copyFrom(Tensor.wrap(mean[k], v.shape())); // rounded to the parameter's precision
            }
        }

        @Override
        public void close() {
            for (int k = 0; k < mean.length; k++) params.get(k).value().copyFrom(saved[k]);
        }
    }
}
