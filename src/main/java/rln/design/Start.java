package rln.design;

import java.util.SplittableRandom;
import rln.micro.GaussianRandomField;
import rln.micro.SeededStreams;

/**
 * The seeded start of a design: one microstructure of the authors' generator family (METHOD.md section 4, data),
 * a periodic Gaussian random field with grain sizes g_a = ceil(u_a n), u_a uniform in [0, 1) from the seed, but
 * thresholded at the target volume fraction instead of a random one.
 */
public final class Start {
    private Start() {}

    /** The start for ({@code n}, {@code vf}, {@code seed}); the same bytes for the same arguments. */
    public static byte[] grf(int n, double vf, long seed) {
        SplittableRandom random = SeededStreams.stream(seed, SeededStreams.SAMPLE, 0);
        int gx = grain(random.nextDouble(), n), gy = grain(random.nextDouble(), n), gz = grain(random.nextDouble(), n);
        return GaussianRandomField.generate(n, n, n, gx, gy, gz, vf, random);
    }

    private static int grain(double u, int n) {
        return Math.max(1, Math.min(n, (int) Math.ceil(u * n)));
    }
}
