package rln.util;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    /** Every chunk runs once, on at most T threads, one of them the caller; T = 1 runs everything on the caller. */
    @Test
    void everyChunkOnceOnAtMostTThreadsIncludingTheCaller() {
        int before = Parallel.threads();
        try {
            for (int T : new int[] {1, 2, 3}) {
                Parallel.setThreads(T);
                for (int rep = 0; rep < 20; rep++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(1000);
                    Set<Thread> used = ConcurrentHashMap.newKeySet();
                    Parallel.forChunks(1000, 64, (c, from, to) -> {
                        used.add(Thread.currentThread());
                        for (int i = from; i < to; i++) runs.incrementAndGet(i);
                        busy();
                    });
                    for (int i = 0; i < 1000; i++) assertEquals(1, runs.get(i), "element " + i);
                    assertTrue(used.size() <= T, T + " threads asked, " + used.size() + " used");
                    if (T == 1) assertEquals(Set.of(Thread.currentThread()), used);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** All tasks run even when some fail; the lowest-numbered failure is the one rethrown; nested splits finish. */
    @Test
    void lowestFailureAfterAllRanAndNestedSplits() {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            AtomicIntegerArray ran = new AtomicIntegerArray(8);
            Runnable[] tasks = new Runnable[8];
            for (int i = 0; i < 8; i++) {
                int fi = i;
                tasks[i] = () -> {
                    ran.incrementAndGet(fi);
                    if (fi == 3 || fi == 6) throw new IllegalStateException("task " + fi);
                };
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.invokeAll(tasks));
            assertEquals("task 3", e.getMessage());
            for (int i = 0; i < 8; i++) assertEquals(1, ran.get(i));
            AtomicIntegerArray inner = new AtomicIntegerArray(16 * 16);
            Parallel.forChunks(16, 16, (c, from, to) -> Parallel.forChunks(16, 16, (c2, f2, t2) -> inner.incrementAndGet(c * 16 + c2)));
            for (int i = 0; i < 256; i++) assertEquals(1, inner.get(i));
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static void busy() {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 20_000) Thread.onSpinWait();
    }
}
