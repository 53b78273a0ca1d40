package rln.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rln.autodiff.Parameter;
import rln.nn.LocalizationModel;
import rln.tensor.Tensor;

/**
 * The gradient rln design descends, from the design variables x through the density filter, the projection, the
 * interpolation and either route, against central differences in double precision.
 */
class DesignGradientTest {
    static final int NX = 5, NY = 4, NZ = 6, N = NX * NY * NZ;

    /** x in [0.1, 0.9], away from the bounds. */
    static double[] designVariables(long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[N];
        for (int e = 0; e < N; e++) x[e] = 0.1 + 0.8 * rnd.nextDouble();
        return x;
    }

    /**
     * dJ/dx_j for every voxel j against (J(x + h e_j) - J(x - h e_j)) / 2h, h = 1e-5, to 1e-6 relative: truncation
     * h^2 |J'''| / 6 ~ 1e-10 relative for this smooth chain; the FE solves run to 1e-14 (their error over 2h is
     * below 1e-8 relative, Hex8AdjointTest measures the same budget). Entries far below the others also carry the
     * rounding of J over 2h, ~u |J| / h (u = 2^-53), allowed as 4 u |J| / h.
     */
    static void check(String name, Route route, double[] x, Projection h) {
        DensityMap map = new DensityMap(new DensityFilter(NX, NY, NZ, 1.7), N);
        Route.Evaluation ev = route.evaluate(map.forward(x, h));
        double[] gradient = map.backward(ev.gradient());
        ToDoubleFunction<double[]> j = v -> route.evaluate(new DensityMap(new DensityFilter(NX, NY, NZ, 1.7), N).forward(v, h)).objective();
        double step = 1e-5, worst = 0, floor = 4 * 0x1p-53 * Math.abs(ev.objective()) / step;
        for (int e = 0; e < N; e++) {
            double x0 = x[e];
            x[e] = x0 + step;
            double jp = j.applyAsDouble(x);
            x[e] = x0 - step;
            double jm = j.applyAsDouble(x);
            x[e] = x0;
            double numeric = (jp - jm) / (2 * step), err = Math.abs(numeric - gradient[e]);
            worst = Math.max(worst, err / (1e-6 * Math.abs(numeric) + floor));
            assertTrue(err <= 1e-6 * Math.abs(numeric) + floor, name + ": dJ/dx_" + e + " chain rule " + gradient[e] + ", central differences " + numeric);
        }
        System.out.printf("%s: largest error %.3f of the allowed (1e-6 relative + %.1e)%n", name, worst, floor);
    }

    @ParameterizedTest
    @EnumSource(Objective.class)
    void feRouteGradientMatchesCentralDifferences(Objective objective) {
        // q = 3 exercises the interpolation's slope; the projection at beta 4 its curvature
        Route fe = new FeRoute(NX, NY, NZ, objective, new Interpolation(10, 3), 0.3, 8, true, 1e-14, 1);
        check("fe " + objective, fe, designVariables(objective.ordinal()), new Projection(4, 0.5));
    }

    /**
     * The model route's chain rule (the explicit dJ/drho of the matrix weights plus the network's pullback), with a
     * stand-in network whose prediction is known exactly: y = 1 + A (m1 - mean m1), A a fixed random symmetric
     * matrix, so (dy/dm1)^T v = (I - 11^T/N) A v. The real networks' pullback is checked against their own central
     * differences in rln.nn.InputGradientTest.
     */
    @Test
    void modelRouteGradientMatchesCentralDifferences() {
        check("model route", new ModelRoute(new LinearModel(3), "linear", NX, NY, NZ, 8), designVariables(7), new Projection(2, 0.5));
    }

    /** The stand-in network of the model-route check. */
    static final class LinearModel implements LocalizationModel {
        final double[][] a = new double[N][N];

        LinearModel(long seed) {
            Random rnd = new Random(seed);
            for (int i = 0; i < N; i++)
                for (int k = 0; k <= i; k++) a[i][k] = a[k][i] = 0.3 * (2 * rnd.nextDouble() - 1) / Math.sqrt(N);
        }

        double[] apply(Tensor m1) {
            double mean = 0;
            for (int i = 0; i < N; i++) mean += m1.get(i) / N;
            double[] y = new double[N];
            for (int i = 0; i < N; i++) {
                y[i] = 1;
                for (int k = 0; k < N; k++) y[i] += a[i][k] * (m1.get(k) - mean);
            }
            return y;
        }

        @Override
        public InputGradient inputGradient(Tensor micro, UnaryOperator<Tensor> upstream) {
            Tensor y = Tensor.wrap(apply(micro), micro.shape());
            Tensor v = upstream.apply(y);
            double[] g = new double[N];
            double mean = 0;
            for (int k = 0; k < N; k++) {
                for (int i = 0; i < N; i++) g[k] += a[i][k] * v.get(i);
                mean += g[k] / N;
            }
            for (int k = 0; k < N; k++) g[k] -= mean;
            return new InputGradient(y, Tensor.wrap(g, micro.shape()));
        }

        @Override public String kind() { return "linear"; }
        @Override public int passes() { return 1; }
        @Override public List<Parameter> parameters() { return List.of(); }
        @Override public List<Tensor> predict(Tensor micro) { return List.of(Tensor.wrap(apply(micro), micro.shape())); }
        @Override public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute) { throw new UnsupportedOperationException(); }
    }

    @Test
    void densityFilterIsSymmetricAndKeepsConstants() {
        DensityFilter w = new DensityFilter(NX, NY, NZ, 2.5);
        double[] a = designVariables(1), b = designVariables(2), wa = new double[N], wb = new double[N], c = new double[N], wc = new double[N];
        w.apply(a, wa);
        w.apply(b, wb);
        double aWb = 0, bWa = 0;
        for (int e = 0; e < N; e++) {
            aWb += a[e] * wb[e];
            bWa += b[e] * wa[e];
        }
        assertEquals(aWb, bWa, 1e-13, "a . W b = b . W a: W^T = W");
        java.util.Arrays.fill(c, 0.37);
        w.apply(c, wc);
        for (double v : wc) assertEquals(0.37, v, 1e-15);
        assertEquals(1, new DensityFilter(NX, NY, NZ, 1).stencilSize(), "R <= 1 is the identity");
    }
}
