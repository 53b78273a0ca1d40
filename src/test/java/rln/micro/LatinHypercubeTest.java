package rln.micro;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LatinHypercubeTest {

    @Property(tries = 20, seed = "20261126")
    void everyStratumOfEveryParameterIsHitOnce(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed) {
        LatinHypercube lhs = new LatinHypercube(seed, n, 4);
        boolean[][] hit = new boolean[4][n];
        for (int i = 0; i < n; i++) {
            double[] u = lhs.point(i, SeededStreams.stream(seed, SeededStreams.SAMPLE, i));
            for (int p = 0; p < 4; p++) {
                int s = (int) Math.floor(u[p] * n);
                assertTrue(s >= 0 && s < n && u[p] >= 0 && u[p] < 1, "u = " + u[p]);
                assertFalse(hit[p][s], "stratum " + s + " of parameter " + p + " hit twice");
                hit[p][s] = true;
            }
        }
    }

    @Test
    void grainSizesCoverOneToNWhenCountEqualsSize() {
        // count = size = n: the strata of u are [k/n, (k+1)/n), so g = ceil(u n) = k + 1 takes every value 1..n once
        int n = 13;
        Family f = Family.create("grf", n, 7, n);
        int[][] g = new int[3][n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> p = f.sample(i).parameters();
            g[0][i] = (Integer) p.get("gx");
            g[1][i] = (Integer) p.get("gy");
            g[2][i] = (Integer) p.get("gz");
        }
        int[] oneToN = new int[n];
        for (int i = 0; i < n; i++) oneToN[i] = i + 1;
        for (int[] a : g) {
            Arrays.sort(a);
            assertArrayEquals(oneToN, a);
        }
    }

    @Test
    void aSampleDependsOnlyOnSeedCountAndIndex() {
        // made in reverse order by a fresh family (as a shard or another thread would): identical bytes and parameters
        for (String kind : Family.KINDS) {
            Family a = Family.create(kind, 8, 3, 10), b = Family.create(kind, 8, 3, 10);
            Sample[] forward = new Sample[10];
            for (int i = 0; i < 10; i++) forward[i] = a.sample(i);
            for (int i = 9; i >= 0; i--) {
                Sample s = b.sample(i);
                assertArrayEquals(forward[i].phase(), s.phase(), kind + " sample " + i);
                assertEquals(forward[i].parameters(), s.parameters());
            }
            assertFalse(Arrays.equals(forward[0].phase(), Family.create(kind, 8, 4, 10).sample(0).phase()), kind + ": another seed differs");
        }
    }

    @Test
    void grfSamplesHaveTheirTargetFraction() {
        Family f = Family.create("grf", 10, 1, 20);
        for (int i = 0; i < 20; i++) {
            Sample s = f.sample(i);
            double target = (Double) s.parameters().get("vf_target");
            assertEquals(Math.round(target * 1000), Math.round(Sample.stiffFraction(s.phase()) * 1000));
        }
    }
}
