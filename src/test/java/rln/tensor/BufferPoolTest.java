package rln.tensor;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    @Test
    void exactSizeClassesZeroedOnRequestAndBounded() {
        BufferPool.clear();
        float[] a = BufferPool.floats(777);
        a[5] = 9;
        BufferPool.release(a);
        assertEquals(4L * 777, BufferPool.retainedBytes());
        assertNotSame(a, BufferPool.floats(778), "another length is another class");
        float[] z = BufferPool.floatsZeroed(777);
        assertSame(a, z);
        assertEquals(0, z[5]);
        assertEquals(0, BufferPool.retainedBytes());
        List<double[]> many = new ArrayList<>();
        for (int i = 0; i < BufferPool.MAX_PER_CLASS + 10; i++) many.add(new double[3]);
        for (double[] d : many) BufferPool.release(d);
        assertEquals(8L * 3 * BufferPool.MAX_PER_CLASS, BufferPool.retainedBytes(), "at most MAX_PER_CLASS arrays per class");
        long[] hm = BufferPool.hitsAndMisses();
        assertEquals(1, hm[0]);
        BufferPool.clear();
        assertEquals(0, BufferPool.retainedBytes());
    }

    @Test
    void threadsShareThePoolSafely() throws Exception {
        BufferPool.clear();
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread[] ts = new Thread[4];
        for (int k = 0; k < ts.length; k++) {
            ts[k] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    float[] f = BufferPool.floatsZeroed(64);
                    for (int j = 0; j < f.length; j++) assertEquals(0, f[j], "nobody else writes an array we hold");
                    java.util.Arrays.fill(f, 1);
                    BufferPool.release(f);
                }
            });
            ts[k].setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
            ts[k].start();
        }
        for (Thread t : ts) t.join();
        assertNull(failure.get(), "a thread saw an array another thread was using");
        assertTrue(BufferPool.retainedBytes() <= 4L * 64 * ts.length);
        BufferPool.clear();
    }
}
