package rln.micro;

import java.util.SplittableRandom;

/**
 * Latin hypercube sampling (McKay, Beckman, Conover 1979) of {@code dims} parameters over n samples, as the
 * authors draw (g_x, g_y, g_z, vf). Each parameter's unit interval is cut into n equal strata; a random
 * permutation pi_p assigns stratum pi_p(i) to sample i, and the sample sits uniformly inside it:
 * <pre>
 *   u_p(i) = (pi_p(i) + U_{p,i}) / n,   U_{p,i} ~ Uniform[0, 1)
 * </pre>
 * so every stratum of every parameter is hit exactly once. The permutations are drawn for the whole
 * dataset from the seed alone (stream (seed, LHS, p)), and the jitter U from the sample's own stream, so a
 * shard that makes samples [from, to) sees exactly the points a single run gives those indices.
 */
public final class LatinHypercube {
    private final int n;
    private final int[][] stratum; // stratum[p][i] = pi_p(i)

    /** The design for {@code n} samples of {@code dims} parameters from {@code seed}. */
    public LatinHypercube(long seed, int n, int dims) {
        if (n < 1 || dims < 1) throw new IllegalArgumentException("need n >= 1 and dims >= 1, got " + n + ", " + dims);
        this.n = n;
        this.stratum = new int[dims][];
        for (int p = 0; p < dims; p++) stratum[p] = permutation(n, SeededStreams.stream(seed, SeededStreams.LHS, p));
    }

    public int count() {
        return n;
    }

    public int dims() {
        return stratum.length;
    }

    /** pi_p(i): the stratum of parameter p that sample i falls in. */
    public int stratum(int p, int i) {
        return stratum[p][i];
    }

    /**
     * The point of sample {@code i} in the unit cube, u_p = (pi_p(i) + U) / n, with the jitters U drawn
     * (one per parameter, in order) from {@code sampleStream}, which is advanced.
     */
    public double[] point(int i, SplittableRandom sampleStream) {
        double[] u = new double[stratum.length];
        for (int p = 0; p < u.length; p++) u[p] = (stratum[p][i] + sampleStream.nextDouble()) / n;
        return u;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates, Durstenfeld's in-place form). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
