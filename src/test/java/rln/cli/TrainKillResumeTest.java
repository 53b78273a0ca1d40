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
 * A real {@code rln train} process killed after epoch 2 of 5, then re-run: it resumes and ends with the same model,
 * byte for byte, as an uninterrupted process (same seed and threads), and every file it left is whole. The kill
 * comes at a fixed point, not from the clock: the child ({@link HaltAfterEpoch}) halts its JVM like a SIGKILL (no
 * shutdown hooks, no cleanup) as the trainer reports epoch 2, after that epoch's checkpoint and before epoch 3.
 * (Interruptions in the middle of a write are {@code TrainerTest}'s: half-written checkpoint and model directories.)
 * The FLN on a 7^3 grid keeps it to seconds.
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

    /** {@code rln train} in a child JVM; with {@code haltAfterEpoch} > 0 it dies as it reports that epoch. */
    static Process train(Path train, Path valid, Path out, int haltAfterEpoch) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        if (haltAfterEpoch > 0) cmd.addAll(List.of(HaltAfterEpoch.class.getName(), String.valueOf(haltAfterEpoch)));
        else cmd.add(Main.class.getName());
        cmd.addAll(List.of("train", "--train", train.toString(), "--valid", valid.toString(),
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
        Process a = train(train, valid, straight, 0);
        assertTrue(a.waitFor(120, TimeUnit.SECONDS), "uninterrupted run did not finish");
        assertEquals(0, a.exitValue(), Files.readString(tmp.resolve("straight.log")));

        Process b = train(train, valid, killed, 2);
        assertTrue(b.waitFor(120, TimeUnit.SECONDS), "the run to be halted did not end");
        assertEquals(137, b.exitValue(), "halted after epoch 2: " + Files.readString(tmp.resolve("killed.log")));
        assertFalse(Files.exists(killed.resolve("model.json")), "killed before the end: no final model yet");
        // the pointer names the complete checkpoint of epoch 2, and the curve has its two rows
        String latest = (String) rln.io.Json.parseObject("checkpoint.json", Files.readString(killed.resolve("checkpoint.json"))).get("latest");
        assertEquals("checkpoints/epoch-0002", latest);
        assertTrue(Files.exists(killed.resolve(latest).resolve("state.json")), latest);
        assertEquals(2, LearningCurveCsv.read(killed.resolve("curve.csv")).size());

        Process c = train(train, valid, killed, 0);
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
