package rln.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.autodiff.Parameter;
import rln.tensor.Precision;
import rln.tensor.Tensor;

class ComparisonCnnTest {
    /** A miniature with every feature of the paper's sizes: patch 7 (conv outputs 5^2 and 3^2), a grid smaller than the patch on one axis. */
    static final CnnArchitecture SMALL = new CnnArchitecture(7, 3, 3, 4, 6, 5);

    static Tensor micro(Random rnd, int n, int nx, int ny, int nz) {
        Tensor m = Tensor.zeros(Precision.FLOAT, n, nx, ny, nz, 1);
        for (int i = 0; i < m.size(); i++) m.set(i, rnd.nextBoolean() ? 1 : 0);
        return m;
    }

    static int[] allVoxels(int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return v;
    }

    @Test
    void thePapersSizes() {
        CnnArchitecture a = CnnArchitecture.paper();
        // conv1 3*3*11*128 + 128, conv2 3*3*128*256 + 256, dense 12544*2048 + 2048, 2048*1024 + 1024, 1024 + 1
        assertEquals(12_800 + 295_168 + 25_692_160 + 2_098_176 + 1_025, a.parameterCount());
        assertEquals(28_099_329, a.parameterCount());
        assertEquals(2.0 * (12544.0 * 2048 + 2048 * 1024 + 1024), a.denseFlops());
        assertEquals(2.0 * (81 * 99 * 128 + 49 * 1152 * 256) + a.denseFlops(), a.flopsPerPatch());
        assertEquals(2.0 * (99 * 128 + 1152 * 256) + a.denseFlops(), a.flopsPerVoxelShared());
    }

    /**
     * Full-field inference (convolutions shared between patches) against the patch-by-patch network on every voxel:
     * the same numbers summed in the same order, so bitwise equal in float, and equal to rounding in double.
     */
    @Test
    void fullFieldEqualsPatchByPatch() {
        Random rnd = new Random(1);
        ComparisonCnn cnn = ComparisonCnn.initialized(SMALL, Precision.FLOAT, 7);
        randomizeBiases(cnn, rnd);
        int nx = 6, ny = 5, nz = 4;
        Tensor m = micro(rnd, 2, nx, ny, nz);
        Tensor full = cnn.predict(m).get(0);
        float[] patchwise = cnn.predictVoxels(m, allVoxels(m.size()));
        assertArrayEquals(new int[] {2, nx, ny, nz, 1}, full.shape());
        for (int i = 0; i < patchwise.length; i++) assertEquals(patchwise[i], (float) full.get(i), 0, "voxel " + i);
        ComparisonCnn d = cnn.to(Precision.DOUBLE);
        Tensor fullD = d.predict(m.to(Precision.DOUBLE)).get(0);
        float[] patchD = d.predictVoxels(m.to(Precision.DOUBLE), allVoxels(m.size()));
        double spread = 0;
        for (int i = 0; i < patchD.length; i++) spread = Math.max(spread, Math.abs(fullD.get(i) - full.get(i)));
        for (int i = 0; i < patchD.length; i++) assertEquals(patchD[i], (float) fullD.get(i), 0, "double, voxel " + i);
        assertTrue(spread > 0 && spread < 1e-4, "float and double differ at rounding level: " + spread);
    }

    /** The periodic neighbourhood: a shifted microstructure gives the shifted field (the model is translation-equivariant). */
    @Test
    void aPeriodicShiftShiftsThePrediction() {
        Random rnd = new Random(2);
        ComparisonCnn cnn = ComparisonCnn.initialized(SMALL, Precision.DOUBLE, 3);
        int nx = 5, ny = 4, nz = 6;
        Tensor m = micro(rnd, 1, nx, ny, nz).to(Precision.DOUBLE), shifted = Tensor.zeros(Precision.DOUBLE, m.shape());
        for (int x = 0; x < nx; x++)
            for (int y = 0; y < ny; y++)
                for (int z = 0; z < nz; z++) shifted.set(((x + 2) % nx * ny + (y + 3) % ny) * nz + (z + 1) % nz, m.get((x * ny + y) * nz + z));
        Tensor a = cnn.predict(m).get(0), b = cnn.predict(shifted).get(0);
        for (int x = 0; x < nx; x++)
            for (int y = 0; y < ny; y++)
                for (int z = 0; z < nz; z++)
                    assertEquals(a.get((x * ny + y) * nz + z), b.get(((x + 2) % nx * ny + (y + 3) % ny) * nz + (z + 1) % nz), 1e-12);
    }

    /** The training step's gradient (tape) against central differences of its loss, in double, for entries of every parameter. */
    @Test
    void trainingStepGradientMatchesCentralDifferences() {
        Random rnd = new Random(4);
        ComparisonCnn cnn = ComparisonCnn.initialized(SMALL, Precision.DOUBLE, 5);
        randomizeBiases(cnn, rnd);
        Tensor m = micro(rnd, 2, 5, 6, 4).to(Precision.DOUBLE);
        int[] voxels = {0, 17, 119, 200, 55};
        float[] labels = {1.2f, 0.4f, 0.9f, 2.5f, 1.0f};
        double lambda = 0.01;
        cnn.trainingStep(m, voxels, labels, lambda);
        List<Tensor> grads = cnn.parameters().stream().map(p -> p.grad().copy()).toList(); // later steps add to the grads
        double h = 1e-6;
        for (int k = 0; k < grads.size(); k++) {
            Parameter p = cnn.parameters().get(k);
            Tensor v = p.value();
            for (int trial = 0; trial < 3; trial++) {
                int j = rnd.nextInt(v.size());
                double x0 = v.get(j), an = grads.get(k).get(j);
                v.set(j, x0 + h);
                double lp = loss(cnn, m, voxels, labels, lambda);
                v.set(j, x0 - h);
                double lm = loss(cnn, m, voxels, labels, lambda);
                v.set(j, x0);
                double num = (lp - lm) / (2 * h);
                // central differences: truncation ~h^2, rounding ~1e-16 |L| / h; ReLU kinks are 1e-6 away with probability ~1
                assertEquals(num, an, 1e-6 * Math.max(1, Math.abs(num)), p.name() + "[" + j + "]");
            }
        }
    }

    private static double loss(ComparisonCnn cnn, Tensor m, int[] voxels, float[] labels, double lambda) {
        ComparisonCnn.StepLoss l = cnn.trainingStep(m, voxels, labels, lambda);
        return l.mse() + l.penalty();
    }

    @Test
    void saveAndLoadKeepEveryParameter(@TempDir Path dir) throws Exception {
        ComparisonCnn cnn = ComparisonCnn.initialized(SMALL, Precision.FLOAT, 9);
        Models.save(cnn, dir.resolve("m"));
        LocalizationModel back = Models.load(dir.resolve("m"));
        assertInstanceOf(ComparisonCnn.class, back);
        assertEquals("cnn", back.kind());
        List<Parameter> a = cnn.parameters(), b = back.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).name(), b.get(i).name());
            assertTrue(a.get(i).value().bitwiseEquals(b.get(i).value()), a.get(i).name());
        }
        Random rnd = new Random(3);
        Tensor m = micro(rnd, 1, 4, 4, 4);
        assertTrue(cnn.predict(m).get(0).bitwiseEquals(back.predict(m).get(0)));
    }

    @Test
    void glorotNormalInitialization() {
        ComparisonCnn cnn = ComparisonCnn.initialized(CnnArchitecture.paper(), Precision.FLOAT, 0);
        Tensor w = cnn.parameters().get(4).value(); // dense1.kernel [12544, 2048]
        double sigma = Math.sqrt(2.0 / (12544 + 2048)) / 0.87962566103423978, s2 = 0, max = 0;
        for (int i = 0; i < w.size(); i++) {
            s2 += w.get(i) * w.get(i);
            max = Math.max(max, Math.abs(w.get(i)));
        }
        // a normal truncated at 2 sigma has variance 0.7737 sigma^2 (= the Keras fan-average variance 2/(fan_in+fan_out))
        assertEquals(2.0 / (12544 + 2048), s2 / w.size(), 1e-3 * 2.0 / (12544 + 2048));
        assertTrue(max <= 2 * sigma + 1e-9, "truncated at 2 sigma");
        assertEquals(0, cnn.parameters().get(5).value().get(7), 0, "biases start at 0");
    }

    private static void randomizeBiases(ComparisonCnn cnn, Random rnd) {
        for (Parameter p : cnn.parameters())
            if (p.name().endsWith(".bias")) for (int i = 0; i < p.value().size(); i++) p.value().set(i, 0.2 * rnd.nextGaussian());
    }
}
