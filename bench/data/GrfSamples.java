import java.nio.file.Path;
import java.util.SplittableRandom;
import rln.io.Npy;
import rln.micro.GaussianRandomField;

/**
 * Writes K Gaussian-random-field microstructures with fixed (gx, gy, gz, vf) as a (K, n, n, n) uint8 .npy, for
 * grf_vs_pymks.py. Run with the source launcher: java -cp target/rln.jar bench/data/GrfSamples.java OUT K n gx gy gz vf
 */
public class GrfSamples {
    public static void main(String[] a) throws Exception {
        Path out = Path.of(a[0]);
        int k = Integer.parseInt(a[1]), n = Integer.parseInt(a[2]);
        int gx = Integer.parseInt(a[3]), gy = Integer.parseInt(a[4]), gz = Integer.parseInt(a[5]);
        double vf = Double.parseDouble(a[6]);
        int voxels = n * n * n;
        byte[] all = new byte[k * voxels];
        for (int i = 0; i < k; i++) {
            byte[] p = GaussianRandomField.generate(n, n, n, gx, gy, gz, vf, new SplittableRandom(1000 + i));
            System.arraycopy(p, 0, all, i * voxels, voxels);
        }
        Npy.writeBytes(out, all, k, n, n, n);
    }
}
