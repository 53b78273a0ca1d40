package rln.io;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir Path dir;

    static final int NX = 3, NY = 2, NZ = 4, N = NX * NY * NZ;

    static byte[] phase(int i) {
        byte[] p = new byte[N];
        for (int v = 0; v < N; v++) p[v] = (byte) ((v + i) % 3 == 0 ? 1 : 0);
        return p;
    }

    static double[] strain(int i) {
        double[] s = new double[6 * N];
        for (int k = 0; k < s.length; k++) s[k] = i + k * 1e-3;
        return s;
    }

    /** Writes samples [from, to) of a dataset of {@code count} as a directory. */
    static Path write(Path d, int from, int to, int count, Fields fields, String shard) throws Exception {
        try (DatasetWriter w = new DatasetWriter(d, to - from, NX, NY, NZ, fields)) {
            List<Object> samples = new ArrayList<>();
            for (int i = from; i < to; i++) {
                w.append(phase(i), strain(i));
                samples.add(Map.of("index", (long) i));
            }
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("count", count);
            meta.put("contrast", 10.0);
            meta.put("shard", shard);
            meta.put("indices", new int[] {from, to});
            meta.put("samples", samples);
            w.finish(meta);
        }
        return d;
    }

    @Test
    void writtenDatasetReadsBackExactly() throws Exception {
        Dataset d = Dataset.open(write(dir.resolve("ds"), 0, 4, 4, Fields.ALL, null));
        assertEquals(4, d.size());
        assertEquals(Fields.ALL, d.fields());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(phase(i), d.micro(i));
            assertArrayEquals(strain(i), d.strain(i), 0);
            float[] exx = d.exx(i);
            for (int v = 0; v < N; v++) assertEquals((float) strain(i)[v], exx[v], 0);
        }
        // numpy-readable shapes
        assertArrayEquals(new int[] {4, NX, NY, NZ}, Npy.read(dir.resolve("ds/micro.npy")).shape);
        assertArrayEquals(new int[] {4, 6, NX, NY, NZ}, Npy.read(dir.resolve("ds/strain.npy")).shape);
    }

    @Test
    void exxDatasetStoresFloat32Xx() throws Exception {
        Dataset d = Dataset.open(write(dir.resolve("e"), 0, 2, 2, Fields.EXX, null));
        Npy.Array a = Npy.read(dir.resolve("e/exx.npy"));
        assertEquals(Npy.DType.F4, a.dtype);
        assertArrayEquals(new int[] {2, NX, NY, NZ}, a.shape);
        float[] exx = d.exx(1);
        for (int v = 0; v < N; v++) assertEquals((float) strain(1)[v], exx[v], 0);
        assertThrows(InputException.class, () -> d.strain(0));
    }

    @Test
    void nothingIsVisibleBeforeFinishAndAbortLeavesNoTrace() throws Exception {
        Path target = dir.resolve("atomic");
        try (DatasetWriter w = new DatasetWriter(target, 2, NX, NY, NZ, Fields.ALL)) {
            w.append(phase(0), strain(0));
            assertFalse(Files.exists(target), "no dataset before finish");
            // closing without finish = a failure in the middle
        }
        assertFalse(Files.exists(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "the temporary sibling is gone too");
        }
    }

    @Test
    void aDirectoryOfShardsReadsAsOneDatasetInIndexOrder() throws Exception {
        Path shards = dir.resolve("shards");
        write(shards.resolve("b"), 0, 2, 5, Fields.ALL, "0/2"); // names deliberately not in index order
        write(shards.resolve("a"), 2, 5, 5, Fields.ALL, "1/2");
        Dataset d = Dataset.open(shards);
        assertEquals(5, d.size());
        for (int i = 0; i < 5; i++) assertArrayEquals(phase(i), d.micro(i));
        assertEquals(5, ((List<?>) d.meta().get("samples")).size());
        Path merged = dir.resolve("merged");
        Dataset.join(List.of(d), merged, null);
        Path single = write(dir.resolve("single"), 0, 5, 5, Fields.ALL, null);
        for (String f : new String[] {"micro.npy", "strain.npy", "meta.json"})
            assertArrayEquals(Files.readAllBytes(single.resolve(f)), Files.readAllBytes(merged.resolve(f)), f + " bytewise");
    }

    @Test
    void gapsAndOverlapsBetweenShardsAreNamed() throws Exception {
        Path gap = dir.resolve("gap");
        write(gap.resolve("a"), 0, 2, 6, Fields.ALL, "0/3");
        write(gap.resolve("c"), 4, 6, 6, Fields.ALL, "2/3");
        assertTrue(assertThrows(InputException.class, () -> Dataset.open(gap)).getMessage().contains("samples [2, 4) are missing"));
        Path overlap = dir.resolve("overlap");
        write(overlap.resolve("a"), 0, 3, 6, Fields.ALL, null);
        write(overlap.resolve("b"), 2, 6, 6, Fields.ALL, null);
        assertTrue(assertThrows(InputException.class, () -> Dataset.open(overlap)).getMessage().contains("also in another shard"));
    }

    @Test
    void joiningPiecesOfDifferentDatasetsIsRefused() throws Exception {
        Dataset a = Dataset.open(write(dir.resolve("a"), 0, 2, 4, Fields.ALL, "0/2"));
        Path b = write(dir.resolve("b"), 2, 4, 4, Fields.ALL, "1/2");
        String meta = Files.readString(b.resolve("meta.json")).replace("\"contrast\": 10.0", "\"contrast\": 50.0");
        Files.writeString(b.resolve("meta.json"), meta);
        Path out = dir.resolve("joined");
        InputException e = assertThrows(InputException.class, () -> Dataset.join(List.of(a, Dataset.open(b)), out, null));
        assertTrue(e.getMessage().contains("\"contrast\" is 50.0 but 10.0") && e.getMessage().contains("not shards of one dataset"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void readerErrorsNameTheFileAndTheProblem() throws Exception {
        Path d = write(dir.resolve("m"), 0, 2, 2, Fields.ALL, null);
        Files.delete(d.resolve("micro.npy"));
        assertMessage(d, d.resolve("micro.npy") + ": missing");

        Path s = write(dir.resolve("s"), 0, 2, 2, Fields.ALL, null);
        Npy.writeDoubles(s.resolve("strain.npy"), new double[6 * N], 1, 6, NX, NY, NZ);
        assertMessage(s, s.resolve("strain.npy") + ": shape (1, 6, 3, 2, 4) does not match micro.npy (2, 3, 2, 4)");

        Path t = write(dir.resolve("t"), 0, 2, 2, Fields.ALL, null);
        Npy.writeFloats(t.resolve("micro.npy"), new float[2 * N], 2, NX, NY, NZ);
        assertMessage(t, t.resolve("micro.npy") + ": dtype <f4, expected uint8");

        Path u = write(dir.resolve("u"), 0, 2, 2, Fields.ALL, null);
        byte[] all = Files.readAllBytes(u.resolve("strain.npy"));
        Files.write(u.resolve("strain.npy"), java.util.Arrays.copyOf(all, all.length - 8));
        assertMessage(u, u.resolve("strain.npy") + ": truncated");

        Path v = write(dir.resolve("v"), 0, 2, 2, Fields.ALL, null);
        Files.delete(v.resolve("strain.npy"));
        assertMessage(v, "strain.npy: missing");

        Path w = write(dir.resolve("w"), 0, 2, 2, Fields.ALL, null);
        Files.writeString(w.resolve("meta.json"), "{\"count\": 2, \"indices\": [0, 2]");
        assertMessage(w, "meta.json: malformed JSON");

        Path x = write(dir.resolve("x"), 0, 2, 2, Fields.ALL, null);
        byte[] bad = phase(0);
        bad[5] = 7;
        Npy.writeBytes(x.resolve("micro.npy"), concat(phase(0), bad), 2, NX, NY, NZ);
        InputException e = assertThrows(InputException.class, () -> Dataset.open(x).micro(1));
        assertTrue(e.getMessage().contains("micro.npy: sample 1, voxel (0, 1, 1) holds 7 (phases must be 0 or 1)"), e.getMessage());

        assertMessage(dir.resolve("nowhere"), "no such dataset directory");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static void assertMessage(Path d, String expected) {
        InputException e = assertThrows(InputException.class, () -> Dataset.open(d));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }
}
