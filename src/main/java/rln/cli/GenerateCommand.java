package rln.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rln.data.DatasetBuilder;
import rln.data.Shard;
import rln.io.Fields;
import rln.io.InputException;
import rln.io.OutputLock;
import rln.micro.Family;
import rln.solve.Element;
import rln.solve.Solvers;

/** {@code rln generate}: a dataset of random microstructures and their strain fields. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate random periodic two-phase microstructures, solve them for a unit eps_xx, and write a dataset directory (micro.npy, strain.npy or exx.npy, meta.json).",
                "Same seed, same bytes, whatever --threads.",
                "--shard i/k makes the samples [floor(i n/k), floor((i+1) n/k)) exactly as a single run would; join shards with 'rln merge'.",
                "A killed run resumes from its checkpoints (hidden sibling .DIR.partial) when rerun with the same arguments.",
                ""})
final class GenerateCommand implements Callable<Integer>, Failure.HeapNeed {
    @Spec CommandSpec spec;

    private DatasetBuilder.Job job;
    private int threadCount;

    @Override
    public long heapBytes() {
        return job == null ? 0 : DatasetBuilder.heapBytes(job, threadCount, chunk);
    }

    @Override
    public String heapExplanation() {
        return threadCount + " solver(s) of " + size + "^3 and up to " + 3 * chunk + " solved samples waiting to be written";
    }

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "dataset directory to create (must not exist)")
    Path out;

    @Option(names = "--count", required = true, description = "number of samples in the whole dataset (all shards)")
    int count;

    @Option(names = "--size", defaultValue = "31", description = "voxels per axis (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--contrast", required = true, description = "Young's modulus of phase 1 over phase 0 (> 0)")
    double contrast;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--shard", defaultValue = "0/1", paramLabel = "i/k", description = "make only shard i of k, 0 <= i < k (default: all)")
    String shard;

    @Option(names = "--threads", description = "worker threads, one solve each (default: all cores)")
    Integer threads;

    @Option(names = "--kind", defaultValue = "grf", description = "grf | spheres | laminate (default ${DEFAULT-VALUE})")
    String kind;

    @Option(names = "--element", defaultValue = "hex8-bbar", description = "hex8-bbar | hex8 | spectral | basic (default ${DEFAULT-VALUE})")
    Element element;

    @Option(names = "--nu", defaultValue = "0.3", description = "Poisson's ratio of both phases (default ${DEFAULT-VALUE})")
    double nu;

    @Option(names = "--tol", defaultValue = "1e-8", description = "relative solver tolerance (default ${DEFAULT-VALUE})")
    double tol;

    @Option(names = "--fields", defaultValue = "all", description = "all: strain.npy (n,6,...) float64; exx: exx.npy (n,...) float32 (default ${DEFAULT-VALUE})")
    String fields;

    @Option(names = "--chunk", defaultValue = "25", description = "samples per checkpoint (default ${DEFAULT-VALUE})")
    int chunk;

    @Override
    public Integer call() throws Exception {
        if (count < 1) throw new InputException("--count: must be >= 1, got " + count);
        Options.size("--size", size);
        if (chunk < 1) throw new InputException("--chunk: must be >= 1, got " + chunk);
        Options.contrast(contrast);
        Options.nu(nu);
        Options.tolerance(tol);
        int t = Options.threads(threads);
        Element el = element;
        Shard sh;
        Fields f;
        try {
            sh = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new InputException("--shard: " + e.getMessage());
        }
        try {
            f = Fields.parse(fields);
        } catch (IllegalArgumentException e) {
            throw new InputException("--fields: " + e.getMessage());
        }
        if (!java.util.Arrays.asList(Family.KINDS).contains(kind))
            throw new InputException("--kind: unknown kind '" + kind + "' (expected grf, spheres or laminate)");
        if (sh.from(count) == sh.to(count))
            throw new InputException("--shard: shard " + shard + " of " + count + " samples is empty (use fewer shards)");
        job = new DatasetBuilder.Job(kind, size, count, seed, sh, contrast, nu, el, tol, f, rln.util.ProjectVersion.get());
        this.threadCount = t;
        PrintWriter o = spec.commandLine().getOut();
        if (Files.isDirectory(out) && DatasetBuilder.madeBy(job, out)) { // a resubmitted job, a rerun after success
            o.printf("%s: already made with these arguments; nothing to do%n", out);
            return 0;
        }
        try (OutputLock lock = Outputs.newDirectory(spec, "--out", out)) {
            if (heapBytes() > Runtime.getRuntime().maxMemory())
                throw new InputException("--size " + size + ": needs about " + Failure.bytes(heapBytes()) + " of heap (" + heapExplanation()
                        + "), the JVM has " + Failure.bytes(Runtime.getRuntime().maxMemory()) + "; rerun with JAVA_OPTS=-Xmx"
                        + ((heapBytes() * 5 / 4 >> 30) + 1) + "g, or with fewer --threads or a smaller --chunk");
            long n = sh.to(count) - sh.from(count), voxels = (long) size * size * size;
            Outputs.space(out, 2 * n * voxels * (1 + f.components * f.dtype.size), "the dataset and its checkpoints (twice the dataset)");
            long start = System.nanoTime();
            DatasetBuilder.build(job, out, t, chunk, () -> Solvers.create(el, 1), o);
            o.printf(Locale.ROOT, "wrote %s: %d samples (indices [%d, %d)) in %.1f s%n", out, sh.to(count) - sh.from(count), sh.from(count), sh.to(count),
                    (System.nanoTime() - start) * 1e-9);
            o.flush();
        }
        return 0;
    }
}
