package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rln.util.Parallel;

/** {@code rln bench train} prints one JSON line (more with --profile) with the fields the tables read. */
class BenchTrainCommandTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        int threads = Parallel.threads();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new BenchTrainCommand()).execute(args));
        } finally {
            System.setOut(old);
            Parallel.setThreads(threads);
        }
        return buf.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void oneJsonLineWithTheStepAndItsFlops() {
        String out = run("--model", "rln-t", "--passes", "2", "--n", "5", "--batch", "2", "--reps", "1", "--warmup", "0", "--threads", "1");
        assertEquals(1, out.lines().count(), out);
        for (String key : new String[] {"job", "model", "n", "batch", "passes", "threads", "step_seconds", "loss_and_gradients_seconds",
                "adam_seconds", "gflop_per_step", "gflops", "percent_of_peak", "loss"})
            assertTrue(out.contains("\"" + key + "\":"), key + " missing in " + out);
        double gflop = 2 * 3 * rln.nn.ProximalNetwork.forwardFlops(2, 5, 5, 5) / 1e9;
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "\"gflop_per_step\":%.2f,", gflop)), out);
    }

    @Test
    void profileAddsOneLinePerShapeAndMapAndASummary() {
        String out = run("--model", "fln", "--n", "6", "--batch", "1", "--reps", "1", "--warmup", "0", "--threads", "1", "--profile");
        long conv = out.lines().filter(l -> l.contains("\"profile\":\"conv\"")).count();
        assertTrue(conv >= 9 * 2, out); // every layer has a forward and a weight gradient
        assertTrue(out.lines().reduce((a, b) -> b).orElseThrow().contains("\"profile\":\"summary\""), out);
    }

    @Test
    void inferenceTimesPredict() {
        String out = run("--model", "fln", "--n", "5", "--batch", "1", "--reps", "1", "--warmup", "0", "--threads", "1", "--inference");
        assertTrue(out.contains("\"job\":\"inference\"") && !out.contains("adam_seconds"), out);
    }

    @Test
    void badOptionsAreOneLineErrors() {
        CommandLine cl = Main.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err));
        assertEquals(2, cl.execute("bench", "train", "--model", "cnn", "--n", "5"));
        assertTrue(err.toString().contains("--model"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cl.execute("bench", "train", "--n", "0"));
        assertTrue(err.toString().contains("--n"), err.toString());
    }
}
