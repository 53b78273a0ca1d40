package rln.train;

/**
 * The accuracy metric of the paper (METHOD.md section 4): the mean absolute strain error, MASE.
 * <pre>
 *   MASE(pred, true) = 100 % * ( (1/V) sum_x |pred(x) - true(x)| ) / ( (1/V) sum_x true(x) )
 * </pre>
 * per instance (V voxels), reported over a set as mean +- standard deviation. The denominator is the mean of the
 * true field itself (not of its absolute value): for eps_xx under a unit applied eps_xx it is 1 by construction.
 *
 * <p>Standard deviation convention: METHOD.md and the paper only say "standard deviation". The authors' evaluation
 * used numpy's {@code np.std}, the POPULATION standard deviation (divide by n, ddof = 0); {@link Summary#std()} is that
 * one, so our numbers compare with the published table. {@link Summary#sampleStd()} (divide by n - 1) is also given.
 * All sums are in double precision, whatever the input type.
 */
public final class Metrics {
    private Metrics() {}

    /** MASE in percent of one instance. Neither array is modified. */
    public static double mase(double[] pred, double[] truth) {
        checkLengths(pred.length, truth.length);
        double absErr = 0, sumTrue = 0;
        for (int x = 0; x < truth.length; x++) {
            absErr += Math.abs(pred[x] - truth[x]);
            sumTrue += truth[x];
        }
        return 100.0 * (absErr / truth.length) / (sumTrue / truth.length);
    }

    /** MASE in percent of one instance, float prediction (network output) against a double truth. */
    public static double mase(float[] pred, double[] truth) {
        checkLengths(pred.length, truth.length);
        double absErr = 0, sumTrue = 0;
        for (int x = 0; x < truth.length; x++) {
            absErr += Math.abs((double) pred[x] - truth[x]);
            sumTrue += truth[x];
        }
        return 100.0 * (absErr / truth.length) / (sumTrue / truth.length);
    }

    /** MASE in percent of one instance, both fields float (e.g. exx.npy datasets). */
    public static double mase(float[] pred, float[] truth) {
        checkLengths(pred.length, truth.length);
        double absErr = 0, sumTrue = 0;
        for (int x = 0; x < truth.length; x++) {
            absErr += Math.abs((double) pred[x] - (double) truth[x]);
            sumTrue += truth[x];
        }
        return 100.0 * (absErr / truth.length) / (sumTrue / truth.length);
    }

    private static void checkLengths(int pred, int truth) {
        if (pred != truth) throw new IllegalArgumentException("prediction has " + pred + " voxels, truth " + truth);
        if (truth == 0) throw new IllegalArgumentException("empty field");
    }

    /**
     * Mean and standard deviations of a set of per-instance values.
     * <pre>
     *   mean      = (1/n) sum_i v_i
     *   std       = sqrt( (1/n)     sum_i (v_i - mean)^2 )   population, numpy's np.std (ddof = 0)
     *   sampleStd = sqrt( (1/(n-1)) sum_i (v_i - mean)^2 )   sample (ddof = 1); NaN when n = 1
     * </pre>
     */
    public record Summary(int n, double mean, double std, double sampleStd) {
        /** "4.98 % +- 1.49 % (n = 100, population std)". */
        public String format() {
            return String.format(java.util.Locale.ROOT, "%.2f %% +- %.2f %% (n = %d, population std)", mean, std, n);
        }
    }

    /** Summary of the values (two passes: mean first, then squared deviations, for accuracy). */
    public static Summary summarize(double[] values) {
        int n = values.length;
        if (n == 0) throw new IllegalArgumentException("no values to summarize");
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n;
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        return new Summary(n, mean, Math.sqrt(squares / n), n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN);
    }
}
