package rln.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.Json;
import rln.io.OutputLock;
import rln.nn.LocalizationModel;
import rln.nn.StrainPredictor;
import rln.nn.Models;
import rln.nn.mks.MksModel;
import rln.train.Evaluation;
import rln.train.Metrics;
import rln.train.MksLocalization;
import rln.train.ModelCost;
import rln.train.TrainingData;
import rln.util.Parallel;
import rln.util.ProgressLine;

/** {@code rln eval}: MASE mean +- std of a model over a dataset, per pass, and seconds per sample. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Scores a model on a dataset: MASE (METHOD.md section 4) mean +- population std over the samples, "
                + "after every pass, the loss, and inference seconds per sample.",
                "--model is a model directory (rln train, rln import-weights, or rln mks fit), 'mks' to fit the MKS baseline on --train, "
                + "published:NAME for the authors' weights shipped in the jar (FLN_c10, FLN_c50, RLN_t_c10, RLN_t_c50), or trained:NAME for the models trained here (FLN_c10, RLN_t_c10, RLN_c10, FLN_c50, RLN_t_c50, RLN_c50)."})
final class EvalCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "model directory, 'mks' (fitted on --train), published:NAME or trained:NAME")
    String model;

    @Option(names = "--data", required = true, description = "dataset directory to score on")
    Path data;

    @Option(names = "--train", description = "training dataset for --model mks")
    Path train;

    @Option(names = "--json", description = "also write the numbers to this JSON file")
    Path json;

    @Option(names = "--batch", defaultValue = "8", description = "inference batch size (default: ${DEFAULT-VALUE}; same numbers)")
    int batch;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--samples", paramLabel = "N", description = "score the first N samples of --data only (default: all)")
    Integer samples;

    @Override
    public Integer call() throws Exception {
        Parallel.setThreads(Options.threads(threads));
        if (batch < 1) throw new InputException("--batch: must be >= 1, got " + batch);
        if (samples != null && samples < 1) throw new InputException("--samples: must be >= 1, got " + samples);
        try (OutputLock lock = json == null ? null : Outputs.file(spec, "--json", json)) {
            TrainingData set = TrainingData.read(data);
            if (samples != null) {
                if (samples > set.size()) throw InputException.of(data, "--samples " + samples + ": the set holds only " + set.size() + " samples");
                set = set.range(0, samples);
            }
            StrainPredictor m = load(model, train);
            if (m instanceof rln.nn.LocalizationNetwork) Options.networkGrid(data, set.nx(), set.ny(), set.nz());
            PrintWriter o = spec.commandLine().getOut();
            rln.nn.JitWarmup.forGrid(m, set.nx(), set.ny(), set.nz()); // compiled kernels from the first sample on
            ProgressLine progress = new ProgressLine(o, "eval", set.size());
            Evaluation e = Evaluation.of(m, set, batch, progress::update);
            checkFinite(e);
            for (String line : table(m.kind(), e)) o.println(line);
            ModelCost cost = ModelCost.of(m, set.nx(), set.ny(), set.nz());
            o.println(String.format(Locale.ROOT, "%-6s cost: %s", m.kind(), cost.line()));
            if (json != null) {
                Map<String, Object> j = toJson(model, data.toString(), m.kind(), e);
                j.put("parameters", cost.parameters());
                j.put("flops_per_sample", Double.isNaN(cost.flopsPerSample()) ? null : cost.flopsPerSample());
                AtomicFiles.writeString(json, Json.write(j) + "\n");
                o.println("wrote " + json);
            }
            o.flush();
        }
        return 0;
    }

    /** A NaN or infinite score (a target whose mean is 0, a model that overflows) is refused with the first sample. */
    private void checkFinite(Evaluation e) {
        for (int k = 0; k < e.passes(); k++) {
            double[] s = e.masePerPass()[k];
            for (int i = 0; i < s.length; i++)
                if (!Double.isFinite(s[i]) || !Double.isFinite(e.passLoss()[k]))
                    throw InputException.of(data, "sample " + i + ": the MASE of pass " + (k + 1) + " is " + s[i] + " (loss " + e.passLoss()[k]
                            + "): the model's predictions are not finite, or the sample's eps_xx has mean 0");
        }
    }

    /** A model directory (network or MKS), or "mks" fitted on {@code train}. */
    static StrainPredictor load(String model, Path train) {
        if (model.equals("mks")) {
            if (train == null) throw new InputException("--model mks: needs --train DIR to fit the baseline on");
            return MksLocalization.fit(TrainingData.read(train));
        }
        LocalizationModel shipped = Models.shipped(model);
        if (shipped != null) return shipped;
        Path dir = Path.of(model);
        Path meta = dir.resolve("model.json");
        if (!Files.exists(meta)) throw InputException.of(dir, "not a model directory (no model.json) and not 'mks'");
        return MksModel.isModelDirectory(dir) ? new MksLocalization(MksModel.load(dir)) : Models.load(dir);
    }

    /** The printed table: one line per pass, then speed. */
    static List<String> table(String kind, Evaluation e) {
        List<String> lines = new ArrayList<>();
        int n = e.masePerPass()[0].length;
        for (int k = 1; k <= e.passes(); k++) {
            Metrics.Summary s = e.mase(k);
            lines.add(String.format(Locale.ROOT, "%-6s pass %d/%d  MASE %6.3f %% +- %6.3f %%  loss %8.4f", kind, k, e.passes(), s.mean(), s.std(), e.passLoss()[k - 1]));
        }
        lines.add(String.format(Locale.ROOT, "%-6s MASE %s; loss (mean over passes) %.4f; %.4f s per sample (%d samples, %d threads)",
                kind, e.mase().format(), e.loss(), e.secondsPerSample(), n, Parallel.threads()));
        return lines;
    }

    static Map<String, Object> toJson(String model, String data, String kind, Evaluation e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model);
        j.put("kind", kind);
        j.put("data", data);
        j.put("samples", e.masePerPass()[0].length);
        j.put("mase_mean", e.mase().mean());
        j.put("mase_std", e.mase().std());
        j.put("mase_sample_std", Double.isNaN(e.mase().sampleStd()) ? null : e.mase().sampleStd());
        j.put("loss", e.loss());
        j.put("seconds_per_sample", e.secondsPerSample());
        j.put("threads", Parallel.threads());
        List<Object> passes = new ArrayList<>();
        for (int k = 1; k <= e.passes(); k++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("pass", k);
            p.put("mase_mean", e.mase(k).mean());
            p.put("mase_std", e.mase(k).std());
            p.put("loss", e.passLoss()[k - 1]);
            passes.add(p);
        }
        j.put("passes", passes);
        // MASE(s) of the final pass for every sample s, in the set's order: two models scored on the same set can be
        // compared sample by sample (a paired difference, bench/paired.py), not only by their means
        j.put("mase_per_sample", e.masePerPass()[e.passes() - 1]);
        return j;
    }
}
