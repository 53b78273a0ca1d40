package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.Json;

/** rln train --model cnn (the comparison CNN, in miniature) and rln eval on it, from the command line. */
class CnnCommandsTest {
    /** Patch 5 (conv outputs 3^2 and 1^2), 2 and 3 channels, dense 4 and 3: a few hundred parameters. */
    static final String SMALL = "5,3,2,3,4,3";

    /** The training command line; {@code more} are option-value pairs that replace a default or add an option (a flag: value null). */
    static String[] train(Path train, Path valid, Path out, String... more) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        String[] defaults = {"--model", "cnn", "--architecture", SMALL, "--train", train.toString(), "--valid", valid.toString(), "--out", out.toString(),
                "--epochs", "3", "--voxels", "6", "--batch", "2", "--valid-voxels", "5", "--l2", "1e-4", "--lr", "3e-3", "--threads", "1"};
        for (int i = 0; i < defaults.length; i += 2) o.put(defaults[i], defaults[i + 1]);
        for (int i = 0; i < more.length; i += 2) o.put(more[i], i + 1 < more.length ? more[i + 1] : null);
        List<String> a = new java.util.ArrayList<>(List.of("train"));
        o.forEach((k, v) -> {
            a.add(k);
            if (v != null) a.add(v);
        });
        return a.toArray(new String[0]);
    }

    @Test
    void trainsResumesBitwiseAndEvaluates(@TempDir Path tmp) throws Exception {
        Path tr = TrainEvalCommandsTest.dataset(tmp.resolve("train"), 1), va = TrainEvalCommandsTest.dataset(tmp.resolve("valid"), 2);
        TrainEvalCommandsTest.Run r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("whole")));
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("epoch 3/3"), r.out());
        for (String f : new String[] {"model.json", "curve.csv", "curve.png", "best/model.json", "checkpoint.json"})
            assertTrue(Files.exists(tmp.resolve("whole").resolve(f)), f);
        assertEquals(4, Files.readAllLines(tmp.resolve("whole/curve.csv")).size(), "a header and 3 epochs");

        TrainEvalCommandsTest.Run first = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("parts"), "--stop-after", "1"));
        assertEquals(0, first.code(), first.err());
        assertFalse(Files.exists(tmp.resolve("parts/model.json")), "no final model before the last epoch");
        TrainEvalCommandsTest.Run rest = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("parts")));
        assertEquals(0, rest.code(), rest.err());
        assertTrue(rest.out().contains("resuming"), rest.out());
        try (Stream<Path> s = Files.list(tmp.resolve("whole"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".npy")).toList())
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("parts").resolve(f.getFileName())), "resumed " + f.getFileName());
        }

        Path json = tmp.resolve("e.json");
        TrainEvalCommandsTest.Run e = TrainEvalCommandsTest.run("eval", "--model", tmp.resolve("whole/best").toString(), "--data", va.toString(),
                "--json", json.toString(), "--threads", "1", "--samples", "3");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("cnn    pass 1/1  MASE"), e.out());
        Map<String, Object> j = Json.parseObject("e.json", Files.readString(json));
        assertEquals("cnn", j.get("kind"));
        assertEquals(3L, j.get("samples"));
    }

    /** A learning rate too small to move a float weight: the validation loss never improves on epoch 1, so patience 2 stops after epoch 3. */
    @Test
    void earlyStoppingAfterPatienceEpochs(@TempDir Path tmp) throws Exception {
        Path tr = TrainEvalCommandsTest.dataset(tmp.resolve("train"), 1), va = TrainEvalCommandsTest.dataset(tmp.resolve("valid"), 2);
        TrainEvalCommandsTest.Run r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("m"), "--patience", "2", "--epochs", "10", "--lr", "1e-30"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("early stopping: no better validation loss since epoch 1 (patience 2)"), r.out());
        assertTrue(r.out().contains("epoch 3/10") && !r.out().contains("epoch 4/10"), r.out());
        assertTrue(Files.exists(tmp.resolve("m/model.json")), "the final model is written when training stops early");
    }

    @Test
    void badCnnOptionsAreOneLineErrors(@TempDir Path tmp) throws Exception {
        Path tr = TrainEvalCommandsTest.dataset(tmp.resolve("train"), 1), va = TrainEvalCommandsTest.dataset(tmp.resolve("valid"), 2);
        List<String> l = new java.util.ArrayList<>(List.of(train(tr, va, tmp.resolve("a"))));
        int at = l.indexOf("--l2");
        l.remove(at);
        l.remove(at);
        TrainEvalCommandsTest.Run r = TrainEvalCommandsTest.run(l.toArray(new String[0]));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("meta.json") && r.err().contains("--l2"), r.err());
        r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("b"), "--augment", null));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--augment: not an option of --model cnn"), r.err());
        r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("b"), "--checkpoint-minutes", "5"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--checkpoint-minutes: not an option of --model cnn"), r.err());
        r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("b"), "--ema", "0.99"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--ema: not an option of --model cnn"), r.err());
        r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("b"), "--pass-weights", "1"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--pass-weights: not an option of --model cnn"), r.err());
        r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("b"), "--parallel", "samples"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--parallel samples: the comparison CNN trains with the layers split only"), r.err());
        r = TrainEvalCommandsTest.run("train", "--model", "fln", "--voxels", "3", "--train", tr.toString(), "--valid", va.toString(), "--out",
                tmp.resolve("c").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--voxels: an option of --model cnn only"), r.err());
        r = TrainEvalCommandsTest.run(train(tr, va, tmp.resolve("d"), "--architecture", "4,3,2,3,4,3"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--architecture") && r.err().contains("odd"), r.err());
        assertFalse(Files.exists(tmp.resolve("a")) || Files.exists(tmp.resolve("b")) || Files.exists(tmp.resolve("d")), "nothing partial left");
    }
}
