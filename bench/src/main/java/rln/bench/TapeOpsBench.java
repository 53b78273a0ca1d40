package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.autodiff.*;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Forward + backward of the tape's non-convolution ops at the proximal network's sizes (one sample of
 * [36,36,36,16] activations, the 31^3 input and outputs, the batch-32 mean removal and loss), through a
 * Tape (pooled buffers), seeded by sum(y). FLOAT is the fast path, DOUBLE the reference path.
 * Compare with bench/tape_ops_torch.py (the same ops in PyTorch, CPU float32).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TapeOpsBench {
    @Param({"prelu", "add", "maskMul", "pad", "crop", "concat", "meanRemoval", "mse"})
    public String op;

    @Param({"FLOAT", "DOUBLE"})
    public Precision precision;

    Var a, b, c;

    static Tensor random(Random r, Precision p, int... shape) {
        Tensor t = Tensor.zeros(p, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, r.nextDouble() * 2 - 1);
        return t;
    }

    @Setup
    public void setup() {
        Random r = new Random(1);
        switch (op) {
            case "prelu": a = Var.input(random(r, precision, 1, 36, 36, 36, 16), true); b = new Parameter("slope", random(r, precision, 16)); break;
            case "add": a = Var.input(random(r, precision, 1, 36, 36, 36, 16), true); b = Var.input(random(r, precision, 1, 36, 36, 36, 16), true); break;
            case "maskMul": a = Var.constant(random(r, precision, 1, 31, 31, 31, 1)); b = Var.input(random(r, precision, 1, 31, 31, 31, 1), true); break;
            case "pad": a = Var.input(random(r, precision, 1, 31, 31, 31, 6), true); break;
            case "crop": a = Var.input(random(r, precision, 1, 36, 36, 36, 1), true); break;
            case "concat": a = Var.input(random(r, precision, 1, 36, 36, 36, 32), true); b = Var.input(random(r, precision, 1, 36, 36, 36, 16), true); break;
            case "meanRemoval": a = Var.input(random(r, precision, 32, 31, 31, 31, 1), true); break;
            case "mse": a = Var.input(random(r, precision, 32, 31, 31, 31, 1), true); c = Var.constant(random(r, precision, 32, 31, 31, 31, 1)); break;
            default: throw new IllegalArgumentException(op);
        }
    }

    Var forward() {
        switch (op) {
            case "prelu": return ActivationOps.prelu(a, b);
            case "add": return ArithmeticOps.add(a, b);
            case "maskMul": return ArithmeticOps.mul(a, b);
            case "pad": return ShapeOps.circularPad(a, 2, 3);
            case "crop": return ShapeOps.crop(a, 2, 3);
            case "concat": return ShapeOps.concatChannels(a, b);
            case "meanRemoval": return ArithmeticOps.sub(a, ReductionOps.meanPerSample(a));
            default: return LossOps.mse(a, c);
        }
    }

    @Benchmark
    public double forwardBackward() {
        a.zeroGrad();
        if (b != null) b.zeroGrad();
        try (Tape tape = Tape.open()) {
            Var loss = ReductionOps.sum(forward());
            tape.backward(loss);
            return loss.item();
        }
    }
}
