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

    /** The fast path end to end: the same network in float (Vector API PReLU, float kernels) against double. */
    @Test
    void floatNetworkMatchesTheDoubleOne() {
        Map<String, Tensor> shapes = ProximalNetGradientTest.parameters(new Random(0));
        Map<Precision, Map<String, Var>> params = new java.util.EnumMap<>(Precision.class);
        Map<Precision, Double> losses = new java.util.EnumMap<>(Precision.class);
        for (Precision p : Precision.values()) {
            Map<String, Var> ps = new LinkedHashMap<>();
            for (String name : shapes.keySet()) ps.put(name, new Parameter(name, load(name).to(Precision.FLOAT).to(p))); // float-representable
            Tensor m1 = load("m1").to(p), target = load("target").to(Precision.FLOAT).to(p), m0 = m1.copy();
            for (int i = 0; i < m0.size(); i++) m0.set(i, 1 - m1.get(i));
            double meanTarget = ReductionOps.mean(Var.constant(target.to(Precision.DOUBLE))).item();
            try (Tape tape = Tape.open()) {
                Var loss = ProximalNetGradientTest.loss(ps, Var.constant(m0), Var.constant(m1), Var.constant(target), meanTarget,
                        new ProximalNetGradientTest.KinkWatch());
                losses.put(p, loss.item());
                tape.backward(loss);
            }
            params.put(p, ps);
        }
        // float rounding (u = 6e-8) through two passes of ~12 layers, each summing <= 136 terms: worst case
        // about 24 * 137 u = 2e-4 relative to the sums of |terms|; we allow 2e-4 relative to the largest entry
        double tol = 2e-4;
        assertEquals(losses.get(Precision.DOUBLE), losses.get(Precision.FLOAT), tol * losses.get(Precision.DOUBLE));
        // relative to the largest gradient entry of the whole network: rounding noise is set by the magnitudes
        // flowing through backward, and some gradients are exactly 0 in exact arithmetic (conv6.bias and
        // out.bias only shift p by a constant, which the mean removal cancels)
        double scale = 0;
        for (String name : shapes.keySet()) {
            Tensor d = params.get(Precision.DOUBLE).get(name).grad();
            for (int i = 0; i < d.size(); i++) scale = Math.max(scale, Math.abs(d.get(i)));
        }
        double worst = 0;
        for (String name : shapes.keySet()) {
            Tensor d = params.get(Precision.DOUBLE).get(name).grad(), f = params.get(Precision.FLOAT).get(name).grad();
            double rel = f.maxAbsDiff(d) / scale;
            worst = Math.max(worst, rel);
            assertTrue(rel <= tol, name + ": float gradient off by " + rel + " relative");
        }
        System.out.printf("float vs double proximal net: loss rel %.2e, worst gradient rel %.2e%n",
                Math.abs(losses.get(Precision.FLOAT) / losses.get(Precision.DOUBLE) - 1), worst);
    }
}
