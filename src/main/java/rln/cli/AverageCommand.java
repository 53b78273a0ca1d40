package rln.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rln.io.InputException;
import rln.io.OutputLock;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.train.Checkpoint;
import rln.train.ParameterMean;

/** {@code rln average}: the uniform mean of several parameter sets of one model (stochastic weight averaging). */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = {"Writes the uniform mean of the parameters of several snapshots of one model, theta_bar = (1/S) sum_s theta_s"
                + " (summed in double, rounded to float32 once): stochastic weight averaging over the states a training run passed"
                + " through.",
                "Each SOURCE is a model directory (rln train, its best/) or a checkpoint directory of a run"
                        + " (MODEL/checkpoints/epoch-NNNN or epoch-NNNN-sNNNNNN: parameters as the run held them)."})
final class AverageCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write")
    Path out;

    @Option(names = "--like", paramLabel = "MODEL", description = "the model the sources are snapshots of: its kind, passes and"
            + " model.json (default: the first SOURCE that is a model directory; needed when every SOURCE is a checkpoint)")
    Path like;

    @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "model or checkpoint directories")
    List<Path> sources;

    @Override
    public Integer call() throws Exception {
        Path template = like != null ? like : sources.stream().filter(s -> !isCheckpoint(s)).findFirst().orElse(null);
        if (template == null) throw new InputException("--like: needed when every SOURCE is a checkpoint directory (give the model directory of the run)");
        for (Path s : sources)
            if (!Files.isDirectory(s)) throw InputException.of(s, "not a directory (a model directory or MODEL/checkpoints/epoch-NNNN)");
        LocalizationModel model = Models.load(template);
        ParameterMean mean = new ParameterMean(model.parameters());
        LocalizationModel held = null; // a checkpoint's values, read into the template's architecture (one copy, reused)
        List<String> named = new ArrayList<>();
        for (Path s : sources) {
            LocalizationModel snapshot;
            String kind;
            long passes;
            if (isCheckpoint(s)) { // FLN and RLN-t have the same parameters: the run's settings tell them apart
                snapshot = held = held != null ? held : Models.load(template);
                Map<String, Object> run = Checkpoint.readParameters(s, snapshot.parameters());
                kind = run.get("kind") instanceof String k ? k : model.kind(); // (every checkpoint of rln train records both)
                passes = run.get("passes") instanceof Long p ? p : model.passes();
            } else {
                snapshot = Models.load(s);
                kind = snapshot.kind();
                passes = snapshot.passes();
            }
            if (!kind.equals(model.kind()) || passes != model.passes())
                throw InputException.of(s, "a " + kind + " model of " + passes + " passes, " + template + " is a " + model.kind() + " of "
                        + model.passes() + ": not snapshots of one model");
            try {
                mean.add(snapshot.parameters());
            } catch (IllegalArgumentException e) {
                throw InputException.of(s, e.getMessage());
            }
            named.add(s.toString());
        }
        mean.writeInto();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("average", "uniform mean of the parameters of " + named.size() + " snapshots (rln average)");
        provenance.put("averaged", named);
        try (OutputLock lock = Outputs.directory(spec, "--out", out)) {
            Models.save(model, out, provenance);
        }
        spec.commandLine().getOut().printf("wrote %s: the mean of %d parameter sets of %s (%d passes)%n", out, named.size(), model.kind(), model.passes());
        return 0;
    }

    /** A checkpoint directory holds state.json (a model directory holds model.json). */
    private static boolean isCheckpoint(Path dir) {
        return Files.exists(dir.resolve("state.json")) && !Files.exists(dir.resolve("model.json"));
    }
}
