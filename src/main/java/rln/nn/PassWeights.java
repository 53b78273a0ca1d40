package rln.nn;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The weights of the pass losses in a training objective ({@code rln train --pass-weights}):
 * <pre>
 *   L_w = sum_k w_k L_k,     w_k = a_k / sum_j a_j          (the paper: a_k = 1, L_w = (1/P) sum_k L_k)
 * </pre>
 * from non-negative numbers a_1 .. a_P with a positive sum. Only the gradient follows the weights: a step still
 * reports the paper's L = (1/P) sum_k L_k, so the losses of runs with and without weights compare.
 * A model without weights (null where a {@code PassWeights} is asked for) trains on the paper's L, by the
 * paper's arithmetic (w_k = 1/P).
 */
public final class PassWeights {
    private final double[] w;

    private PassWeights(double[] w) {
        this.w = w;
    }

    /**
     * The weights a_1 .. a_P, normalized.
     *
     * @throws IllegalArgumentException if there are not {@code passes} of them, one is negative or not finite, or
     *                                  all are 0
     */
    public static PassWeights of(int passes, double... a) {
        if (a.length != passes)
            throw new IllegalArgumentException(a.length + " weights for " + passes + " passes (one per pass)");
        double sum = 0;
        for (double x : a) {
            if (!(x >= 0) || !Double.isFinite(x)) throw new IllegalArgumentException("a weight must be a finite number >= 0, got " + x);
            sum += x;
        }
        if (!(sum > 0)) throw new IllegalArgumentException("the weights are all 0");
        double[] w = new double[passes];
        for (int k = 0; k < passes; k++) w[k] = a[k] / sum;
        return new PassWeights(w);
    }

    /** The weights from text "a_1,a_2,...,a_P"; failures as {@link #of}, and for a number that does not parse. */
    public static PassWeights parse(String text, int passes) {
        String[] parts = text.split(",", -1);
        double[] a = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                a[k] = Double.parseDouble(parts[k].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[k] + "' is not a number (expected P comma-separated weights, e.g. 1,1,1,1,4)");
            }
        }
        return of(passes, a);
    }

    /** The number of passes. */
    public int passes() {
        return w.length;
    }

    /** w_(k+1), the normalized weight of pass k (0-based). */
    public double weight(int k) {
        return w[k];
    }

    /** The normalized weights (a copy). */
    public double[] weights() {
        return w.clone();
    }

    /** The normalized weights as text, "w_1,w_2,...", each as Java prints a double (exact: it parses back to the same weight). */
    @Override
    public String toString() {
        return Arrays.stream(w).mapToObj(Double::toString).collect(Collectors.joining(","));
    }
}
