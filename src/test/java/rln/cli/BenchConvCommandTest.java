package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code rln bench conv} prints one JSON line with the fields the benchmark tables read. */
class BenchConvCommandTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new BenchConvCommand()).execute(args));
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void printsOneJsonLineWithTheTimings() {
        String out = run("--n", "5", "--cin", "3", "--cout", "4", "--reps", "1", "--warmup", "0", "--threads", "1");
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.startsWith("{") && out.endsWith("}"), out);
        for (String key : new String[] {"n", "batch", "cin", "cout", "k", "stride", "threads", "impl", "forward_ms",
                "backward_ms", "backward_data_ms", "backward_weights_ms", "forward_gflops", "forward_cpu_ms"})
            assertTrue(out.contains("\"" + key + "\":"), key + " missing in " + out);
        assertTrue(out.contains("\"n\":5,") && out.contains("\"cin\":3,") && out.contains("\"cout\":4,"), out);
    }

    @Test
    void transposedLayerRuns() {
        String out = run("--n", "3", "--cin", "4", "--cout", "2", "--k", "2", "--stride", "2", "--transposed",
                "--reps", "1", "--warmup", "0", "--impl", "scalar");
        assertTrue(out.contains("\"transposed\":true") && out.contains("\"impl\":\"scalar\""), out);
    }
}
