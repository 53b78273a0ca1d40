package rln.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import rln.io.AtomicFiles;
import rln.io.Dataset;
import rln.io.DatasetWriter;
import rln.io.Fields;
import rln.io.InputException;
import rln.io.Json;
import rln.micro.Family;
import rln.micro.Sample;
import rln.solve.Element;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;

/**
 * Makes a dataset: random microstructures ({@link Family}) solved for a unit applied eps_xx, written as a
 * dataset directory. What it guarantees:
 * <ul>
 *   <li>Determinism: sample i depends only on (kind, size, count, seed, i) and the solver, never on the
 *       thread count or the shard; one solve per worker thread, results placed by index.</li>
 *   <li>Atomicity: the directory appears only when complete (built aside, then renamed).</li>
 *   <li>Checkpoints: finished samples are saved in chunks under the hidden sibling {@code .DIR.partial/}, each
 *       chunk itself a small dataset written atomically. A re-run with the same arguments skips the chunks
 *       that exist, so a killed run continues where it stopped; other arguments are refused. A chunk that
 *       does not read back whole is made again. A run that fails before its first chunk removes the
 *       checkpoint directory it created.</li>
 * </ul>
 * One writer at a time: the caller holds the output's lock ({@link rln.io.OutputLock}; {@code rln generate} does).
 */
public final class DatasetBuilder {
    private DatasetBuilder() {}

    /** Everything that decides the bytes of the dataset (the thread count does not). */
    public record Job(String kind, int size, int count, long seed, Shard shard, double contrast, double nu,
                      Element element, double tolerance, Fields fields, String projectVersion) {

        public int from() {
            return shard.from(count);
        }

        public int to() {
            return shard.to(count);
        }

        /** The meta.json entries that every shard and chunk of this dataset shares, in file order. */
        Map<String, Object> meta(Family family) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", "rln-dataset");
            m.put("format_version", 1);
            m.put("project_version", projectVersion);
            m.put("generator", family.description());
            m.put("size", new int[] {size, size, size});
            m.put("count", count);
            m.put("seed", seed);
            m.put("contrast", contrast);
            m.put("nu", nu);
            m.put("element", element.cliName);
            m.put("tolerance", tolerance);
            m.put("applied_strain", new double[] {1, 0, 0, 0, 0, 0});
            m.put("fields", fields.cliName);
            return m;
        }
    }

    /**
     * True when {@code out} is a finished dataset of exactly this job (its meta.json agrees on every entry the job
     * decides, shard and project version included): a resubmitted run has nothing to do.
     */
    public static boolean madeBy(Job job, Path out) {
        Path metaFile = out.resolve(DatasetWriter.META);
        if (!Files.isRegularFile(metaFile)) return false;
        Map<String, Object> meta;
        try {
            meta = Json.parseObject(metaFile, Files.readString(metaFile));
        } catch (IOException | InputException unreadable) {
            return false;
        }
        Map<String, Object> want = job.meta(Family.create(job.kind, job.size, job.seed, job.count));
        want.put("shard", job.shard.label());
        for (Map.Entry<String, Object> e : want.entrySet())
            if (!meta.containsKey(e.getKey()) || !Json.inline(e.getValue()).equals(Json.inline(meta.get(e.getKey())))) return false;
        return true;
    }

    /**
     * Builds {@code out} for {@code job} with {@code threads} workers, each with its own solver from
     * {@code solvers}, saving a checkpoint every {@code chunk} samples and printing progress to {@code progress}.
     */
    public static void build(Job job, Path out, int threads, int chunk, Supplier<Solver> solvers, PrintWriter progress) throws IOException {
        if (threads < 1 || chunk < 1) throw new IllegalArgumentException("threads and chunk must be >= 1");
        if (Files.exists(out)) throw InputException.of(out, "already exists (choose a new output directory)");
        Family family = Family.create(job.kind, job.size, job.seed, job.count);
        Map<String, Object> jobMeta = job.meta(family);
        Path work = workDirectory(out);
        boolean fresh = prepareWorkDirectory(work, out, job, jobMeta);
        int[] finished = {0};
        try {
            build(job, out, work, family, jobMeta, threads, chunk, solvers, progress, finished);
        } catch (IOException | RuntimeException | Error e) {
            if (fresh && finished[0] == 0) AtomicFiles.deleteTree(work); // nothing worth keeping: leave no trace
            else if (finished[0] > 0) {
                progress.printf(Locale.ROOT, "note: %d finished samples are kept in %s; rerun with the same arguments to resume%n", finished[0], work);
                progress.flush();
            }
            throw e;
        }
    }

    /** The memory a build needs: every worker's solver, and the solved samples queued for writing (3 chunks). */
    public static long heapBytes(Job job, int threads, int chunk) {
        long voxels = (long) job.size * job.size * job.size;
        long queued = Math.min(job.to() - job.from(), 3L * chunk);
        return threads * SOLVER_BYTES_PER_VOXEL * voxels + queued * (6 * 8 + 1) * voxels + (64L << 20);
    }

    /** Heap of one hex8 solve per voxel: about 40 doubles (six CG vectors of 3 dofs, preconditioner, strains). */
    static final long SOLVER_BYTES_PER_VOXEL = 330;

    private static void build(Job job, Path out, Path work, Family family, Map<String, Object> jobMeta, int threads, int chunk,
                              Supplier<Solver> solvers, PrintWriter progress, int[] finished) throws IOException {
        int from = job.from(), to = job.to();
        List<int[]> pending = new ArrayList<>();
        int done = 0;
        for (int a = from; a < to; a += chunk) {
            int b = Math.min(to, a + chunk);
            Path c = work.resolve(chunkName(a, b));
            if (Files.isDirectory(c) && whole(c, b - a, progress)) done += b - a;
            else pending.add(new int[] {a, b});
        }
        finished[0] = done;
        if (done > 0) progress.printf(Locale.ROOT, "resuming: %d of %d samples already done (in %s)%n", done, to - from, work);
        progress.flush();

        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rln-generate");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<Solver> solver = ThreadLocal.withInitial(solvers);
        long start = System.nanoTime();
        int solved = 0;
        try {
            List<List<Future<Solved>>> submitted = new ArrayList<>();
            int window = 2; // chunks queued ahead of the one being written: keeps workers busy, bounds memory
            for (int c = 0; c < pending.size(); c++) {
                while (submitted.size() < Math.min(pending.size(), c + 1 + window)) {
                    int[] range = pending.get(submitted.size());
                    List<Future<Solved>> fs = new ArrayList<>();
                    for (int i = range[0]; i < range[1]; i++) {
                        final int index = i;
                        fs.add(pool.submit(() -> solveOne(job, family, index, solver.get())));
                    }
                    submitted.add(fs);
                }
                int[] range = pending.get(c);
                List<Solved> results = new ArrayList<>();
                for (Future<Solved> f : submitted.get(c)) results.add(await(f));
                submitted.set(c, null);
                writeChunk(work, range[0], range[1], job, jobMeta, results);
                solved += range[1] - range[0];
                done += range[1] - range[0];
                finished[0] = done;
                double sec = (System.nanoTime() - start) * 1e-9;
                double per = sec / solved;
                progress.printf(Locale.ROOT, "generate: %d/%d samples (%.1f%%), %.1f s, %.3f s/sample, ETA %s%n",
                        done, to - from, 100.0 * done / (to - from), sec, per, duration(per * (to - from - done)));
                progress.flush();
            }
        } finally {
            pool.shutdownNow();
        }

        List<Dataset> chunks = new ArrayList<>();
        for (int a = from; a < to; a += chunk) chunks.add(Dataset.open(work.resolve(chunkName(a, Math.min(to, a + chunk)))));
        if (chunks.isEmpty()) throw InputException.of(out, "the shard holds no samples (count " + job.count + ", shard " + job.shard.label() + ")");
        Dataset.join(chunks, out, job.shard.label());
        AtomicFiles.deleteTree(work);
    }

    /**
     * True when the checkpoint chunk {@code dir} reads back as a dataset of {@code n} samples; otherwise it is
     * removed (with a note) to be made again. Chunks are renamed into place whole, so only a writer that broke
     * the one-writer rule (or a damaged disk) leaves a bad one.
     */
    private static boolean whole(Path dir, int n, PrintWriter progress) throws IOException {
        String problem;
        try {
            Dataset d = Dataset.open(dir);
            if (d.size() == n) return true;
            problem = "holds " + d.size() + " samples, not " + n;
        } catch (InputException e) {
            problem = e.getMessage();
        }
        progress.printf("note: checkpoint %s is damaged (%s); making it again%n", dir.getFileName(), problem);
        AtomicFiles.deleteTree(dir);
        return false;
    }

    /** The checkpoint directory of {@code out}: the hidden sibling .NAME.partial. */
    public static Path workDirectory(Path out) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.getParent().resolve("." + abs.getFileName() + ".partial");
    }

    /** Makes or checks the checkpoint directory; true when this run created it. */
    private static boolean prepareWorkDirectory(Path work, Path out, Job job, Map<String, Object> jobMeta) throws IOException {
        Map<String, Object> fingerprint = new LinkedHashMap<>(jobMeta);
        fingerprint.put("shard", job.shard.label());
        fingerprint.put("kind", job.kind);
        String text = Json.write(fingerprint);
        Path jobFile = work.resolve("job.json");
        Path parent = work.getParent();
        Files.createDirectories(parent);
        String name = out.toAbsolutePath().normalize().getFileName().toString();
        try (Stream<Path> s = Files.list(parent)) { // leftovers of a killed run: the final assembly, a checkpoint directory being made
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("." + name + ".tmp-")
                    || p.getFileName().toString().startsWith(work.getFileName() + ".tmp-")).toList()) AtomicFiles.deleteTree(p);
        }
        if (Files.isDirectory(work) && !Files.exists(jobFile) && !hasChunks(work)) AtomicFiles.deleteTree(work); // made, never used
        if (Files.isDirectory(work)) {
            String old = Files.exists(jobFile) ? Files.readString(jobFile) : "";
            if (!old.equals(text))
                throw InputException.of(out, "an unfinished run with other arguments is in " + work + " (rerun with the same arguments to resume, or delete it)");
            try (Stream<Path> s = Files.list(work)) { // leftovers of a chunk being written when the run was killed
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")).toList()) AtomicFiles.deleteTree(p);
            }
            return false;
        }
        // the directory appears with its job.json in it (a temporary sibling, renamed), never without
        Path tmp = Files.createTempDirectory(work.getParent(), work.getFileName() + ".tmp-");
        AtomicFiles.shareable(tmp, "rwxr-xr-x");
        AtomicFiles.writeString(tmp.resolve("job.json"), text);
        AtomicFiles.moveAtomically(tmp, work);
        return true;
    }

    private static boolean hasChunks(Path work) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("chunk-"));
        }
    }

    static String chunkName(int from, int to) {
        return String.format("chunk-%09d-%09d", from, to);
    }

    /** One solved sample. */
    private record Solved(int index, Sample sample, Solution solution) {}

    private static Solved solveOne(Job job, Family family, int index, Solver solver) {
        Sample s = family.sample(index);
        int n = job.size;
        Problem p = new Problem(n, n, n, s.phase(), job.contrast, job.nu, Problem.unitStrain(0));
        Solution sol = solver.solve(p, job.tolerance);
        if (sol.strain().length != 6 * p.voxels()) throw new IllegalStateException("sample " + index + ": the solver returned " + sol.strain().length + " values, expected " + 6 * p.voxels());
        for (double v : sol.strain()) if (!Double.isFinite(v)) throw new IllegalStateException("sample " + index + ": the solver returned a non-finite strain");
        return new Solved(index, s, sol);
    }

    private static Solved await(Future<Solved> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IOException(c);
        }
    }

    /** Saves samples [a, b) as the chunk dataset work/chunk-a-b (atomically). */
    private static void writeChunk(Path work, int a, int b, Job job, Map<String, Object> jobMeta, List<Solved> results) throws IOException {
        int n = job.size;
        List<Object> samples = new ArrayList<>();
        try (DatasetWriter w = new DatasetWriter(work.resolve(chunkName(a, b)), b - a, n, n, n, job.fields)) {
            for (Solved r : results) {
                w.append(r.sample.phase(), r.solution.strain());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", r.index);
                m.putAll(r.sample.parameters());
                m.put("iterations", r.solution.iterations());
                m.put("residual", r.solution.residual());
                samples.add(m);
            }
            Map<String, Object> meta = new LinkedHashMap<>(jobMeta);
            meta.put("shard", job.shard.label());
            meta.put("indices", new int[] {a, b});
            meta.put("samples", samples);
            w.finish(meta);
        }
    }

    static String duration(double seconds) {
        return rln.util.ProgressLine.duration(seconds);
    }
}
