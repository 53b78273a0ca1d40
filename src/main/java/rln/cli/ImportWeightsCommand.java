package rln.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.OutputLock;
import rln.nn.LocalizationModel;
import rln.nn.ModelKind;
import rln.nn.Models;

/** {@code rln import-weights}: the authors' PyTorch tensors (one .npy per state-dict entry) as a model directory. */
@Command(name = "import-weights", mixinStandardHelpOptions = true,
        description = {"Imports trained PyTorch weights (one .npy per state-dict entry, PyTorch names and layouts, as in the"
                + " authors' published models) as a model directory for 'rln predict' and 'rln eval'.",
                "The imported model sees each sample transposed (x,y,z)->(z,y,x), as the authors' networks saw their arrays"
                        + " (loading direction on the last axis), and transposes its output back: it predicts eps_xx for a load"
                        + " along axis 0 (model.json: input_axes = zyx)."})
final class ImportWeightsCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "directory of .npy tensors named as the PyTorch state dict (model.conv_begin_1.conv.weight.npy, ...)")
    Path from;

    @Option(names = "--model", required = true, description = "fln, rln-t or rln (rln: names models.<k>.* for pass k)")
    ModelKind kind;

    @Option(names = "--passes", description = "passes (default: 1 for fln, 5 for rln-t and rln)")
    Integer passes;

    @Option(names = "--batch-mean", description = "remove the mean of each pass over the whole batch (how the published weights were trained) instead of per sample")
    boolean batchMean;

    @Option(names = "--out", required = true, description = "model directory to write (model.json + one .npy per tensor)")
    Path out;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (OutputLock lock = Outputs.directory(spec, "--out", out)) {
            java.io.PrintWriter o = spec.commandLine().getOut();
            Options.proximalNetwork(kind, "import-weights reads the authors' tensors of");
            int p = Options.passes(kind, passes);
            LocalizationModel model = Models.importTorch(from, kind.id, p, batchMean);
            Models.save(model, out);
            o.printf(Locale.ROOT, "imported %s: %d pass%s, %d parameters, mean removal %s, input axes zyx%n", model.kind(), model.passes(),
                    model.passes() == 1 ? "" : "es", model.parameterCount(), batchMean ? "over the batch" : "per sample");
            o.printf("wrote %s%n", out);
            return 0;
        }
    }
}
