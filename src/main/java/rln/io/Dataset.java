package rln.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A dataset on disk (INTERFACES.md): a directory with micro.npy (n, nx, ny, nz) uint8 in {0, 1}, strain.npy
 * (n, 6, nx, ny, nz) float64 or exx.npy (n, nx, ny, nz) float32, and meta.json, which says which global sample
 * indices [from, to) of a dataset of {@code count} the directory holds ("indices", "count"). A dataset of one's
 * own needs neither: without them (or without meta.json) the directory holds samples [0, n) of n.
 * <p>{@link #open} also accepts a directory whose subdirectories are such datasets (the shards of one run,
 * e.g. written by {@code rln generate --shard i/k}): they are joined in index order, and must cover the
 * indices without gap or overlap. Opening checks every file's header and shape (not the data); samples are
 * then read one at a time, so a dataset need not fit in memory.
 */
public final class Dataset {
    /** One directory of the dataset and the global indices it holds. */
    public record Part(Path dir, int from, int to, int count, Map<String, Object> meta) {}

    private final Path root;
    private final List<Part> parts;
    private final int nx, ny, nz;
    private final Fields fields;
    private final Map<String, Object> meta;

    private Dataset(Path root, List<Part> parts, int[] grid, Fields fields, Map<String, Object> meta) {
        this.root = root;
        this.parts = parts;
        this.nx = grid[0];
        this.ny = grid[1];
        this.nz = grid[2];
        this.fields = fields;
        this.meta = meta;
    }

    public static Dataset open(Path dir) {
        if (!Files.isDirectory(dir)) throw InputException.of(dir, Files.exists(dir) ? "is not a directory" : "no such dataset directory");
        List<Part> parts = new ArrayList<>();
        int[] grid = null;
        Fields fields = null;
        if (Files.exists(dir.resolve(DatasetWriter.META)) || Files.exists(dir.resolve(DatasetWriter.MICRO))) {
            parts.add(part(dir));
        } else {
            List<Path> subs;
            try (Stream<Path> s = Files.list(dir)) {
                subs = s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")).sorted().toList();
            } catch (IOException e) {
                throw InputException.of(dir, "cannot list (" + e.getMessage() + ")");
            }
            if (subs.isEmpty()) throw InputException.of(dir, "is not a dataset: no meta.json, micro.npy or shard subdirectories");
            for (Path sub : subs) parts.add(part(sub));
            parts.sort(Comparator.comparingInt(Part::from));
        }
        for (Part p : parts) {
            int[] g = checkFiles(p);
            Fields f = fieldsOf(p.dir);
            if (grid == null) {
                grid = g;
                fields = f;
            } else if (!Arrays.equals(grid, g)) {
                throw InputException.of(p.dir, "grid " + Arrays.toString(g) + " differs from " + Arrays.toString(grid) + " in " + parts.get(0).dir);
            } else if (f != fields) {
                throw InputException.of(p.dir, "holds " + f.fileName + " but " + parts.get(0).dir + " holds " + fields.fileName);
            }
        }
        checkCoverage(dir, parts);
        return new Dataset(dir, List.copyOf(parts), grid, fields, joinedMeta(parts));
    }

    /**
     * Reads meta.json of one directory and the index range it claims: "indices" [from, to) of "count" samples;
     * without "indices", [0, n) with n from micro.npy; without "count", the end of the range.
     */
    private static Part part(Path dir) {
        Path metaFile = dir.resolve(DatasetWriter.META);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (Files.exists(metaFile)) {
            try {
                meta = Json.parseObject(metaFile, Files.readString(metaFile));
            } catch (IOException e) {
                throw InputException.of(metaFile, "cannot read (" + e.getMessage() + ")");
            }
        }
        int[] idx;
        if (meta.containsKey("indices")) idx = intPair(metaFile, meta, "indices");
        else {
            Path mf = dir.resolve(DatasetWriter.MICRO);
            if (!Files.exists(mf)) throw InputException.of(mf, "missing (a dataset directory holds micro.npy)");
            int[] shape = Npy.readHeader(mf).shape();
            if (shape.length != 4) throw InputException.of(mf, "shape " + Npy.shapeString(shape) + ", expected (n, nx, ny, nz)");
            idx = new int[] {0, shape[0]};
        }
        int count = meta.containsKey("count") ? intField(metaFile, meta, "count") : idx[1];
        if (idx[0] < 0 || idx[1] < idx[0] || idx[1] > count)
            throw InputException.of(metaFile, "\"indices\" " + Arrays.toString(idx) + " is not a range inside [0, " + count + "]");
        return new Part(dir, idx[0], idx[1], count, meta);
    }

    static int intField(Path file, Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (!(v instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) throw InputException.of(file, "\"" + key + "\" must be a non-negative integer, found " + v);
        return (int) (long) l;
    }

    static int[] intPair(Path file, Map<String, Object> meta, String key) {
        Object v = meta.get(key);
        if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Long a) || !(l.get(1) instanceof Long b))
            throw InputException.of(file, "\"" + key + "\" must be [from, to], found " + v);
        return new int[] {(int) (long) a, (int) (long) b};
    }

    private static Fields fieldsOf(Path dir) {
        boolean all = Files.exists(dir.resolve(Fields.ALL.fileName)), exx = Files.exists(dir.resolve(Fields.EXX.fileName));
        if (all && exx) throw InputException.of(dir, "holds both strain.npy and exx.npy (expected one)");
        if (!all && !exx) throw InputException.of(dir.resolve(Fields.ALL.fileName), "missing (a dataset needs strain.npy or exx.npy)");
        return all ? Fields.ALL : Fields.EXX;
    }

    /** Checks micro.npy and the field file against each other and meta.json; returns the grid. */
    private static int[] checkFiles(Part p) {
        int n = p.to - p.from;
        Path mf = p.dir.resolve(DatasetWriter.MICRO);
        if (!Files.exists(mf)) throw InputException.of(mf, "missing");
        Npy.Header m = Npy.readHeader(mf);
        if (m.dtype() != Npy.DType.U1 && m.dtype() != Npy.DType.B1)
            throw InputException.of(mf, "dtype " + m.dtype().descr + ", expected uint8 (|u1)");
        if (m.shape().length != 4) throw InputException.of(mf, "shape " + Npy.shapeString(m.shape()) + ", expected (n, nx, ny, nz)");
        if (m.shape()[0] != n)
            throw InputException.of(mf, "holds " + m.shape()[0] + " samples, meta.json says indices [" + p.from + ", " + p.to + ") (" + n + ")");
        int[] grid = {m.shape()[1], m.shape()[2], m.shape()[3]};
        Fields f = fieldsOf(p.dir);
        Path ff = p.dir.resolve(f.fileName);
        Npy.Header h = Npy.readHeader(ff);
        if (h.dtype() != f.dtype) throw InputException.of(ff, "dtype " + h.dtype().descr + ", expected " + f.dtype.descr);
        int[] want = f.shape(n, grid[0], grid[1], grid[2]);
        if (!Arrays.equals(h.shape(), want))
            throw InputException.of(ff, "shape " + Npy.shapeString(h.shape()) + " does not match micro.npy " + Npy.shapeString(m.shape())
                    + " (expected " + Npy.shapeString(want) + ")");
        return grid;
    }

    private static void checkCoverage(Path dir, List<Part> parts) {
        int count = parts.get(0).count;
        int at = parts.get(0).from;
        if (parts.size() > 1 && at != 0) throw InputException.of(dir, "samples [0, " + at + ") are missing (no shard holds them)");
        for (Part p : parts) {
            int c = p.count;
            if (c != count) throw InputException.of(p.dir, "belongs to a dataset of " + c + " samples, " + parts.get(0).dir + " to one of " + count);
            if (p.from > at) throw InputException.of(dir, "samples [" + at + ", " + p.from + ") are missing (no shard holds them)");
            if (p.from < at) throw InputException.of(p.dir, "samples [" + p.from + ", " + at + ") are also in another shard");
            at = p.to;
        }
        if (parts.size() > 1 && at != count) throw InputException.of(dir, "samples [" + at + ", " + count + ") are missing (no shard holds them)");
    }

    /**
     * The meta of the whole: the first part's entries, with "indices" spanning all parts and "samples"
     * (when present) concatenated in index order.
     */
    private static Map<String, Object> joinedMeta(List<Part> parts) {
        Map<String, Object> m = new LinkedHashMap<>(parts.get(0).meta);
        if (parts.size() == 1) return m;
        m.put("indices", List.of((long) parts.get(0).from, (long) parts.get(parts.size() - 1).to));
        if (m.containsKey("samples")) {
            List<Object> all = new ArrayList<>();
            for (Part p : parts) if (p.meta.get("samples") instanceof List<?> l) all.addAll(l);
            m.put("samples", all);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------ access

    public Path root() { return root; }
    public List<Part> parts() { return parts; }
    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public int voxels() { return nx * ny * nz; }
    public Fields fields() { return fields; }
    /** The meta.json entries (joined over shards); not to be modified. */
    public Map<String, Object> meta() { return meta; }

    /** The global index of the first sample held (0 for a whole dataset). */
    public int from() { return parts.get(0).from; }

    /** Number of samples of the whole dataset (of which this holds [from, from + size)). */
    public int count() { return parts.get(0).count; }

    /** Number of samples held. */
    public int size() { return parts.get(parts.size() - 1).to - parts.get(0).from; }

    /** The phases of sample {@code i} (0-based within this dataset), checked to be 0 or 1. */
    public byte[] micro(int i) {
        Located l = locate(i);
        Path f = l.part.dir.resolve(DatasetWriter.MICRO);
        byte[] b = readBytes(f, l.local, voxels());
        for (int v = 0; v < b.length; v++)
            if (b[v] != 0 && b[v] != 1)
                throw InputException.of(f, "sample " + l.local + ", voxel " + voxel(v) + " holds " + (b[v] & 0xff) + " (phases must be 0 or 1)");
        return b;
    }

    /** "(i, j, k)" of voxel {@code v} (C order). */
    private String voxel(int v) {
        return "(" + v / (ny * nz) + ", " + (v / nz) % ny + ", " + v % nz + ")";
    }

    /** Refuses a NaN or infinite strain: "FILE: sample s, component xx, voxel (i, j, k) is NaN". */
    private void checkFinite(Path f, int local, int component, int v, double value) {
        if (!Double.isFinite(value))
            throw InputException.of(f, "sample " + local + ", component " + rln.elastic.Voigt.NAMES[component] + ", voxel " + voxel(v) + " is " + value
                    + " (strains must be finite numbers)");
    }

    /** The six strain components of sample {@code i}, component-major (c*N + voxel); needs strain.npy. */
    public double[] strain(int i) {
        if (fields != Fields.ALL) throw InputException.of(root, "holds eps_xx only (exx.npy); this needs all six components (strain.npy)");
        Located l = locate(i);
        Path f = l.part.dir.resolve(Fields.ALL.fileName);
        byte[] b = readBytes(f, l.local, 6L * 8 * voxels());
        double[] out = new double[6 * voxels()];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        for (int x = 0; x < out.length; x++) checkFinite(f, l.local, x / voxels(), x % voxels(), out[x]);
        return out;
    }

    /** eps_xx of sample {@code i} as float32 (from either field file). */
    public float[] exx(int i) {
        Located l = locate(i);
        int n = voxels();
        float[] out = new float[n];
        Path f = l.part.dir.resolve(fields.fileName);
        if (fields == Fields.EXX) {
            byte[] b = readBytes(f, l.local, 4L * n);
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            for (int v = 0; v < n; v++) checkFinite(f, l.local, 0, v, out[v]);
        } else {
            // xx is component 0: the first N doubles of the sample
            byte[] b = readBytesAt(f, (long) l.local * 6 * 8 * n, 8L * n);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int v = 0; v < n; v++) {
                double x = bb.getDouble(8 * v);
                checkFinite(f, l.local, 0, v, x);
                out[v] = (float) x;
            }
        }
        return out;
    }

    /** The stored bytes of sample {@code i} in the field file (one (6, ...) f8 or (...) f4 block), checked to be finite. */
    byte[] fieldBytes(int i) {
        Located l = locate(i);
        long size = (long) fields.components * fields.dtype.size * voxels();
        Path f = l.part.dir.resolve(fields.fileName);
        byte[] b = readBytes(f, l.local, size);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int x = 0; x < fields.components * voxels(); x++)
            checkFinite(f, l.local, x / voxels(), x % voxels(), fields == Fields.ALL ? bb.getDouble(8 * x) : bb.getFloat(4 * x));
        return b;
    }

    private record Located(Part part, int local) {}

    private Located locate(int i) {
        if (i < 0 || i >= size()) throw new IndexOutOfBoundsException("sample " + i + " of " + size());
        int g = from() + i;
        for (Part p : parts) if (g < p.to) return new Located(p, g - p.from);
        throw new AssertionError();
    }

    private static byte[] readBytes(Path file, int sample, long sampleBytes) {
        return readBytesAt(file, sample * sampleBytes, sampleBytes);
    }

    private static byte[] readBytesAt(Path file, long offsetInData, long length) {
        long start = Npy.readHeader(file).dataOffset() + offsetInData;
        byte[] out = new byte[Math.toIntExact(length)];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(out);
            while (b.hasRemaining()) {
                int r = ch.read(b, start + b.position());
                if (r < 0) throw InputException.of(file, "truncated");
            }
        } catch (IOException e) {
            throw InputException.of(file, "cannot read (" + e.getMessage() + ")");
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ joining

    /**
     * Writes the samples of {@code parts} (opened datasets whose indices follow each other) as one dataset
     * {@code out}, atomically, byte for byte as stored; meta.json is the joined meta with "indices" spanning
     * them and "shard" set to {@code shard} (null for a whole dataset). Used by {@code rln merge} and to
     * assemble a checkpointed run.
     */
    public static void join(List<Dataset> parts, Path out, String shard) throws IOException {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to join");
        List<Part> all = new ArrayList<>();
        for (Dataset d : parts) all.addAll(d.parts);
        all.sort(Comparator.comparingInt(Part::from));
        Dataset first = parts.get(0);
        for (Dataset d : parts) {
            if (d.nx != first.nx || d.ny != first.ny || d.nz != first.nz)
                throw InputException.of(d.root, "grid " + d.nx + "x" + d.ny + "x" + d.nz + " differs from " + first.nx + "x" + first.ny + "x" + first.nz + " in " + first.root);
            if (d.fields != first.fields) throw InputException.of(d.root, "holds " + d.fields.fileName + " but " + first.root + " holds " + first.fields.fileName);
            checkSameJob(first, d);
        }
        checkContiguous(all);
        Dataset joined = new Dataset(out, all, new int[] {first.nx, first.ny, first.nz}, first.fields, joinedMeta(all));
        Map<String, Object> meta = new LinkedHashMap<>(joined.meta);
        if (meta.containsKey("shard")) meta.put("shard", shard);
        try (DatasetWriter w = new DatasetWriter(out, joined.size(), joined.nx, joined.ny, joined.nz, joined.fields)) {
            for (int i = 0; i < joined.size(); i++) {
                w.appendRaw(joined.micro(i), joined.fieldBytes(i)); // as stored, checked: phases 0/1, finite strains
            }
            w.finish(meta);
        }
    }

    private static void checkContiguous(List<Part> all) {
        for (int k = 1; k < all.size(); k++) {
            Part a = all.get(k - 1), b = all.get(k);
            if (b.from > a.to)
                throw InputException.of(a.dir + " and " + b.dir, "samples [" + a.to + ", " + b.from + ") between them are missing (no input holds them: a shard not given?)");
            if (b.from < a.to) throw InputException.of(b.dir, "samples [" + b.from + ", " + Math.min(a.to, b.to) + ") are also in " + a.dir);
        }
    }

    /** Shards of one dataset agree on everything but "shard", "indices" and "samples". */
    private static void checkSameJob(Dataset a, Dataset b) {
        for (String key : a.meta.keySet()) {
            if (key.equals("shard") || key.equals("indices") || key.equals("samples")) continue;
            Object va = a.meta.get(key), vb = b.meta.get(key);
            if (va == null ? vb != null : !va.equals(vb))
                throw InputException.of(b.root.resolve(DatasetWriter.META), "\"" + key + "\" is " + vb + " but " + va + " in " + a.root
                        + " (not shards of one dataset)");
        }
    }
}
