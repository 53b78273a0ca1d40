package rln.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.autodiff.Parameter;
import rln.kernels.Conv3dProfile;
import rln.kernels.Kernels;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.nn.ProximalNetwork;
import rln.tensor.Precision;
import rln.tensor.Tensor;
import rln.train.Adam;
import rln.train.GradClip;
import rln.util.Parallel;

/**
 * {@code rln bench train}: times one training step as the trainer runs it (zero the gradients, loss and gradients
 * of every supervised pass, gradient-norm clipping at 2 x passes, Adam lr 2e-3) on random 50 % microstructures
 * and targets 1 + 0.3 N(0,1), and prints one JSON line: medians after warm-up of the step and of its parts.
 * The same step in PyTorch: {@code /usr/bin/python3 bench/torch_rln.py train}.
 * <pre>
 *   gflop_per_step = passes x 3 x the network's forward FLOPs (forward, backward-data, backward-weights;
 *                    convolutions only, the extra forward of --recompute not counted)
 *   percent_of_peak = gflop_per_step / step_seconds / (225 GFLOP/s x threads)      (this machine's fp32 FMA peak)
 * </pre>
 * {@code --inference} times {@code predict} instead (gflop = passes x forward FLOPs). {@code --profile} adds one
 * JSON line per op (forward and backward time per step) and per convolution shape and map (time per step,
 * GFLOP/s), timed over the measured repetitions.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time one training step (or --inference) of fln, rln-t or rln and print one JSON line (seconds, medians).")
public final class BenchTrainCommand implements Callable<Integer> {
    /** fp32 FMA peak of one core of the project's reference machine (AVX-512, two FMA pipes). */
    static final double PEAK_GFLOPS_PER_CORE = 225;

    @Option(names = "--model", defaultValue = "rln-t", description = "fln, rln-t or rln (default ${DEFAULT-VALUE})")
    rln.nn.ModelKind model;

    @Option(names = "--n", defaultValue = "31", description = "grid size n^3 (default ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--batch", defaultValue = "8", description = "batch size (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--passes", description = "passes (default: 1 for fln, 5 otherwise)")
    Integer passes;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--recompute", description = "recompute each pass during backward (less memory)")
    boolean recompute;

    @Option(names = "--parallel", paramLabel = "MODE", defaultValue = "layers", description = "with 2 or more --threads: layers (split every "
            + "layer; default) or samples (split the batch's samples, one sub-batch per thread); as rln train --parallel")
    rln.nn.Parallelism parallel;

    @Option(names = "--batch-mean", description = "remove the mean over the whole batch (the authors' code) instead of per sample")
    boolean batchMean;

    @Option(names = "--inference", description = "time predict (inference, no graph) instead of a training step")
    boolean inference;

    @Option(names = "--reps", defaultValue = "5", description = "timed repetitions (default ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed warm-up repetitions (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--profile", description = "also print one JSON line per convolution shape and map")
    boolean profile;

    @Override
    public Integer call() {
        Options.proximalNetwork(model, "bench train times");
        int k = Options.passes(model, passes);
        Parallel.setThreads(Options.threads(threads));
        if (n < 2) throw new rln.io.InputException("--n: must be >= 2, got " + n);
        if (batch < 1) throw new rln.io.InputException("--batch: must be >= 1, got " + batch);
        Options.parallelism(parallel, batchMean);
        if (inference && parallel == rln.nn.Parallelism.SAMPLES)
            throw new rln.io.InputException("--parallel samples: splits a training step; --inference runs with the layers split");
        if (reps < 1 || warmup < 0) throw new rln.io.InputException("--reps must be >= 1 and --warmup >= 0, got " + reps + " and " + warmup);
        double forwardFlops;
        try {
            forwardFlops = ProximalNetwork.forwardFlops(batch, n, n, n);
        } catch (IllegalArgumentException e) {
            throw new rln.io.InputException("--n: " + e.getMessage());
        }
        LocalizationModel net = Models.create(model.id, k, batchMean, 0);
        List<Parameter> params = net.parameters();
        Adam adam = new Adam(params, 2e-3);
        Random r = new Random(0);
        Tensor micro = Tensor.zeros(Precision.FLOAT, batch, n, n, n, 1), target = Tensor.zeros(Precision.FLOAT, batch, n, n, n, 1);
        for (int i = 0; i < micro.size(); i++) {
            micro.set(i, r.nextDouble() < 0.5 ? 1 : 0);
            target.set(i, 1 + 0.3 * r.nextGaussian());
        }
        // parts of one step, in seconds: [0] whole step, [1] loss and gradients (or predict), [2] clip, [3] Adam, [4] CPU of the step
        double[][] t = new double[5][reps];
        double loss = 0;
        for (int rep = -warmup; rep < reps; rep++) {
            if (rep == 0 && profile) {
                Conv3dProfile.start();
                rln.autodiff.OpProfile.start();
            }
            long c0 = BenchConvCommand.cpuNanos(), t0 = System.nanoTime(), t1, t2, t3;
            if (inference) {
                net.predict(micro);
                t1 = t2 = t3 = System.nanoTime();
            } else {
                adam.zeroGrad();
                loss = net.lossAndGradients(micro, target, recompute, parallel).loss();
                t1 = System.nanoTime();
                GradClip.clipGradNorm(params, 2.0 * k);
                t2 = System.nanoTime();
                adam.step();
                t3 = System.nanoTime();
            }
            long c1 = BenchConvCommand.cpuNanos();
            if (rep < 0) continue;
            t[0][rep] = (t3 - t0) * 1e-9;
            t[1][rep] = (t1 - t0) * 1e-9;
            t[2][rep] = (t2 - t1) * 1e-9;
            t[3][rep] = (t3 - t2) * 1e-9;
            t[4][rep] = (c1 - c0) * 1e-9;
        }
        List<Conv3dProfile.Entry> table = profile ? Conv3dProfile.stop() : List.of();
        List<rln.autodiff.OpProfile.Entry> ops = profile ? rln.autodiff.OpProfile.stop() : List.of();
        double step = BenchConvCommand.med(t[0]), gflop = k * (inference ? 1 : 3) * forwardFlops / 1e9;
        double peak = PEAK_GFLOPS_PER_CORE * Parallel.threads();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "{\"job\":\"%s\",\"model\":\"%s\",\"n\":%d,\"batch\":%d,\"passes\":%d,\"threads\":%d,\"parallel\":\"%s\",\"recompute\":%b,\"batch_mean\":%b,"
                        + "\"impl\":\"%s\",\"reps\":%d,\"step_seconds\":%.4f,\"step_min_seconds\":%.4f,",
                inference ? "inference" : "train", model, n, batch, k, Parallel.threads(), parallel, recompute, batchMean, Kernels.conv3d().name(), reps,
                step, min(t[0])));
        if (!inference)
            s.append(String.format(Locale.ROOT, "\"loss_and_gradients_seconds\":%.4f,\"clip_seconds\":%.5f,\"adam_seconds\":%.5f,",
                    BenchConvCommand.med(t[1]), BenchConvCommand.med(t[2]), BenchConvCommand.med(t[3])));
        s.append(String.format(Locale.ROOT, "\"step_cpu_seconds\":%.4f,\"gflop_per_step\":%.2f,\"gflops\":%.1f,\"peak_gflops\":%.0f,"
                        + "\"percent_of_peak\":%.1f,\"seconds_per_sample\":%.5f%s}",
                BenchConvCommand.med(t[4]), gflop, gflop / step, peak, 100 * gflop / step / peak, step / batch,
                inference ? "" : String.format(Locale.ROOT, ",\"loss\":%.6f", loss)));
        System.out.println(s);
        printOps(ops, mean(t[0]));
        printProfile(table, mean(t[0]), mean(t[2]) + mean(t[3]));
        return 0;
    }

    /** One line per op: forward and backward seconds per step (averaged over the timed steps), share of the step. */
    private void printOps(List<rln.autodiff.OpProfile.Entry> ops, double step) {
        for (var e : ops) {
            double f = e.forwardNanos() * 1e-9 / reps, b = e.backwardNanos() * 1e-9 / reps;
            System.out.println(String.format(Locale.ROOT,
                    "{\"profile\":\"op\",\"op\":\"%s\",\"calls_per_step\":%d,\"forward_seconds_per_step\":%.5f,"
                            + "\"backward_seconds_per_step\":%.5f,\"percent_of_step\":%.1f}",
                    e.op(), e.forwardCalls() / reps, f, b, 100 * (f + b) / step));
        }
    }

    /** One line per convolution shape and map: seconds per step (averaged over the timed steps) and GFLOP/s. */
    private void printProfile(List<Conv3dProfile.Entry> table, double step, double clipAdam) {
        List<String> lines = new ArrayList<>();
        double conv = 0;
        for (Conv3dProfile.Entry e : table) {
            var g = e.geometry();
            double perStep = e.seconds() / reps;
            conv += perStep;
            lines.add(String.format(Locale.ROOT,
                    "{\"profile\":\"conv\",\"map\":\"%s\",\"cin\":%d,\"cout\":%d,\"k\":%d,\"stride\":%d,\"grid\":%d,\"batch\":%d,"
                            + "\"calls_per_step\":%d,\"seconds_per_step\":%.5f,\"percent_of_step\":%.1f,\"gflops\":%.1f}",
                    e.map(), g.cin(), g.cout(), g.kd(), g.stride(), g.inD(), g.batch(), e.calls() / reps, perStep, 100 * perStep / step, e.gflops()));
        }
        lines.forEach(System.out::println);
        if (!table.isEmpty())
            System.out.println(String.format(Locale.ROOT,
                    "{\"profile\":\"summary\",\"step_seconds_mean\":%.4f,\"conv_seconds_per_step\":%.4f,\"clip_adam_seconds_per_step\":%.4f,"
                            + "\"other_seconds_per_step\":%.4f,\"conv_percent\":%.1f}",
                    step, conv, clipAdam, step - conv - clipAdam, 100 * conv / step));
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) m = Math.min(m, v);
        return m;
    }
}
