package rln.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.demo.Demo;
import rln.io.InputException;
import rln.nn.ModelKind;

/** {@code rln demo}: data, FE truth, the published RLN-t, a network trained on the spot and MKS, compared (rln.demo.Demo). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job on embedded defaults, in a few minutes: generates and FE-solves a small dataset "
                + "(31^3, contrast 10), predicts its test samples with the published RLN-t, a network trained here and the "
                + "MKS baseline, prints the MASE table and the speed-ups over the FE solve, and writes slice.png.",
                "Everything goes to --out (default: a new rln-demo-<date-time> directory here)."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "output directory (must not exist; default rln-demo-<date-time> in the working directory)")
    Path out;

    @Option(names = "--size", defaultValue = "31", description = "grid size n (n^3 voxels; default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--contrast", defaultValue = "10", description = "stiffness contrast (default ${DEFAULT-VALUE}; the published model is for 10)")
    double contrast;

    @Option(names = "--train", defaultValue = "24", description = "training samples (default ${DEFAULT-VALUE})")
    int train;

    @Option(names = "--valid", defaultValue = "6", description = "validation samples (default ${DEFAULT-VALUE})")
    int valid;

    @Option(names = "--test", defaultValue = "10", description = "test samples (default ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--model", defaultValue = "fln", description = "network to train here: fln, rln-t or rln (default ${DEFAULT-VALUE})")
    ModelKind kind;

    @Option(names = "--epochs", defaultValue = "12", description = "training epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch", defaultValue = "4", description = "training batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "2e-3", description = "learning rate (default ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--seed", defaultValue = "2021", description = "seed of the data and the training (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        if (size < 4) throw new InputException("--size: must be >= 4, got " + size);
        Options.contrast(contrast);
        if (train < 2 || valid < 1 || test < 1) throw new InputException("--train, --valid, --test: need >= 2, >= 1 and >= 1 samples");
        if (epochs < 1 || batch < 1) throw new InputException("--epochs, --batch: must be >= 1");
        Options.proximalNetwork(kind, "the demo trains");
        int passes = Options.passes(kind, null);
        if (out == null) out = Path.of("rln-demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(out)) throw InputException.of(out, "already exists (the demo writes into a new directory)");
        PrintWriter log = new PrintWriter(System.out, true);
        log.println("rln demo: writing into " + out.toAbsolutePath());
        Demo.Settings s = new Demo.Settings(size, contrast, train, valid, test, seed, kind.id, passes, epochs, batch, lr,
                Options.threads(threads), rln.util.ProjectVersion.get());
        new Demo(s, out, log).run();
        return 0;
    }
}
