package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchFftCommandTest {

    private static String run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new BenchFftCommand()).execute(args));
        } finally {
            System.setOut(out);
        }
        return buffer.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void printsOneJsonLineWithTheMedians() {
        String line = run("--n", "6", "--repeat", "3", "--threads", "2");
        assertFalse(line.contains("\n"), line);
        assertTrue(line.matches("\\{\"n\": 6, \"threads\": 2, \"forward_ms\": [0-9.]+, \"inverse_ms\": [0-9.]+, \"impl\": \"rowcolumn.*\"}"), line);
    }

    @Test
    void rejectsABadSizeWithOneLine() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new BenchFftCommand());
        cl.setErr(new java.io.PrintWriter(err));
        assertNotEquals(0, cl.execute("--n", "0"));
        assertTrue(err.toString().contains("--n must be >= 1"), err.toString());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, BenchFftCommand.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchFftCommand.median(new double[] {4, 1, 3, 2}));
    }
}
