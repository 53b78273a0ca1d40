package rln.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header-only read and the streamed write that datasets too large for memory rely on. */
class NpyStreamingTest {
    @TempDir Path dir;

    @Test
    void streamedImageEqualsTheWholeArrayImage() throws Exception {
        double[] v = new double[2 * 3 * 5];
        for (int i = 0; i < v.length; i++) v[i] = i * 0.25 - 3;
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        Npy.writeTo(whole, Npy.ofDoubles(v, 2, 3, 5));
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Npy.writeHeader(streamed, Npy.DType.F8, new int[] {2, 3, 5});
        for (int s = 0; s < 2; s++) { // sample by sample, as DatasetWriter does
            ByteBuffer b = ByteBuffer.allocate(8 * 15).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(v, 15 * s, 15);
            streamed.write(b.array());
        }
        assertArrayEquals(whole.toByteArray(), streamed.toByteArray());
    }

    @Test
    void headerReadAgreesWithTheFullRead() throws Exception {
        Path f = dir.resolve("a.npy");
        Npy.writeFloats(f, new float[4 * 7], 4, 7);
        Npy.Header h = Npy.readHeader(f);
        assertArrayEquals(new int[] {4, 7}, h.shape());
        assertEquals(Npy.DType.F4, h.dtype());
        assertEquals(Files.size(f) - 4 * 7 * 4, h.dataOffset(), "data start where the header ends");
        assertEquals(0, h.dataOffset() % 64, "header padded to 64 bytes");
    }

    @Test
    void headerReadCatchesTruncationExtraBytesAndGarbage() throws Exception {
        Path f = dir.resolve("t.npy");
        Npy.writeBytes(f, new byte[10], 10);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 1));
        assertTrue(assertThrows(InputException.class, () -> Npy.readHeader(f)).getMessage().contains("truncated"));
        Files.write(f, java.util.Arrays.copyOf(all, all.length + 3));
        assertTrue(assertThrows(InputException.class, () -> Npy.readHeader(f)).getMessage().contains("3 bytes after the data"));
        Files.write(f, new byte[] {1, 2, 3});
        assertTrue(assertThrows(InputException.class, () -> Npy.readHeader(f)).getMessage().contains("not a .npy file"));
        assertTrue(assertThrows(InputException.class, () -> Npy.readHeader(dir.resolve("none.npy"))).getMessage().endsWith("no such file"));
    }
}
