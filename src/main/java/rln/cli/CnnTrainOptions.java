package rln.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rln.io.Dataset;
import rln.io.InputException;
import rln.nn.CnnArchitecture;
import rln.nn.ComparisonCnn;
import rln.nn.Models;
import rln.tensor.Precision;
import rln.train.Trainer;
import rln.train.TrainingData;
import rln.train.VoxelTrainer;
import rln.util.Parallel;

/** The options of {@code rln train --model cnn} (the comparison CNN learns from sampled voxels: rln.train.VoxelTrainer). */
final class CnnTrainOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--voxels", defaultValue = "8", description = "cnn: voxels drawn from every training microstructure per epoch (default: ${DEFAULT-VALUE})")
    int voxels;

    @Option(names = "--l2", description = "cnn: L2 coefficient on every kernel (default: Yang et al.'s, 1e-4 at contrast 10, 5e-4 at 50)")
    Double l2;

    @Option(names = "--patience", defaultValue = "10", description = "cnn: stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--valid-voxels", defaultValue = "32", description = "cnn: voxels per validation microstructure, a fixed sample (default: ${DEFAULT-VALUE})")
    int validVoxels;

    @Option(names = "--architecture", paramLabel = "S,K,C1,C2,D1,D2", split = ",", description = "cnn: patch side, kernel, conv1, conv2, "
            + "dense1, dense2 widths (default: Yang et al.'s 11,3,128,256,2048,1024)")
    int[] architecture;

    @Option(names = "--lr-min", description = "cnn: cosine-anneal the learning rate to this (default: none, a constant rate as Keras's Adam)")
    Double lrMin;

    /** The CNN's learning rate where it differs from the networks': 1e-3, Keras's Adam default (Yang et al. used 'adam'). */
    static final double LR = 1e-3;

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** The cnn-only options, refused for the networks (which would silently ignore them). */
    void refuseOutsideCnn(String kind) {
        for (String o : new String[] {"--voxels", "--l2", "--patience", "--valid-voxels", "--architecture", "--lr-min"})
            if (given(o)) throw new InputException(o + ": an option of --model cnn only, not of " + kind);
    }

    int run(TrainCommand c) throws Exception {
        for (String o : new String[] {"--batch-mean", "--recompute", "--augment", "--init", "--eval-batch", "--checkpoint-minutes", "--warmup-steps", "--ema", "--pass-weights", "--keep-checkpoints"})
            if (given(o)) throw new InputException(o + ": not an option of --model cnn (it learns from sampled voxels, one pass)");
        if (c.parallel == rln.nn.Parallelism.SAMPLES)
            throw new InputException("--parallel samples: the comparison CNN trains with the layers split only (--parallel layers)");
        double lr = given("--lr") ? c.lr : LR;
        int batch = c.batch;
        if (lrMin != null && !(lrMin >= 0 && lrMin <= lr)) throw new InputException("--lr-min: must be in [0, --lr], got " + lrMin);
        if (voxels < 1) throw new InputException("--voxels: must be >= 1, got " + voxels);
        if (validVoxels < 1) throw new InputException("--valid-voxels: must be >= 1, got " + validVoxels);
        if (patience < 1) throw new InputException("--patience: must be >= 1, got " + patience);
        if (l2 != null && !(l2 >= 0 && Double.isFinite(l2))) throw new InputException("--l2: must be a finite number >= 0, got " + l2);
        CnnArchitecture arch = architecture();
        double lambda = l2 != null ? l2 : papersL2(c.trainDir);
        long t0 = System.nanoTime();
        TrainingData train = TrainingData.read(c.trainDir), valid = TrainingData.read(c.validDir);
        if (c.samples != null) {
            if (c.samples > train.size()) throw InputException.of(c.trainDir, "--samples " + c.samples + ": the set holds only " + train.size() + " samples");
            train = train.range(0, c.samples);
        }
        if (voxels > train.voxels()) throw new InputException("--voxels " + voxels + ": a training microstructure has only " + train.voxels() + " voxels");
        if (validVoxels > valid.voxels()) throw new InputException("--valid-voxels " + validVoxels + ": a validation microstructure has only " + valid.voxels() + " voxels");
        ComparisonCnn model = ComparisonCnn.initialized(arch, Precision.FLOAT, c.seed);
        VoxelTrainer.Config config = new VoxelTrainer.Config(c.epochs, batch, voxels, lr, lrMin == null ? lr : lrMin, c.seed, lambda, patience, validVoxels);
        PrintWriter w = new PrintWriter(System.out, true);
        w.printf(Locale.ROOT, "cnn (%,d parameters): %d training microstructures x %d voxels per epoch, %d per step; %d validation x %d voxels; "
                        + "l2 %.1e, lr %.1e%s; read in %.1f s; %d threads%n", arch.parameterCount(), train.size(), voxels, batch * voxels, valid.size(),
                validVoxels, lambda, lr, lrMin == null ? " (constant)" : " -> " + lrMin, (System.nanoTime() - t0) * 1e-9, Parallel.threads());
        var reports = new VoxelTrainer(model, config, train, valid, c.out, Models::save).run(w, c.stopAfter == null ? c.epochs : c.stopAfter);
        w.println(TrainReport.line(c.out, reports, c.stopAfter == null || c.stopAfter >= c.epochs));
        if (java.nio.file.Files.exists(c.out.resolve(Trainer.BEST).resolve("model.json")))
            w.println("score the best model on a test set: rln eval --model " + c.out.resolve(Trainer.BEST) + " --data TEST");
        return 0;
    }

    private CnnArchitecture architecture() {
        if (architecture == null) return CnnArchitecture.paper();
        if (architecture.length != 6) throw new InputException("--architecture: expected 6 numbers S,K,C1,C2,D1,D2, got " + architecture.length);
        try {
            return new CnnArchitecture(architecture[0], architecture[1], architecture[2], architecture[3], architecture[4], architecture[5]);
        } catch (IllegalArgumentException e) {
            throw new InputException("--architecture: " + e.getMessage());
        }
    }

    /** Yang et al.'s L2 coefficient for the contrast recorded in the training set's meta.json. */
    static double papersL2(Path trainDir) {
        Object contrast = Dataset.open(trainDir).meta().get("contrast");
        if (contrast instanceof Number n && n.doubleValue() == 10) return ComparisonCnn.L2_C10;
        if (contrast instanceof Number n && n.doubleValue() == 50) return ComparisonCnn.L2_C50;
        throw InputException.of(trainDir.resolve("meta.json"), "contrast " + contrast + ": Yang et al. give the L2 coefficient for contrast 10 and 50 only; pass --l2");
    }
}
