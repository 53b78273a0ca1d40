package rln.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.autodiff.Parameter;
import rln.nn.LocalizationModel;
import rln.nn.Models;
import rln.tensor.Precision;
import rln.tensor.Tensor;
import rln.train.Adam;
import rln.train.GradClip;

/**
 * One RLN-t training step at batch 8 on 31^3, as the Trainer runs it: zero the gradients, loss and gradients of
 * the 5 supervised passes (tape forward + backward), gradient-norm clipping, Adam. The same step as
 * {@code /usr/bin/python3 bench/torch_rln.py time} ("training step batch 8"): random 50 % microstructures,
 * targets 1 + 0.3 N(0, 1), clip at 10, Adam lr 2e-3. Single-shot: one step is seconds long.
 * Run: bench/run-jmh.sh TrainStepBench   (or bench/train_step_compare.sh for the side-by-side ratio).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class TrainStepBench {
    @Param({"false"})
    public boolean recompute;

    LocalizationModel model;
    Adam adam;
    List<Parameter> params;
    Tensor micro, target;

    @Setup
    public void setup() {
        model = Models.create("rln-t", 5, false, 0);
        params = model.parameters();
        adam = new Adam(params, 2e-3);
        Random r = new Random(0);
        micro = Tensor.zeros(Precision.FLOAT, 8, 31, 31, 31, 1);
        target = Tensor.zeros(Precision.FLOAT, 8, 31, 31, 31, 1);
        for (int i = 0; i < micro.size(); i++) {
            micro.set(i, r.nextDouble() < 0.5 ? 1 : 0);
            target.set(i, 1 + 0.3 * r.nextGaussian());
        }
    }

    @Benchmark
    public double step() {
        adam.zeroGrad();
        double loss = model.lossAndGradients(micro, target, recompute).loss();
        GradClip.clipGradNorm(params, 10.0);
        adam.step();
        return loss;
    }
}
