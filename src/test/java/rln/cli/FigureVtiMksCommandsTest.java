package rln.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rln.io.Npy;
import rln.nn.mks.InfluenceConvolution;
import rln.nn.mks.MksModel;

class FigureVtiMksCommandsTest {

    static final int N = 3, NX = 6, NY = 5, NZ = 4, V = NX * NY * NZ;

    record Run(int code, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, err.toString());
    }

    /** A small dataset: micro.npy, strain.npy (n, 6, ...) with eps_xx made by a known MKS kernel, pred.npy. */
    static void dataset(Path dir) throws Exception {
        Random rnd = new Random(8);
        byte[] micro = new byte[N * V];
        for (int i = 0; i < micro.length; i++) micro[i] = (byte) (rnd.nextDouble() < 0.3 + 0.1 * (i / V) ? 1 : 0);
        double[][] alpha = {new double[V], new double[V]};
        for (int x = 0; x < V; x++) {
            alpha[0][x] = rnd.nextGaussian();
            alpha[1][x] = rnd.nextGaussian();
        }
        double[] strain = new double[N * 6 * V];
        float[] pred = new float[N * V];
        for (int s = 0; s < N; s++) {
            double[] exx = InfluenceConvolution.predict(alpha, java.util.Arrays.copyOfRange(micro, s * V, (s + 1) * V), NX, NY, NZ);
            for (int x = 0; x < V; x++) {
                strain[s * 6 * V + x] = exx[x];                  // component 0 = xx
                strain[s * 6 * V + V + x] = 1000 + x;            // other components: must not be used
                pred[s * V + x] = (float) (exx[x] * 1.01);
            }
        }
        Files.createDirectories(dir);
        Npy.writeBytes(dir.resolve("micro.npy"), micro, N, NX, NY, NZ);
        Npy.writeDoubles(dir.resolve("strain.npy"), strain, N, 6, NX, NY, NZ);
        Npy.writeFloats(dir.resolve("pred.npy"), pred, N, NX, NY, NZ);
    }

    @Test
    void figureWritesAPngOfTwoRows(@TempDir Path dir) throws Exception {
        dataset(dir);
        Path png = dir.resolve("fig.png");
        Run r = run("figure", "--micro", dir.resolve("micro.npy").toString(), "--truth", dir.resolve("strain.npy").toString(),
                "--pred", dir.resolve("pred.npy").toString(), "--sample", "0,2", "--axis", "y", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        var img = ImageIO.read(png.toFile());
        assertTrue(img.getHeight() > 2 * 5 * 10 && img.getWidth() > 4 * 6 * 10, img.getWidth() + "x" + img.getHeight());
    }

    @Test
    void vtiHoldsTheFourFields(@TempDir Path dir) throws Exception {
        dataset(dir);
        Path vti = dir.resolve("s.vti");
        Run r = run("vti", "--micro", dir.resolve("micro.npy").toString(), "--truth", dir.resolve("strain.npy").toString(),
                "--pred", dir.resolve("pred.npy").toString(), "--sample", "1", "--out", vti.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(vti);
        for (String name : new String[] {"\"phase\"", "\"exx_fe\"", "\"exx_pred\"", "\"abs_error\""}) assertTrue(text.contains(name), name);
        assertFalse(text.contains("1000.0"), "a shear component leaked in as eps_xx");
    }

    @Test
    void mksFitThenPredictReproducesTheKernelsStrain(@TempDir Path dir) throws Exception {
        dataset(dir);
        Path model = dir.resolve("mks"), out = dir.resolve("p.npy");
        assertEquals(0, run("mks", "fit", "--train", dir.toString(), "--out", model.toString()).code());
        Run r = run("mks", "predict", "--model", model.toString(), "--micro", dir.resolve("micro.npy").toString(),
                "--truth", dir.resolve("strain.npy").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Npy.Array p = Npy.read(out);
        assertArrayEquals(new int[] {N, NX, NY, NZ}, p.shape);
        assertEquals(Npy.DType.F4, p.dtype);
        // the training strain came from an MKS kernel, and 3 samples with distinct volume fractions identify it
        // at every k where the samples have Fourier content, so the fit reproduces it: float32 output, so
        // compare to float rounding (values O(10): 1e-4 absolute covers 2^-24 relative plus FFT round-off)
        float[] got = p.toFloats();
        double[] strain = Npy.read(dir.resolve("strain.npy")).toDoubles();
        for (int s = 0; s < N; s++) for (int x = 0; x < V; x++) assertEquals(strain[s * 6 * V + x], got[s * V + x], 1e-4);
        assertEquals(N, MksModel.load(model).trainingSamples());
    }

    @Test
    void badInputsExitWithTwoAndOneLine(@TempDir Path dir) throws Exception {
        dataset(dir);
        Npy.writeBytes(dir.resolve("bad.npy"), new byte[] {0, 1, 2, 0, 0, 0, 0, 0}, 2, 2, 2);
        Run r = run("vti", "--micro", dir.resolve("bad.npy").toString(), "--out", dir.resolve("x.vti").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.npy") && r.err().contains("phases must be 0 or 1"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("x.vti")));

        r = run("figure", "--micro", dir.resolve("micro.npy").toString(), "--truth", dir.resolve("strain.npy").toString(),
                "--pred", dir.resolve("pred.npy").toString(), "--slice", "9", "--out", dir.resolve("f.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--slice"), r.err());

        Npy.writeFloats(dir.resolve("short.npy"), new float[2 * V], 2, NX, NY, NZ);
        r = run("figure", "--micro", dir.resolve("micro.npy").toString(), "--truth", dir.resolve("strain.npy").toString(),
                "--pred", dir.resolve("short.npy").toString(), "--out", dir.resolve("f.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("short.npy") && r.err().contains("2 samples"), r.err());
        assertFalse(Files.exists(dir.resolve("f.png")));

        r = run("mks", "predict", "--model", dir.resolve("nomodel").toString(), "--micro", dir.resolve("micro.npy").toString(),
                "--out", dir.resolve("p.npy").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("model.json"), r.err());
    }

    @Test
    void curveDrawsATrainingCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("log.csv"), png = dir.resolve("c.png");
        Files.writeString(csv, "epoch,train_loss,valid_loss,valid_mase,lr,seconds\n1,30,35,12,0.002,10\n2,20,26,9,0.0019,10\n3,15,21,,0.0017,10\n");
        Run r = run("curve", "--csv", csv.toString(), "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(ImageIO.read(png.toFile()).getWidth() > 900);   // two panels: losses and MASE
        Files.writeString(csv, "epoch;train_loss\n");
        r = run("curve", "--csv", csv.toString(), "--out", png.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("log.csv"), r.err());
    }
}
