package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress lines of long jobs: their format, nothing for the last batch, nothing before the interval. */
class ProgressTest {

    @Test
    void oneLinePerUpdateOnceTheIntervalHasPassed() {
        StringWriter s = new StringWriter();
        Progress p = new Progress(new PrintWriter(s), "predict", 0);
        p.update(16, 64);
        p.update(64, 64); // done: the command's own summary follows, no progress line
        String[] lines = s.toString().split("\n");
        assertEquals(1, lines.length, s.toString());
        assertTrue(lines[0].matches("predict: 16/64 samples \\(25 %\\), \\d+\\.\\d s, ETA \\d+ s"), lines[0]);
    }

    @Test
    void silentWithinTheInterval() {
        StringWriter s = new StringWriter();
        Progress p = new Progress(new PrintWriter(s), "eval", 3_600_000_000_000L);
        for (int i = 1; i < 10; i++) p.update(i, 10);
        assertEquals("", s.toString());
    }
}
