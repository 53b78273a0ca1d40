package rln.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.*;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import rln.io.Npy;

/**
 * Issue 11, item 6: fuzzing every reader through the command line. jqwik makes malformed .npy headers and bodies,
 * dataset directories (micro.npy, strain.npy / exx.npy, meta.json, shard subdirectories) and model directories;
 * each command that reads them must either succeed (a mutation may leave a valid file) or end with exit 2, one
 * line naming the problem without an exception class, and no output (no file, lock or temporary file).
 */
class MalformedInputProperties {
    Path dir;

    @BeforeProperty
    void makeDirectory() throws Exception {
        dir = Files.createTempDirectory("rln-fuzz");
    }

    @AfterProperty
    void removeDirectory() throws Exception {
        rln.io.AtomicFiles.deleteTree(dir);
    }

    // ------------------------------------------------------------------------------------------ .npy files

    /** A valid .npy image of the given header dict and body. */
    static byte[] npy(String dict, byte[] body, int major) {
        int pre = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((pre + h.length() + 1) % 64 != 0) h.append(' ');
        h.append('\n');
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        int n = h.length();
        if (major == 1) o.writeBytes(new byte[] {(byte) n, (byte) (n >> 8)});
        else o.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        o.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        o.writeBytes(body);
        return o.toByteArray();
    }

    /** One .npy file's parts: a dtype, an order, a shape, and a body of the length they need (or not). */
    record Parts(String descr, String fortran, List<String> dims, int major, int bodyDelta, int drop) {
        int elementSize() {
            return descr.contains("f8") || descr.contains("i8") ? 8 : descr.contains("f4") || descr.contains("i4") ? 4 : 1;
        }

        /** The bytes the shape needs, when it is one this reader takes (small non-negative integers), else 40. */
        int needed() {
            long n = 1;
            for (String d : dims) {
                if (!d.matches("[0-4]")) return 40;
                n *= Integer.parseInt(d);
            }
            return (int) n * elementSize();
        }

        String dict() {
            List<String> entries = new ArrayList<>(List.of("'descr': " + descr, "'fortran_order': " + fortran,
                    "'shape': (" + String.join(", ", dims) + (dims.size() == 1 ? ",)" : ")")));
            if (drop < entries.size()) entries.remove(drop);
            return "{" + String.join(", ", entries) + ", }";
        }
    }

    /** Mostly well-formed headers with one thing wrong at most; every field may be missing, mistyped or out of range. */
    @Provide
    Arbitrary<Parts> parts() {
        Arbitrary<String> descr = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("'|u1'", "'<f4'", "'<f8'")),
                Tuple.of(2, Arbitraries.of("'|b1'", "'<i4'", "'>f8'", "'<U3'", "'|O'", "'x'", "''", "3", "'<f8")));
        Arbitrary<String> fortran = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just("False")), Tuple.of(1, Arbitraries.of("True", "0", "None")));
        Arbitrary<String> dim = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.integers().between(2, 4).map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("0", "1", "-1", "2147483647", "4294967296", "99999999999999999999", "3L", "a", "")));
        Arbitrary<List<String>> dims = Arbitraries.frequencyOf(Tuple.of(4, dim.list().ofSize(4)), Tuple.of(3, dim.list().ofSize(3)),
                Tuple.of(1, dim.list().ofMaxSize(6)));
        Arbitrary<Integer> major = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(1, 2)), Tuple.of(1, Arbitraries.of(3, 0, 4)));
        Arbitrary<Integer> delta = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(-9, 9)));
        Arbitrary<Integer> drop = Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.just(3)), Tuple.of(1, Arbitraries.integers().between(0, 2)));
        return Combinators.combine(descr, fortran, dims, major, delta, drop).as(Parts::new);
    }

    /** Body bytes: phases 0/1 and ordinary floats, but a third of the bodies hold one phase 2..255, NaN, infinity or random bits. */
    static byte[] body(Parts p, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int n = Math.max(0, p.needed() + p.bodyDelta());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int size = p.elementSize(), oddAt = r.nextInt(3) == 0 ? r.nextInt(Math.max(1, n / size)) : -1; // a third hold one odd value
        for (int i = 0; b.remaining() >= size; i++) {
            boolean odd = i == oddAt;
            if (size == 1) b.put((byte) (odd ? 2 + r.nextInt(254) : r.nextInt(2)));
            else if (size == 4) b.putFloat(odd ? Float.intBitsToFloat(r.nextInt()) : 1 + 0.1f * r.nextFloat());
            else b.putDouble(odd ? (r.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY) : 1 + 0.1 * r.nextDouble());
        }
        while (b.hasRemaining()) b.put((byte) r.nextInt());
        return b.array();
    }

    /** .npy images, then maybe truncated anywhere, one byte changed, or the header length field changed. */
    @Provide
    Arbitrary<byte[]> npyFiles() {
        Arbitrary<byte[]> image = Combinators.combine(parts(), Arbitraries.longs()).as((p, seed) -> npy(p.dict(), body(p, seed), p.major()));
        Arbitrary<Integer> how = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(0)), Tuple.of(4, Arbitraries.integers().between(1, 3)));
        return Combinators.combine(image, how, Arbitraries.integers().between(0, 1 << 16), Arbitraries.bytes()).as((img, h, at, b) -> {
            byte[] out = img.clone();
            switch ((int) h) {
                case 1 -> out = Arrays.copyOf(out, at % (out.length + 1));
                case 2 -> out[at % out.length] = b;
                case 3 -> {
                    out[8] = b;
                    out[9] = (byte) (int) at;
                }
                default -> { }
            }
            return out;
        });
    }

    /** A 1 x 3^3 microstructure of valid phases (the other inputs of a command that reads a fuzzed file). */
    Path goodMicro() throws Exception {
        Path p = dir.resolve("good.npy");
        if (!Files.exists(p)) {
            byte[] b = new byte[27];
            for (int i = 0; i < 27; i += 2) b[i] = 1;
            Npy.writeBytes(p, b, 1, 3, 3, 3);
        }
        return p;
    }

    @Property(tries = 60, seed = "1101")
    void everyNpyReaderGivesOneLineOrSucceeds(@ForAll("npyFiles") byte[] image) throws Exception {
        Path f = Files.write(dir.resolve("f.npy"), image);
        Path out = dir.resolve("out.npy");
        check(out, "solve", "--micro", f.toString(), "--contrast", "10", "--threads", "1", "--out", out.toString());
        check(out, "predict", "--model", "published:FLN_c10", "--micro", f.toString(), "--threads", "1", "--out", out.toString());
        check(dir.resolve("fig.png"), "figure", "--micro", goodMicro().toString(), "--truth", f.toString(), "--pred", f.toString(),
                "--out", dir.resolve("fig.png").toString());
        check(dir.resolve("v.vti"), "vti", "--micro", f.toString(), "--out", dir.resolve("v.vti").toString());
    }

    // ------------------------------------------------------------------------------------------ dataset directories

    /** meta.json texts: valid, wrong types, impossible ranges, not JSON at all. */
    @Provide
    Arbitrary<String> metas() {
        return Arbitraries.of("{}", "{\"count\": 1, \"indices\": [0, 1]}", "{\"count\": 2, \"indices\": [1, 2]}",
                "{\"count\": 1, \"indices\": [0, 5]}", "{\"count\": -1}", "{\"count\": \"1\"}", "{\"indices\": [1]}",
                "{\"indices\": [0, 1.5]}", "{\"count\": 1e400}", "{\"applied_strain\": [2, 0, 0, 0, 0, 0]}",
                "{\"applied_strain\": [1, 1, 0, 0, 0, 0]}", "{\"applied_strain\": \"xx\"}", "[1]", "{", "", "{\"a\": NaN}",
                "{\"count\": 1, \"count\": 1}");
    }

    /** What a dataset directory may hold: each file valid, fuzzed or absent, perhaps as a shard subdirectory. */
    record DatasetFiles(byte[] micro, byte[] field, boolean exx, String meta, boolean asShard) {}

    @Provide
    Arbitrary<DatasetFiles> datasets() {
        byte[] micro = npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 3, 3, 3), }", phases(), 1);
        byte[] exx = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3, 3, 3), }", floats(), 1);
        Arbitrary<byte[]> microFile = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(micro)), Tuple.of(4, npyFiles()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<byte[]> fieldFile = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(exx)), Tuple.of(4, npyFiles()), Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<String> meta = Arbitraries.frequencyOf(Tuple.of(8, metas()), Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(microFile, fieldFile, Arbitraries.of(true, false), meta, Arbitraries.of(true, false)).as(DatasetFiles::new);
    }

    static byte[] phases() {
        byte[] b = new byte[27];
        for (int i = 0; i < 27; i += 3) b[i] = 1;
        return b;
    }

    static byte[] floats() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * 27).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 27; i++) b.putFloat(1 + 0.01f * i);
        return b.array();
    }

    Path write(DatasetFiles d) throws Exception {
        Path root = dir.resolve("d"), where = d.asShard() ? root.resolve("shard0") : root;
        rln.io.AtomicFiles.deleteTree(root);
        Files.createDirectories(where);
        if (d.micro() != null) Files.write(where.resolve("micro.npy"), d.micro());
        if (d.field() != null) Files.write(where.resolve(d.exx() ? "exx.npy" : "strain.npy"), d.field());
        if (d.meta() != null) Files.writeString(where.resolve("meta.json"), d.meta());
        return root;
    }

    @Property(tries = 60, seed = "1102")
    void everyDatasetReaderGivesOneLineOrSucceeds(@ForAll("datasets") DatasetFiles files) throws Exception {
        Path d = write(files);
        check(dir.resolve("e.json"), "eval", "--model", "mks", "--train", d.toString(), "--data", d.toString(), "--threads", "1",
                "--json", dir.resolve("e.json").toString());
        check(dir.resolve("merged"), "merge", "--out", dir.resolve("merged").toString(), d.toString());
        check(dir.resolve("mks"), "mks", "fit", "--train", d.toString(), "--out", dir.resolve("mks").toString());
        check(dir.resolve("m"), "train", "--train", d.toString(), "--valid", d.toString(), "--model", "fln", "--epochs", "1",
                "--threads", "1", "--out", dir.resolve("m").toString());
    }

    // ------------------------------------------------------------------------------------------ model directories

    /** A model directory: the published FLN's files, one of them replaced by a fuzzed .npy or model.json. */
    @Property(tries = 25, seed = "1103")
    void everyModelReaderGivesOneLineOrSucceeds(@ForAll("npyFiles") byte[] image, @ForAll("metas") String json,
                                                @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 25) int victim) throws Exception {
        Path model = dir.resolve("model");
        if (!Files.exists(model)) rln.nn.Models.save(rln.nn.Models.published("FLN_c10"), model);
        List<Path> files;
        try (Stream<Path> s = Files.list(model)) {
            files = s.sorted().toList();
        }
        Path target = files.get(victim % files.size());
        byte[] saved = Files.readAllBytes(target);
        Files.write(target, target.getFileName().toString().equals("model.json") ? json.getBytes(StandardCharsets.UTF_8) : image);
        try {
            Path out = dir.resolve("p.npy");
            check(out, "predict", "--model", model.toString(), "--micro", goodMicro().toString(), "--threads", "1", "--out", out.toString());
            check(dir.resolve("imported"), "import-weights", "--from", model.toString(), "--model", "fln", "--out", dir.resolve("imported").toString());
        } finally {
            Files.write(target, saved);
        }
    }

    // ------------------------------------------------------------------------------------------ the contract

    /** Exit 0, or exit 2 with one line, no exception class, and {@code output} absent; never a stray file. */
    void check(Path output, String... args) throws Exception {
        FailureModesTest.Run r = FailureModesTest.run(args);
        String cmd = String.join(" ", args);
        try {
            if (r.code() == 0) return;
            assertEquals(2, r.code(), cmd + "\n" + r.err());
            assertEquals(1, r.errors().size(), cmd + ": one line\n" + r.err());
            String line = r.errors().get(0);
            assertTrue(line.matches("rln( [a-z-]+)*: error: .+"), line);
            assertFalse(line.matches(".*\\b[A-Za-z]*(Exception|Error)\\b.*"), "no exception class: " + line);
            assertFalse(Files.exists(output), cmd + ": no output after an error");
            try (Stream<Path> s = Files.list(dir)) {
                List<String> stray = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
                assertEquals(List.of(), stray, cmd + ": no lock or temporary file left");
            }
        } finally {
            if (r.code() == 0) rln.io.AtomicFiles.deleteTree(output);
        }
    }
}
