package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.DatasetWriter;
import rln.io.Fields;
import rln.io.LearningCurveCsv;

/**
 * A real {@code rln train} process killed (SIGKILL) after its first checkpoint, then re-run: it resumes and ends
 * with the same model, byte for byte, as an uninterrupted process (same seed and threads), and every file it left
 * is whole. The FLN on a 7^3 grid keeps it to seconds.
 */
class TrainKillResumeTest {

    static Path dataset(Path dir, int n, long seed) throws Exception {
        Random r = new Random(seed);
        int v = 7 * 7 * 7;
        try (DatasetWriter w = new DatasetWriter(dir, n, 7, 7, 7, Fields.EXX)) {
            for (int s = 0; s < n; s++) {
                byte[] m = new byte[v];
                double[] exx = new double[v];
                for (int x = 0; x < v; x++) {
                    m[x] = (byte) r.nextInt(2);
                    exx[x] = m[x] == 1 ? 0.4 + 0.1 * r.nextDouble() : 1.5 + 0.2 * r.nextDouble();
                }
                w.append(m, exx);
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("count", n);
            meta.put("indices", new int[] {0, n});
            w.finish(meta);
        }
        return dir;
    }

    static Process train(Path train, Path valid, Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "rln.cli.Main", "train", "--train", train.toString(), "--valid", valid.toString(),
                "--model", "fln", "--out", out.toString(), "--epochs", "5", "--batch", "4", "--seed", "5", "--threads", "2"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log").toFile()).start();
    }

    static byte[] allModelBytes(Path dir) throws Exception {
        StringBuilder names = new StringBuilder();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList()) {
                names.append(f.getFileName()).append('\n');
                all.write(Files.readAllBytes(f));
            }
        }
        all.write(names.toString().getBytes());
        return all.toByteArray();
    }

    @Test
    void aKilledTrainingProcessResumesToTheSameModel(@TempDir Path tmp) throws Exception {
        Path train = dataset(tmp.resolve("train"), 12, 1), valid = dataset(tmp.resolve("valid"), 4, 2);
        Path straight = tmp.resolve("straight"), killed = tmp.resolve("killed");
        Process a = train(train, valid, straight);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS), "uninterrupted run did not finish");
        assertEquals(0, a.exitValue(), Files.readString(tmp.resolve("straight.log")));

        Process b = train(train, valid, killed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(killed.resolve("checkpoint.json")) && b.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
        assertTrue(b.isAlive(), "the run ended before it could be killed: " + Files.readString(tmp.resolve("killed.log")));
        b.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
        b.waitFor();
        assertFalse(Files.exists(killed.resolve("model.json")), "killed before the end: no final model yet");
        // the pointer names a complete checkpoint of an epoch before the last (curve.csv may not be written yet)
        String latest = (String) rln.io.Json.parseObject("checkpoint.json", Files.readString(killed.resolve("checkpoint.json"))).get("latest");
        assertTrue(latest.matches("checkpoints/epoch-000[1-4]") && Files.exists(killed.resolve(latest).resolve("state.json")), latest);

        Process c = train(train, valid, killed);
        assertTrue(c.waitFor(120, TimeUnit.SECONDS), "resumed run did not finish");
        String log = Files.readString(tmp.resolve("killed.log"));
        assertEquals(0, c.exitValue(), log);
        assertTrue(log.contains("resuming"), log);
        assertArrayEquals(allModelBytes(straight), allModelBytes(killed));
        assertArrayEquals(allModelBytes(straight.resolve("best")), allModelBytes(killed.resolve("best")));
        assertEquals(5, LearningCurveCsv.read(killed.resolve("curve.csv")).size());
        assertArrayEquals(LearningCurveCsv.read(straight.resolve("curve.csv")).validLoss(), LearningCurveCsv.read(killed.resolve("curve.csv")).validLoss());
    }
}
