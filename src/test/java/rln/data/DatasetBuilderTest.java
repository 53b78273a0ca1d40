package rln.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rln.io.Dataset;
import rln.io.Fields;
import rln.io.InputException;
import rln.io.Npy;
import rln.micro.Family;
import rln.solve.Element;

class DatasetBuilderTest {
    @TempDir Path dir;

    static final String[] FILES = {"micro.npy", "strain.npy", "meta.json"};

    static DatasetBuilder.Job job(String kind, int count, Shard shard, Fields fields) {
        return new DatasetBuilder.Job(kind, 6, count, 17, shard, 10, 0.3, Element.HEX8_BBAR, 1e-8, fields, "test");
    }

    static String build(DatasetBuilder.Job job, Path out, int threads, int chunk, AtomicInteger solves, int failAfter) throws Exception {
        StringWriter log = new StringWriter();
        DatasetBuilder.build(job, out, threads, chunk, () -> new FakeSolver(solves, failAfter), new PrintWriter(log));
        return log.toString();
    }

    static void assertSameBytes(Path a, Path b, String... files) throws Exception {
        for (String f : files) assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs");
    }

    @Test
    void datasetHoldsTheFamilysSamplesAndTheSolversFields() throws Exception {
        Path out = dir.resolve("ds");
        String log = build(job("grf", 7, Shard.WHOLE, Fields.ALL), out, 2, 3, new AtomicInteger(), Integer.MAX_VALUE);
        assertTrue(log.contains("generate: 7/7 samples (100.0%)"), log);
        Dataset d = Dataset.open(out);
        Family f = Family.create("grf", 6, 17, 7);
        for (int i = 0; i < 7; i++) assertArrayEquals(f.sample(i).phase(), d.micro(i), "sample " + i);
        assertArrayEquals(new int[] {7, 6, 6, 6, 6}, Npy.read(out.resolve("strain.npy")).shape);
        List<?> samples = (List<?>) d.meta().get("samples");
        assertEquals(7, samples.size());
        assertEquals(3L, ((java.util.Map<?, ?>) samples.get(3)).get("index"));
        assertEquals("hex8-bbar", d.meta().get("element"));
        assertEquals(List.of(0L, 7L), d.meta().get("indices"));
        assertFalse(Files.exists(DatasetBuilder.workDirectory(out)), "checkpoints removed when done");
    }

    @Test
    void threadCountDoesNotChangeABit() throws Exception {
        for (String kind : Family.KINDS) {
            Path one = dir.resolve(kind + "1"), two = dir.resolve(kind + "2");
            build(job(kind, 9, Shard.WHOLE, Fields.ALL), one, 1, 4, new AtomicInteger(), Integer.MAX_VALUE);
            build(job(kind, 9, Shard.WHOLE, Fields.ALL), two, 2, 2, new AtomicInteger(), Integer.MAX_VALUE);
            assertSameBytes(one, two, FILES);
        }
    }

    @Test
    void mergedShardsEqualASingleRunBytewise() throws Exception {
        Path single = dir.resolve("single");
        build(job("grf", 10, Shard.WHOLE, Fields.ALL), single, 2, 4, new AtomicInteger(), Integer.MAX_VALUE);
        List<Dataset> shards = new ArrayList<>();
        int[][] ranges = {{0, 3}, {3, 6}, {6, 10}}; // floor(i n / k) for n = 10, k = 3
        for (int i = 0; i < 3; i++) {
            Path s = dir.resolve("shards/s" + i);
            build(job("grf", 10, new Shard(i, 3), Fields.ALL), s, 1, 2, new AtomicInteger(), Integer.MAX_VALUE);
            Dataset d = Dataset.open(s);
            assertEquals(ranges[i][0], d.from());
            assertEquals(ranges[i][1] - ranges[i][0], d.size());
            assertEquals(i + "/3", d.meta().get("shard"));
            shards.add(d);
        }
        Path merged = dir.resolve("merged");
        Dataset.join(List.of(shards.get(2), shards.get(0), shards.get(1)), merged, null);
        assertSameBytes(single, merged, FILES);
        // the reader joins a directory of shards the same way
        Dataset viaReader = Dataset.open(dir.resolve("shards"));
        for (int i = 0; i < 10; i++) assertArrayEquals(Dataset.open(single).micro(i), viaReader.micro(i));
    }

    @Test
    void exxFieldsAreTheXxComponentInFloat32() throws Exception {
        Path all = dir.resolve("all"), exx = dir.resolve("exx");
        build(job("spheres", 4, Shard.WHOLE, Fields.ALL), all, 1, 4, new AtomicInteger(), Integer.MAX_VALUE);
        build(job("spheres", 4, Shard.WHOLE, Fields.EXX), exx, 1, 4, new AtomicInteger(), Integer.MAX_VALUE);
        Dataset a = Dataset.open(all), e = Dataset.open(exx);
        assertEquals(Fields.EXX, e.fields());
        for (int i = 0; i < 4; i++) assertArrayEquals(a.exx(i), e.exx(i), 0);
        assertSameBytes(all, exx, "micro.npy");
    }

    @Test
    void aFailingSolverLeavesNoDataset() throws Exception {
        Path out = dir.resolve("fails");
        assertThrows(IllegalStateException.class,
                () -> build(job("grf", 6, Shard.WHOLE, Fields.ALL), out, 2, 2, new AtomicInteger(), 3));
        assertFalse(Files.exists(out), "no dataset after a failure");
    }

    @Test
    void aKilledRunResumesWhereItStoppedAndGivesTheSameBytes() throws Exception {
        Path reference = dir.resolve("reference");
        build(job("grf", 9, Shard.WHOLE, Fields.ALL), reference, 1, 3, new AtomicInteger(), Integer.MAX_VALUE);

        Path out = dir.resolve("resumed");
        // the "kill": the 5th solve fails, after chunk [0, 3) is saved (one thread: solves happen in index order)
        assertThrows(IllegalStateException.class, () -> build(job("grf", 9, Shard.WHOLE, Fields.ALL), out, 1, 3, new AtomicInteger(), 4));
        assertFalse(Files.exists(out));
        assertTrue(Files.isDirectory(DatasetBuilder.workDirectory(out).resolve("chunk-000000000-000000003")));

        // other arguments must not pick up those checkpoints
        InputException other = assertThrows(InputException.class,
                () -> build(job("grf", 9, Shard.WHOLE, Fields.EXX), out, 1, 3, new AtomicInteger(), Integer.MAX_VALUE));
        assertTrue(other.getMessage().contains("unfinished run with other arguments"), other.getMessage());

        Path staleAssembly = dir.resolve(".resumed.tmp-12345"); // as if killed while assembling the final directory
        Files.createDirectories(staleAssembly);
        AtomicInteger solves = new AtomicInteger();
        String log = build(job("grf", 9, Shard.WHOLE, Fields.ALL), out, 2, 3, solves, Integer.MAX_VALUE);
        assertFalse(Files.exists(staleAssembly), "leftovers of a killed assembly are removed on resume");
        assertTrue(log.contains("resuming: 3 of 9 samples already done"), log);
        assertEquals(6, solves.get(), "only the 6 unsaved samples are solved again");
        assertSameBytes(reference, out, FILES);
    }

    /** Issue 11: a chunk broken by a second writer made every later rerun fail; now it is made again. */
    @Test
    void aDamagedCheckpointIsMadeAgainWithANote() throws Exception {
        Path reference = dir.resolve("reference"), out = dir.resolve("damaged");
        build(job("grf", 9, Shard.WHOLE, Fields.ALL), reference, 1, 3, new AtomicInteger(), Integer.MAX_VALUE);
        String failed = assertThrows(IllegalStateException.class, () -> build(job("grf", 9, Shard.WHOLE, Fields.ALL), out, 1, 3, new AtomicInteger(), 7))
                .getMessage();
        assertEquals("simulated solver failure", failed);
        Path chunk = DatasetBuilder.workDirectory(out).resolve("chunk-000000003-000000006");
        Files.delete(chunk.resolve("strain.npy"));
        AtomicInteger solves = new AtomicInteger();
        String log = build(job("grf", 9, Shard.WHOLE, Fields.ALL), out, 1, 3, solves, Integer.MAX_VALUE);
        assertTrue(log.contains("note: checkpoint chunk-000000003-000000006 is damaged (") && log.contains("strain.npy: missing"), log);
        assertTrue(log.contains("resuming: 3 of 9 samples already done"), log);
        assertEquals(6, solves.get(), "the damaged chunk and the unsaved one are solved again");
        assertSameBytes(reference, out, FILES);
    }

    /** Issue 11: an out-of-memory error left a .partial behind; a run that fails before its first chunk leaves none. */
    @Test
    void aRunThatFailsBeforeItsFirstCheckpointLeavesNothing() throws Exception {
        Path out = dir.resolve("oom");
        StringWriter log = new StringWriter();
        assertThrows(OutOfMemoryError.class, () -> DatasetBuilder.build(job("grf", 6, Shard.WHOLE, Fields.ALL), out, 2, 3,
                () -> (p, tol) -> { throw new OutOfMemoryError("Java heap space"); }, new PrintWriter(log)));
        assertFalse(Files.exists(DatasetBuilder.workDirectory(out)), "no .partial");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
        // after a finished chunk, the checkpoints are kept and the log says where
        assertThrows(IllegalStateException.class, () -> build(job("grf", 6, Shard.WHOLE, Fields.ALL), out, 1, 3, new AtomicInteger(), 4));
        assertTrue(Files.isDirectory(DatasetBuilder.workDirectory(out).resolve("chunk-000000000-000000003")));
    }

    @Test
    void theDirectoryAppearsOnlyWhenComplete() throws Exception {
        Path out = dir.resolve("late");
        AtomicInteger seenEarly = new AtomicInteger();
        AtomicInteger solves = new AtomicInteger();
        DatasetBuilder.build(job("grf", 6, Shard.WHOLE, Fields.ALL), out, 2, 2, () -> (p, tol) -> {
            if (Files.exists(out)) seenEarly.incrementAndGet(); // looked at while chunks are still being made
            return new FakeSolver(solves, Integer.MAX_VALUE).solve(p, tol);
        }, new PrintWriter(new StringWriter()));
        assertEquals(0, seenEarly.get(), "the output directory was visible before the run finished");
        assertEquals(6, Dataset.open(out).size());
    }

    @Test
    void anExistingOutputIsNeverOverwritten() throws Exception {
        Path out = dir.resolve("exists");
        Files.createDirectories(out);
        InputException e = assertThrows(InputException.class,
                () -> build(job("grf", 2, Shard.WHOLE, Fields.ALL), out, 1, 1, new AtomicInteger(), Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("already exists"));
    }

    @Test
    void shardsTileTheIndexRange() {
        for (int n : new int[] {1, 7, 10, 1000})
            for (int k = 1; k <= 8; k++) {
                int at = 0;
                for (int i = 0; i < k; i++) {
                    Shard s = new Shard(i, k);
                    assertEquals(at, s.from(n));
                    assertTrue(s.to(n) - s.from(n) >= n / k && s.to(n) - s.from(n) <= n / k + 1);
                    at = s.to(n);
                }
                assertEquals(n, at);
            }
        assertEquals(new Shard(2, 5), Shard.parse("2/5"));
        for (String bad : new String[] {"5/5", "1", "a/b", "-1/3", "1/0", "1/2/3"}) assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
    }
}
