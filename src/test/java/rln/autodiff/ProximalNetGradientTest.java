package rln.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.kernels.Padding;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * A miniature of exactly the RLN proximal network of METHOD.md section 4 (tiny channels, a 3^3 grid), unrolled
 * over two tied passes with the RLN input construction, both mean removals and the paper's loss, checked in
 * double precision against central differences. It proves that model code built from these ops gets correct
 * gradients.
 * <pre>
 *   pad 3 -> 8 (2 before, 3 after, circular); conv 6->2 k3 circ + PReLU; conv 2->2 + PReLU;
 *   down conv 2->3 k2 s2 (8 -> 4) + PReLU; conv 3->3 + PReLU, twice; up transposed 3->3 k2 s2 (4 -> 8) + PReLU;
 *   concat (up, skip) -> 5; conv 5->3 + PReLU; conv 3->2; conv 2->1 k1; crop to 3
 *   p_k = net(input_k); p_k -= mean(p_k) (pass 1 per sample, pass 2 over the batch); y_(k+1) = 1 + p_k
 *   loss = mean over passes of 100 sqrt(MSE(y_k, target)) / mean(target)
 * </pre>
 */
class ProximalNetGradientTest {
    static final int C1 = 2, C2 = 3, GRID = 3, BATCH = 2;

    /** The parameters, named as in the authors' TinyVNet (in order of use). */
    static Map<String, Tensor> parameters(Random rnd) {
        return parameters(rnd, C1, C2);
    }

    /** The network's parameters for channel widths c1 (the paper: 16) and c2 (32). */
    static Map<String, Tensor> parameters(Random rnd, int C1, int C2) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        conv(p, rnd, "conv1", 3, 6, C1);
        slope(p, rnd, "act1", C1);
        conv(p, rnd, "conv2", 3, C1, C1);
        slope(p, rnd, "act2", C1);
        conv(p, rnd, "down", 2, C1, C2);
        slope(p, rnd, "act3", C2);
        conv(p, rnd, "conv3", 3, C2, C2);
        slope(p, rnd, "act4", C2);
        conv(p, rnd, "conv4", 3, C2, C2);
        slope(p, rnd, "act5", C2);
        conv(p, rnd, "up", 2, C2, C2); // transposed: [k,k,k,Co,Ci]
        slope(p, rnd, "act6", C2);
        conv(p, rnd, "conv5", 3, C1 + C2, C2);
        slope(p, rnd, "act7", C2);
        conv(p, rnd, "conv6", 3, C2, C1);
        conv(p, rnd, "out", 1, C1, 1);
        return p;
    }

    /** PyTorch's default initialization scale: uniform in +-1/sqrt(fan_in) (float-representable values). */
    static void conv(Map<String, Tensor> p, Random rnd, String name, int k, int ci, int co) {
        double s = 1 / Math.sqrt(k * k * k * ci);
        Tensor w = GradCheck.uniform(rnd, -s, s, k, k, k, ci, co), b = GradCheck.uniform(rnd, -s, s, co);
        p.put(name + ".weight", w);
        p.put(name + ".bias", b);
    }

    static void slope(Map<String, Tensor> p, Random rnd, String name, int c) {
        p.put(name + ".weight", GradCheck.uniform(rnd, 0.15, 0.35, c));
    }

    /** Records the sign of every PReLU input, to prove that no finite-difference step crossed a kink. */
    static final class KinkWatch {
        final List<Boolean> signs = new ArrayList<>();
        Var prelu(Var x, Var a) {
            for (int i = 0; i < x.value().size(); i++) signs.add(x.value().get(i) > 0);
            return ActivationOps.prelu(x, a);
        }
    }

    static Var net(Map<String, Var> w, Var input, KinkWatch k) {
        Var x = ShapeOps.circularPad(input, 2, 3);
        x = k.prelu(ConvOps.conv3d(x, w.get("conv1.weight"), w.get("conv1.bias"), 1, 1, Padding.CIRCULAR), w.get("act1.weight"));
        Var skip = k.prelu(ConvOps.conv3d(x, w.get("conv2.weight"), w.get("conv2.bias"), 1, 1, Padding.CIRCULAR), w.get("act2.weight"));
        x = k.prelu(ConvOps.conv3d(skip, w.get("down.weight"), w.get("down.bias"), 2, 0, Padding.ZERO), w.get("act3.weight"));
        x = k.prelu(ConvOps.conv3d(x, w.get("conv3.weight"), w.get("conv3.bias"), 1, 1, Padding.CIRCULAR), w.get("act4.weight"));
        x = k.prelu(ConvOps.conv3d(x, w.get("conv4.weight"), w.get("conv4.bias"), 1, 1, Padding.CIRCULAR), w.get("act5.weight"));
        x = k.prelu(ConvOps.convTranspose3d(x, w.get("up.weight"), w.get("up.bias"), 2, 0), w.get("act6.weight"));
        x = ShapeOps.concatChannels(x, skip);
        x = k.prelu(ConvOps.conv3d(x, w.get("conv5.weight"), w.get("conv5.bias"), 1, 1, Padding.CIRCULAR), w.get("act7.weight"));
        x = ConvOps.conv3d(x, w.get("conv6.weight"), w.get("conv6.bias"), 1, 1, Padding.CIRCULAR);
        x = ConvOps.conv3d(x, w.get("out.weight"), w.get("out.bias"), 1, 0, Padding.ZERO);
        return ShapeOps.crop(x, 2, 3);
    }

    /** Two tied passes of the recurrence and the paper's loss. */
    static Var loss(Map<String, Var> w, Var m0, Var m1, Var target, double meanTarget, KinkWatch k) {
        Var zero = Var.constant(Tensor.zeros(m0.precision(), BATCH, GRID, GRID, GRID, 1));
        Tensor onesT = Tensor.zeros(m0.precision(), BATCH, GRID, GRID, GRID, 1);
        onesT.fill(1);
        Var[] y = {zero, zero, Var.constant(onesT)}; // y_(k-2), y_(k-1), y_k
        Var total = null;
        for (int pass = 0; pass < 2; pass++) {
            Var input = ShapeOps.concatChannels(ArithmeticOps.mul(m0, y[2]), ArithmeticOps.mul(m1, y[2]), ArithmeticOps.mul(m0, y[1]),
                    ArithmeticOps.mul(m1, y[1]), ArithmeticOps.mul(m0, y[0]), ArithmeticOps.mul(m1, y[0]));
            Var p = net(w, input, k);
            p = ArithmeticOps.sub(p, pass == 0 ? ReductionOps.meanPerSample(p) : ReductionOps.mean(p));
            Var next = ArithmeticOps.addScalar(p, 1);
            Var l = ArithmeticOps.mulScalar(ArithmeticOps.sqrt(LossOps.mse(next, target)), 100 / meanTarget);
            total = total == null ? l : ArithmeticOps.add(total, l);
            y = new Var[] {y[1], y[2], next};
        }
        return ArithmeticOps.mulScalar(total, 0.5);
    }

    @Test
    void miniatureProximalNetworkGradientsMatchCentralDifferences() {
        Random rnd = new Random(20260401);
        Map<String, Tensor> values = parameters(rnd);
        Tensor m1t = Tensor.zeros(Precision.DOUBLE, BATCH, GRID, GRID, GRID, 1), m0t = m1t.copy();
        for (int i = 0; i < m1t.size(); i++) {
            int phase = rnd.nextInt(2);
            m1t.set(i, phase);
            m0t.set(i, 1 - phase);
        }
        Tensor target = GradCheck.uniform(rnd, 0.6, 1.6, BATCH, GRID, GRID, GRID, 1);
        double meanTarget = 0;
        for (int i = 0; i < target.size(); i++) meanTarget += target.get(i) / target.size();
        Var m0 = Var.constant(m0t), m1 = Var.constant(m1t), tv = Var.constant(target);

        Map<String, Parameter> params = new LinkedHashMap<>();
        values.forEach((name, t) -> params.put(name, new Parameter(name, t)));
        KinkWatch base = new KinkWatch();
        double l0;
        try (Tape tape = Tape.open()) {
            Var l = loss(new LinkedHashMap<>(params), m0, m1, tv, meanTarget, base);
            l0 = l.item();
            tape.backward(l);
        }
        int parameterCount = values.values().stream().mapToInt(Tensor::size).sum();
        assertEquals(1648, parameterCount, "the miniature's parameter count (a change here means the net changed)");

        // check 16 random entries of every weight tensor and all of every bias and slope: 171 entries
        double h = GradCheck.H;
        int checked = 0;
        for (var e : values.entrySet()) {
            Tensor t = e.getValue();
            Tensor analytic = params.get(e.getKey()).grad();
            List<Integer> entries = new ArrayList<>();
            for (int j = 0; j < t.size(); j++) entries.add(j);
            java.util.Collections.shuffle(entries, rnd);
            for (int j : entries.subList(0, Math.min(16, t.size()))) {
                double x0 = t.get(j);
                t.set(j, x0 + h);
                double lp = evaluate(values, m0, m1, tv, meanTarget, base);
                t.set(j, x0 - h);
                double lm = evaluate(values, m0, m1, tv, meanTarget, base);
                t.set(j, x0);
                double num = (lp - lm) / (2 * h), an = analytic.get(j);
                // tolerance: as GradCheck.check; the floor 1e-8 * max(1, |L|) bounds the rounding noise of two
                // evaluations of L (~1e3 terms deep) divided by 2h
                double tol = GradCheck.RTOL * Math.max(Math.abs(an), Math.abs(num)) + 1e-8 * Math.max(1, Math.abs(l0));
                assertTrue(Math.abs(an - num) <= tol, e.getKey() + "[" + j + "]: analytic " + an + " numeric " + num);
                checked++;
            }
        }
        assertEquals(171, checked, "16 entries of each weight, every bias and slope entry");
    }

    @Test
    void atFullWidthTheLayersHaveThePapersParameterCount() {
        int full = parameters(new Random(1), 16, 32).values().stream().mapToInt(Tensor::size).sum();
        assertEquals(132_801, full, "METHOD.md section 4: FLN and RLN-t have 132,801 parameters");
    }

    /** L at the current parameter values, without a tape; fails if any PReLU input changed sign (a kink was crossed). */
    static double evaluate(Map<String, Tensor> values, Var m0, Var m1, Var target, double meanTarget, KinkWatch base) {
        Map<String, Var> w = new LinkedHashMap<>();
        values.forEach((name, t) -> w.put(name, Var.constant(t)));
        KinkWatch k = new KinkWatch();
        double l = loss(w, m0, m1, target, meanTarget, k).item();
        assertEquals(base.signs, k.signs, "a finite-difference step crossed a PReLU kink: pick check points away from it");
        return l;
    }
}
