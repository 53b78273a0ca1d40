package rln.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir Path dir;

    @Test
    void doublesRoundTrip() throws Exception {
        double[] v = {1.5, -2.25, Math.PI, 0, Double.MIN_VALUE, 1e300};
        Path f = dir.resolve("a.npy");
        Npy.writeDoubles(f, v, 2, 3);
        Npy.Array a = Npy.read(f);
        assertArrayEquals(new int[] {2, 3}, a.shape);
        assertEquals(Npy.DType.F8, a.dtype);
        assertArrayEquals(v, a.toDoubles());
        assertEquals(0, (Files.size(f) - 6 * 8) % 64, "magic + header are padded to a multiple of 64 bytes");
    }

    @Test
    void headerMatchesNumpyByteForByte() throws Exception {
        // numpy.save(f, np.zeros((2,3), np.float32)) writes exactly this 128-byte-aligned header
        Path f = dir.resolve("b.npy");
        Npy.writeFloats(f, new float[6], 2, 3);
        byte[] all = Files.readAllBytes(f);
        String header = new String(all, 10, 118, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.trim());
        assertEquals(128 + 24, all.length);
        assertEquals(1, all[6]);
    }

    @Test
    void truncatedFileIsNamed() throws Exception {
        Path f = dir.resolve("t.npy");
        Npy.writeBytes(f, new byte[27], 3, 3, 3);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 5));
        InputException e = assertThrows(InputException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void garbageAndUnsupportedAreRejected() throws Exception {
        Path f = dir.resolve("g.npy");
        Files.writeString(f, "hello world, not numpy");
        assertTrue(assertThrows(InputException.class, () -> Npy.read(f)).getMessage().contains("magic"));
        Path o = dir.resolve("o.npy");
        byte[] img = npyImage("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        Files.write(o, img);
        assertTrue(assertThrows(InputException.class, () -> Npy.read(o)).getMessage().contains("dtype"));
        Path ft = dir.resolve("f.npy");
        Files.write(ft, npyImage("{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }", new byte[8]));
        assertTrue(assertThrows(InputException.class, () -> Npy.read(ft)).getMessage().contains("Fortran"));
        Path be = dir.resolve("be.npy");
        Files.write(be, npyImage("{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        assertTrue(assertThrows(InputException.class, () -> Npy.read(be)).getMessage().contains("dtype"));
        assertTrue(assertThrows(InputException.class, () -> Npy.read(dir.resolve("missing.npy"))).getMessage().contains("no such file"));
    }

    @Test
    void scalarAndOneDimensionalShapes() throws Exception {
        Path f = dir.resolve("s.npy");
        Npy.writeDoubles(f, new double[] {7}, new int[0]);
        assertEquals(0, Npy.read(f).rank());
        assertEquals(7.0, Npy.read(f).toDoubles()[0]);
        Npy.writeFloats(f, new float[] {1, 2, 3}, 3);
        assertArrayEquals(new int[] {3}, Npy.read(f).shape);
    }

    @Property(tries = 50)
    void roundTripsAnyShape(@ForAll @IntRange(min = 0, max = 4) int rank, @ForAll("seeds") long seed) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        int[] shape = new int[rank];
        int n = 1;
        for (int i = 0; i < rank; i++) { shape[i] = 1 + r.nextInt(5); n *= shape[i]; }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        byte[] image;
        try (var bos = new java.io.ByteArrayOutputStream()) {
            Npy.writeTo(bos, Npy.ofFloats(v, shape));
            image = bos.toByteArray();
        }
        Npy.Array back = Npy.parse("mem", image);
        assertArrayEquals(shape, back.shape);
        assertArrayEquals(v, back.toFloats());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    static byte[] npyImage(String dict, byte[] data) {
        StringBuilder h = new StringBuilder(dict);
        while ((10 + h.length() + 1) % 64 != 0) h.append(' ');
        h.append('\n');
        byte[] hb = h.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + hb.length + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (hb.length & 0xff), (byte) (hb.length >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(hb, 0, out, 10, hb.length);
        System.arraycopy(data, 0, out, 10 + hb.length, data.length);
        return out;
    }
}
