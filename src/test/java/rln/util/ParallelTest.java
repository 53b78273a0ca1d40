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

    /** Runs {@code body} with the pool at {@code T} threads, then restores the thread count. */
    static void atThreads(int T, Runnable body) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(T);
            body.run();
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * A gang runs its members at the same time on distinct threads (member 0 on the caller): each member records its
     * phase-1 value before the barrier and reads every other member's after it. Inside a member threads() is 1 and a
     * split runs on the member's own thread; outside, the pool is back to T.
     */
    @Test
    void aGangRunsItsMembersSideBySideAndTheirSplitsStayOnTheirThreads() {
        for (int T : new int[] {2, 3}) atThreads(T, () -> {
            for (int k = 1; k <= T; k++) {
                int kk = k;
                Thread[] thread = new Thread[k];
                int[] phase1 = new int[k], seen = new int[k], inner = new int[k];
                boolean[] ownThread = new boolean[k];
                Parallel.gang(k, (m, barrier) -> {
                    thread[m] = Thread.currentThread();
                    inner[m] = Parallel.threads();
                    Set<Thread> used = ConcurrentHashMap.newKeySet();
                    Parallel.forChunks(64, 16, (c, from, to) -> used.add(Thread.currentThread()));
                    ownThread[m] = used.equals(Set.of(Thread.currentThread()));
                    phase1[m] = 10 + m;
                    barrier.await();
                    for (int o = 0; o < kk; o++) seen[m] += phase1[o];
                });
                assertSame(Thread.currentThread(), thread[0], "member 0 runs on the caller");
                assertEquals(k, Set.of(thread).size(), "distinct threads");
                for (int m = 0; m < k; m++) {
                    assertEquals(1, inner[m], "threads() inside a member");
                    assertTrue(ownThread[m], "member " + m + "'s split stayed on its thread");
                    assertEquals(10 * k + k * (k - 1) / 2, seen[m], "member " + m + " saw every phase-1 value");
                }
                assertEquals(T, Parallel.threads(), "outside the gang");
            }
            assertThrows(IllegalStateException.class, () -> Parallel.gang(T + 1, (m, b) -> {}));
        });
    }

    /** A member that fails before the barrier breaks it: nobody waits forever, and its failure (not the broken barrier) is rethrown. */
    @Test
    void aFailingMemberBreaksTheBarrierAndItsFailureIsRethrown() {
        atThreads(3, () -> {
            for (int failing = 0; failing < 3; failing++) {
                int f = failing;
                java.util.concurrent.atomic.AtomicInteger passed = new java.util.concurrent.atomic.AtomicInteger();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.gang(3, (m, barrier) -> {
                    if (m == f) throw new IllegalStateException("member " + m);
                    barrier.await();
                    passed.incrementAndGet();
                }));
                assertEquals("member " + f, e.getMessage());
                assertEquals(0, passed.get(), "no member got past the broken barrier");
            }
            // a member that ends early leaves the barrier: the others still meet
            java.util.concurrent.atomic.AtomicInteger met = new java.util.concurrent.atomic.AtomicInteger();
            Parallel.gang(3, (m, barrier) -> {
                if (m == 1) return;
                barrier.await();
                met.incrementAndGet();
            });
            assertEquals(2, met.get());
        });
    }

    private static void busy() {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 20_000) Thread.onSpinWait();
    }
}
