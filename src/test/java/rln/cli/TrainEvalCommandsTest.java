package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rln.io.DatasetWriter;
import rln.io.Fields;
import rln.io.Json;
import rln.nn.mks.InfluenceConvolution;

/** rln eval on the MKS baseline (the networks' path is the same Evaluation), and the commands' input errors. */
class TrainEvalCommandsTest {
    static final int N = 4, NX = 5, NY = 4, NZ = 3, V = NX * NY * NZ;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(old);
        }
    }

    /** eps_xx = a first-order MKS response (known kernels, mean near 1): the MKS fit reproduces it exactly. */
    static Path dataset(Path dir, long seed) throws Exception {
        Random rnd = new Random(seed), kernels = new Random(77);
        double[][] alpha = {new double[V], new double[V]};
        alpha[0][0] = 1;
        alpha[1][0] = 0.5;
        for (int x = 0; x < V; x++) {
            alpha[0][x] += 0.02 * kernels.nextGaussian();
            alpha[1][x] += 0.02 * kernels.nextGaussian();
        }
        try (DatasetWriter w = new DatasetWriter(dir, N, NX, NY, NZ, Fields.ALL)) {
            for (int s = 0; s < N; s++) {
                byte[] m = new byte[V];
                for (int x = 0; x < V; x++) m[x] = (byte) (rnd.nextDouble() < 0.4 ? 1 : 0);
                double[] strain = new double[6 * V];
                System.arraycopy(InfluenceConvolution.predict(alpha, m, NX, NY, NZ), 0, strain, 0, V);
                w.append(m, strain);
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("count", N);
            meta.put("indices", new int[] {0, N});
            meta.put("applied_strain", new double[] {1, 0, 0, 0, 0, 0});
            w.finish(meta);
        }
        return dir;
    }

    @Test
    void evalScoresTheMksBaselineFittedOnTheSpotOrSaved(@TempDir Path tmp) throws Exception {
        Path train = dataset(tmp.resolve("train"), 1), test = dataset(tmp.resolve("test"), 2);
        Run r = run("eval", "--model", "mks", "--train", train.toString(), "--data", test.toString(), "--json", tmp.resolve("e.json").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mks    pass 1/1  MASE"), r.out());
        Map<String, Object> j = Json.parseObject("e.json", Files.readString(tmp.resolve("e.json")));
        // the data are an exact first-order MKS response: the fit recovers it to least-squares rounding (float32 targets)
        assertTrue((Double) j.get("mase_mean") < 1e-4, "MASE " + j.get("mase_mean"));
        assertEquals(4L, j.get("samples"));
        assertTrue((Double) j.get("seconds_per_sample") > 0);
        // the model saved by rln mks fit (fitted on the float64 strains, not the float32 targets) scores as well
        assertEquals(0, run("mks", "fit", "--train", train.toString(), "--out", tmp.resolve("mks").toString()).code());
        Run saved = run("eval", "--model", tmp.resolve("mks").toString(), "--data", test.toString(), "--json", tmp.resolve("s.json").toString());
        assertEquals(0, saved.code(), saved.err());
        assertTrue((Double) Json.parseObject("s.json", Files.readString(tmp.resolve("s.json"))).get("mase_mean") < 1e-4);
    }

    @Test
    void evalJsonListsEverySamplesFinalPassMaseInTheSetsOrder(@TempDir Path tmp) throws Exception {
        Path test = tmp.resolve("test"); // 7^3: the network takes grids whose axes are all odd or all even
        assertEquals(0, run("generate", "--out", test.toString(), "--count", String.valueOf(N), "--size", "7", "--contrast", "10", "--threads", "1").code());
        Run r = run("eval", "--model", "published:RLN_t_c10", "--data", test.toString(), "--json", tmp.resolve("all.json").toString(), "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, run("eval", "--model", "published:RLN_t_c10", "--data", test.toString(), "--samples", "1", "--json", tmp.resolve("one.json").toString(), "--threads", "1").code());
        Map<String, Object> all = Json.parseObject("all.json", Files.readString(tmp.resolve("all.json")));
        List<?> perSample = (List<?>) all.get("mase_per_sample");
        assertEquals(N, perSample.size());
        // their mean (summed in the same order) is the reported mean, bitwise; the values differ from sample to sample
        double sum = 0;
        for (Object v : perSample) sum += (Double) v;
        assertEquals((Double) all.get("mase_mean"), sum / N, 0.0);
        assertNotEquals(perSample.get(0), perSample.get(1));
        // sample 0 scored alone has the first entry: the list is in the set's order
        List<?> first = (List<?>) Json.parseObject("one.json", Files.readString(tmp.resolve("one.json"))).get("mase_per_sample");
        assertEquals(List.of(perSample.get(0)), first);
    }

    @Test
    void badInputsEndWithOneLineNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path d = dataset(tmp.resolve("d"), 1);
        Run r = run("train", "--train", d.toString(), "--valid", d.toString(), "--model", "unet", "--out", tmp.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'--model': unknown model kind 'unet' (expected fln, rln-t, rln or cnn)"), r.err());
        r = run("train", "--train", d.toString(), "--valid", d.toString(), "--model", "fln", "--passes", "5", "--out", tmp.resolve("m").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--passes: an FLN has exactly 1 pass"), r.err());
        r = run("eval", "--model", "mks", "--data", d.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("needs --train"), r.err());
        r = run("eval", "--model", tmp.resolve("nothing").toString(), "--data", d.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no model.json"), r.err());
        r = run("eval", "--model", "mks", "--train", tmp.resolve("missing").toString(), "--data", d.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing") && r.err().lines().count() == 1, r.err());
        assertFalse(Files.exists(tmp.resolve("m")));
    }
}
