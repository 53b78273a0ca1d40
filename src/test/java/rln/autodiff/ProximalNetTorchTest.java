package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.io.Npy;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The miniature proximal network of {@link ProximalNetGradientTest}, with weights, data, loss and every
 * parameter gradient produced by PyTorch 1.13 in float64 (bench/proximal_net_torch.py wrote
 * testdata/autodiff/proximal-net-torch). The gradient checks prove our backward matches our forward; this
 * proves our forward and backward match PyTorch's semantics: circular padding, PReLU, the transposed
 * convolution's weight orientation, concatenation order, cropping, both mean removals and the loss.
 */
class ProximalNetTorchTest {
    static final Path DIR = Path.of("testdata/autodiff/proximal-net-torch");

    static Tensor load(String name) {
        Npy.Array a = Npy.read(DIR.resolve(name + ".npy"));
        return Tensor.wrap(a.toDoubles(), a.shape);
    }

    @Test
    void lossAndEveryGradientMatchPyTorch() {
        Map<String, Tensor> shapes = ProximalNetGradientTest.parameters(new Random(0)); // names and our layouts
        Map<String, Var> params = new LinkedHashMap<>();
        for (var e : shapes.entrySet()) {
            Tensor t = load(e.getKey());
            assertArrayEquals(e.getValue().shape(), t.shape(), e.getKey());
            params.put(e.getKey(), new Parameter(e.getKey(), t));
        }
        Tensor m1 = load("m1"), target = load("target"), m0 = m1.copy();
        for (int i = 0; i < m0.size(); i++) m0.set(i, 1 - m1.get(i));
        double meanTarget = 0;
        for (int i = 0; i < target.size(); i++) meanTarget += target.get(i);
        meanTarget /= target.size();
        double torchLoss = load("loss").get(0);
        try (Tape tape = Tape.open()) {
            Var loss = ProximalNetGradientTest.loss(params, Var.constant(m0), Var.constant(m1), Var.constant(target), meanTarget,
                    new ProximalNetGradientTest.KinkWatch());
            // both sides in double, summing in different orders through ~40 ops with sums of <= 135 terms:
            // a few hundred roundings of 1.1e-16 at most, so 1e-12 relative leaves a wide margin
            assertEquals(torchLoss, loss.item(), 1e-12 * torchLoss);
            tape.backward(loss);
        }
        for (var e : params.entrySet()) {
            Tensor expected = load("grad." + e.getKey()), got = e.getValue().grad();
            double scale = 0;
            for (int i = 0; i < expected.size(); i++) scale = Math.max(scale, Math.abs(expected.get(i)));
            // the same reasoning as for the loss, relative to the tensor's largest gradient entry
            assertTrue(got.maxAbsDiff(expected) <= 1e-10 * Math.max(scale, 1e-3),
                    e.getKey() + ": gradient differs from PyTorch's by " + got.maxAbsDiff(expected) + " (largest entry " + scale + ")");
        }
        assertEquals(Precision.DOUBLE, params.get("conv1.weight").precision());
    }
}
