package rln.micro;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The authors' microstructures (PyMKS {@code make_microstructure}, as their data script calls it): uniform
 * white noise, blurred by a periodic Gaussian filter with one grain size per axis, thresholded so that a
 * chosen fraction of the voxels is stiff.
 * <pre>
 *   r(x)      ~ Uniform[0, 1), independent per voxel
 *   s(x)      = sum_d k_x(d_x) k_y(d_y) k_z(d_z) r(x - d)       (periodic: indices mod n)
 *   k_a(d)    = exp(-d^2 / (2 sigma_a^2)) / Z_a,  sigma_a = g_a / (2 pi),  d in [-floor(g_a/2), ceil(g_a/2) - 1]
 *   phase(x)  = 1 for the round(vf * N) voxels with the largest s (ties: lower index first), 0 elsewhere
 * </pre>
 * The kernel is PyMKS's: it builds {@code fourier_gaussian(ones(g), sigma=1)}, i.e. the samples
 * exp(-2 pi^2 (d/g)^2) of a Gaussian on a window of g offsets, which is a Gaussian of standard deviation
 * g / (2 pi) voxels cut at about +-pi sigma. So the "grain size" g is the width of the blur window: g = 1
 * leaves white noise, g = n a blur as wide as the cell. Being a product of one-dimensional kernels, the
 * filter is applied as three periodic one-dimensional convolutions (exactly the same sums as the 3D one).
 * Thresholding at the rank (the quantile) makes the stiff fraction exact to one voxel.
 */
public final class GaussianRandomField {
    private GaussianRandomField() {}

    /** One sample: noise from {@code random} (advanced by nx*ny*nz draws), blurred, thresholded. */
    public static byte[] generate(int nx, int ny, int nz, int gx, int gy, int gz, double volumeFraction, SplittableRandom random) {
        checkGrain(gx, nx, "gx");
        checkGrain(gy, ny, "gy");
        checkGrain(gz, nz, "gz");
        double[] noise = new double[nx * ny * nz];
        for (int v = 0; v < noise.length; v++) noise[v] = random.nextDouble();
        double[] s = blur(noise, nx, ny, nz, gx, gy, gz);
        return threshold(s, stiffVoxels(volumeFraction, s.length));
    }

    /** round(vf * N), the number of stiff voxels for a target fraction vf in [0, 1]. */
    public static int stiffVoxels(double volumeFraction, int voxels) {
        if (!(volumeFraction >= 0 && volumeFraction <= 1)) throw new IllegalArgumentException("volume fraction must be in [0, 1], got " + volumeFraction);
        return (int) Math.round(volumeFraction * voxels);
    }

    private static void checkGrain(int g, int n, String name) {
        if (g < 1 || g > n) throw new IllegalArgumentException(name + " must be in 1.." + n + ", got " + g);
    }

    /**
     * The normalized kernel k(d) for offsets d = -floor(g/2) .. ceil(g/2) - 1, stored at [d + floor(g/2)].
     * StrictMath keeps the bytes identical on every JVM and CPU.
     */
    public static double[] kernel(int g) {
        double[] k = new double[g];
        int lo = g / 2;
        double z = 0;
        for (int t = 0; t < g; t++) {
            double d = t - lo;
            k[t] = StrictMath.exp(-2 * Math.PI * Math.PI * d * d / ((double) g * g));
            z += k[t];
        }
        for (int t = 0; t < g; t++) k[t] /= z;
        return k;
    }

    /** s = k_x * k_y * k_z * r, periodic; {@code r} (C order) is not modified. */
    public static double[] blur(double[] r, int nx, int ny, int nz, int gx, int gy, int gz) {
        double[] a = convolveAxis(r, nx, ny, nz, 0, kernel(gx));
        double[] b = convolveAxis(a, nx, ny, nz, 1, kernel(gy));
        return convolveAxis(b, nx, ny, nz, 2, kernel(gz));
    }

    /**
     * out(x) = sum_t k[t] in(x - (t - floor(len/2)) e_axis), indices mod n along {@code axis}: every line of
     * voxels along the axis is convolved with k on its own, periodically.
     */
    static double[] convolveAxis(double[] in, int nx, int ny, int nz, int axis, double[] k) {
        int len = axis == 0 ? nx : axis == 1 ? ny : nz;
        int stride = axis == 0 ? ny * nz : axis == 1 ? nz : 1; // C order: distance between neighbours along axis
        int lo = k.length / 2;
        double[] out = new double[in.length];
        double[] line = new double[len];
        for (int start = 0; start < in.length; start++) {
            if ((start / stride) % len != 0) continue; // start must be the first voxel of a line along axis
            for (int a = 0; a < len; a++) line[a] = in[start + a * stride];
            for (int a = 0; a < len; a++) {
                double sum = 0;
                for (int t = 0; t < k.length; t++) sum += k[t] * line[Math.floorMod(a - (t - lo), len)];
                out[start + a * stride] = sum;
            }
        }
        return out;
    }

    /** phase = 1 on the {@code ones} voxels with the largest values (ties: the lower index wins), 0 elsewhere. */
    public static byte[] threshold(double[] s, int ones) {
        if (ones < 0 || ones > s.length) throw new IllegalArgumentException("cannot mark " + ones + " of " + s.length + " voxels");
        Integer[] order = new Integer[s.length];
        for (int v = 0; v < s.length; v++) order[v] = v;
        Arrays.sort(order, (p, q) -> {
            int c = Double.compare(s[q], s[p]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        byte[] phase = new byte[s.length];
        for (int r = 0; r < ones; r++) phase[order[r]] = 1;
        return phase;
    }
}
