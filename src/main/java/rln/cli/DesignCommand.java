package rln.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.design.DesignConfig;
import rln.design.DesignRun;
import rln.design.Objective;
import rln.io.InputException;
import rln.nn.LocalizationModel;
import rln.util.Parallel;

/** {@code rln design}: a microstructure optimized by gradient descent, exactly through the FE solver or through a network. */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = {"Designs a periodic two-phase microstructure by gradient descent under a unit eps_xx, the stiff fraction held at --vf:"
                + " MMA on a filtered, projected density (rln.design), from a seeded start of the authors' generator family.",
                "--through fe differentiates the hex8 B-bar FE solution exactly (its adjoint); --through MODEL (a model directory,"
                        + " published:NAME or trained:NAME) differentiates the network's prediction on the tape (matrix-peak only).",
                "Writes DIR/start.npy, design.npy, history.csv, design.png, design.vti and report.json (the exact objective of the start"
                        + " and of the binary design, whichever route made it)."})
final class DesignCommand implements Callable<Integer> {
    @Option(names = "--objective", required = true,
            description = "matrix-peak: minimize (mean over the soft phase of eps_xx^p)^(1/p); c11-max / c11-min: the effective C11 (FE only)")
    String objective;

    @Option(names = "--vf", required = true, description = "stiff-phase volume fraction, in (0, 1)")
    double vf;

    @Option(names = "--size", required = true, description = "voxels per axis (the design is size^3)")
    int size;

    @Option(names = "--contrast", required = true, description = "Young's modulus of the stiff phase over the soft one")
    double contrast;

    @Option(names = "--through", required = true, description = "fe, or a model: a directory, published:NAME or trained:NAME")
    String through;

    @Option(names = "--iterations", description = "most MMA iterations (default: 120)")
    Integer iterations;

    @Option(names = "--p", defaultValue = "8", description = "exponent of matrix-peak (default: ${DEFAULT-VALUE})")
    double p;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the start (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--nu", defaultValue = "0.3", description = "Poisson's ratio of both phases (default: ${DEFAULT-VALUE})")
    double nu;

    @Option(names = "--filter", description = "density filter radius in voxels (default: 3)")
    Double filter;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Objective o;
        try {
            o = Objective.parse(objective);
        } catch (IllegalArgumentException e) {
            throw new InputException("--objective: " + e.getMessage());
        }
        if (!(vf > 0 && vf < 1)) throw new InputException("--vf: must be in (0, 1), got " + vf);
        if (size < 3) throw new InputException("--size: must be >= 3, got " + size);
        Options.contrast(contrast);
        Options.nu(nu);
        if (!(p >= 1) || !Double.isFinite(p)) throw new InputException("--p: must be a finite number >= 1, got " + p);
        if (iterations != null && iterations < 1) throw new InputException("--iterations: must be >= 1, got " + iterations);
        if (filter != null && !(filter >= 0 && Double.isFinite(filter))) throw new InputException("--filter: must be a finite radius >= 0, got " + filter);
        if (Files.exists(out) && !Files.isDirectory(out)) throw InputException.of(out, "exists and is not a directory");
        int t = Options.threads(threads);
        LocalizationModel model = null;
        if (!through.equals("fe")) {
            if (!o.throughModel)
                throw new InputException("--through " + through + ": " + o + " needs the stress, which a network does not predict; use --through fe");
            try {
                model = PredictCommand.load(through);
            } catch (InputException e) { // the loader speaks of --model, predict's option
                throw new InputException(e.getMessage().replaceFirst("^--model", "--through"), e);
            }
        }
        DesignConfig d = DesignConfig.defaults(o, vf);
        DesignConfig config = new DesignConfig(o, vf, iterations == null ? d.iterations() : iterations, filter == null ? d.filterRadius() : filter,
                d.betaStart(), d.betaMax(), d.betaEvery(), d.move(), d.eta(), d.penalization(), d.tolerance());
        Parallel.setThreads(t);
        new DesignRun(o, vf, size, contrast, nu, p, seed, config, t, model, through).run(out, spec.commandLine().getOut());
        return 0;
    }
}
