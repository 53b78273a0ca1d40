package rln.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import rln.autodiff.Parameter;
import rln.tensor.Tensor;

class OptimizerTest {

    private static void setGrad(Parameter p, double... g) {
        for (int i = 0; i < g.length; i++) p.grad().set(i, g[i]);
    }

    @Test
    void adamFirstStepsByHand() {
        Parameter p = new Parameter("p", Tensor.wrap(new double[] {1.0, -0.5}, 2));
        Adam adam = new Adam(List.of(p), 0.1); // betas (0.9, 0.999), eps 1e-8
        setGrad(p, 0.5, 2.0);
        adam.step();
        // t = 1: m = 0.1 g, v = 0.001 g^2; m / (1 - 0.9) = g, sqrt(v) / sqrt(1 - 0.999) = |g|:
        // p = p0 - 0.1 * g / (|g| + 1e-8)
        assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), p.value().get(0), 1e-16);
        assertEquals(-0.5 - 0.1 * 2.0 / (2.0 + 1e-8), p.value().get(1), 1e-16);
        setGrad(p, -0.25, 2.0);
        adam.step();
        // t = 2, entry 0: m = 0.9*0.05 + 0.1*(-0.25) = 0.02; v = 0.999*0.00025 + 0.001*0.0625 = 0.00031225
        // p = p1 - (0.1 / 0.19) * 0.02 / (sqrt(0.00031225) / sqrt(0.001999) + 1e-8)
        double p1 = 1.0 - 0.1 * 0.5 / (0.5 + 1e-8);
        assertEquals(p1 - (0.1 / 0.19) * 0.02 / (Math.sqrt(0.00031225) / Math.sqrt(0.001999) + 1e-8), p.value().get(0), 1e-15);
        setGrad(p, 0.125, -1.0);
        adam.step();
        // the values torch.optim.Adam (PyTorch 1.13, float64) gives for the same three gradients
        assertEquals(0.8393233849166541, p.value().get(0), 1e-15);
        assertEquals(-0.7515653392807696, p.value().get(1), 1e-15);
        assertEquals(3, adam.steps());
    }

    @Test
    void adamResumedFromItsStateTakesTheSameNextStep() {
        Parameter p = new Parameter("p", Tensor.wrap(new double[] {1.0, -0.5}, 2));
        Adam adam = new Adam(List.of(p), 0.1);
        for (double g : new double[] {0.5, -0.25}) {
            setGrad(p, g, 2 * g);
            adam.step();
        }
        Parameter q = new Parameter("q", p.value().copy());
        Adam resumed = new Adam(List.of(q), 0.1);
        resumed.restore(adam.steps(), 0, adam.moments(0)[0], adam.moments(0)[1]);
        setGrad(p, 0.125, 1);
        setGrad(q, 0.125, 1);
        adam.step();
        resumed.step();
        assertTrue(p.value().bitwiseEquals(q.value()));
        assertThrows(IllegalArgumentException.class, () -> resumed.restore(1, 0, new double[3], new double[2]));
    }

    @Test
    void adamOnFloatParametersBumpsTheVersion() {
        Parameter p = new Parameter("p", Tensor.wrap(new float[] {1f}, 1));
        Adam adam = new Adam(List.of(p), 0.1);
        setGrad(p, 3);
        int v0 = p.value().version();
        adam.step();
        assertEquals((float) (1 - 0.1 * 3 / (3 + 1e-8)), p.value().get(0));
        assertTrue(p.value().version() > v0, "a pending backward that saved p must notice the update");
        adam.zeroGrad();
        assertEquals(0, p.grad().get(0));
    }

    @Test
    void clipGradNormLikePyTorch() {
        Parameter a = new Parameter("a", Tensor.zeros(rln.tensor.Precision.DOUBLE, 2));
        Parameter b = new Parameter("b", Tensor.zeros(rln.tensor.Precision.DOUBLE, 1));
        setGrad(a, 3, 4);
        setGrad(b, 12);
        // total norm sqrt(9 + 16 + 144) = 13 > 6.5: scaled by 6.5 / (13 + 1e-6)
        assertEquals(13, GradClip.clipGradNorm(List.of(a, b), 6.5), 0);
        double c = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, a.grad().toDoubles(), 1e-16);
        assertEquals(12 * c, b.grad().get(0), 1e-15);
        assertEquals(5.999999538461575, b.grad().get(0), 1e-15, "torch.nn.utils.clip_grad_norm_ (PyTorch 1.13, float64)");
        // below the threshold nothing changes
        double n = GradClip.clipGradNorm(List.of(a, b), 100);
        assertEquals(6.5, n, 1e-6);
        assertEquals(12 * c, b.grad().get(0), 0);
    }

    @Test
    void cosineAnnealingMatchesPyTorch() {
        Parameter p = new Parameter("p", Tensor.zeros(rln.tensor.Precision.DOUBLE, 1));
        Adam adam = new Adam(List.of(p), 2e-3);
        CosineAnnealing s = new CosineAnnealing(adam, 60, 1e-8);
        // torch.optim.lr_scheduler.CosineAnnealingLR(T_max=60, eta_min=1e-8) from lr 2e-3 (PyTorch 1.13),
        // after t scheduler steps, t = 0, 1, 15, 30, 45, 59, 60, 61, 70
        int[] t = {0, 1, 15, 30, 45, 59, 60, 61, 70};
        double[] torch = {0.002, 0.0019986295416069, 0.0017071082456526416, 0.0010000050000000004, 0.0002929017543473586,
                1.38045839309994e-06, 1e-08, 1.3804583930999396e-06, 0.00013398392634258004};
        int k = 0;
        for (int epoch = 0; epoch <= 70; epoch++) {
            if (epoch == t[k]) {
                // PyTorch's recursion and the closed form differ by rounding only: 1e-12 relative
                assertEquals(torch[k], adam.lr(), 1e-12 * torch[k], "epoch " + epoch);
                k++;
            }
            s.step();
        }
        assertEquals(t.length, k);
    }
}
