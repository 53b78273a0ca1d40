package rln.solve.hex8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import rln.elastic.Hex8;
import rln.elastic.Isotropic;
import rln.util.Parallel;

/** The fast operator and the Fourier preconditioner held to the plain element loop. */
class Hex8OperatorTest {
    private int threads;

    @BeforeProperty
    void rememberThreads() {
        threads = Parallel.threads();
    }

    @AfterProperty // jqwik's @AfterEach: the pool size is global, leave it as the next test expects
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    static double[] random(int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    @Property(tries = 12, seed = "42")
    void fastOperatorEqualsTheElementLoop(@ForAll @IntRange(min = 2, max = 6) int nx, @ForAll @IntRange(min = 2, max = 6) int ny,
            @ForAll @IntRange(min = 2, max = 6) int nz, @ForAll boolean bbar) {
        Hex8Grid g = new Hex8Grid(nx, ny, nz);
        double[][] ke = Hex8.stiffness(new Isotropic(1, 0.3).stiffness(), bbar);
        Random r = new Random(nx * 100 + ny * 10 + nz);
        double[] modulus = new double[g.n];
        for (int e = 0; e < g.n; e++) modulus[e] = r.nextBoolean() ? 1 : 50;
        double[] w = random(3 * g.n, r), ref = new double[3 * g.n], fast = new double[3 * g.n], fast2 = new double[3 * g.n];
        double[] scalar = new double[3 * g.n];
        new ReferenceHex8Operator(g, ke).apply(modulus, w, ref);
        new FastHex8Operator(g, ke, 1).apply(modulus, w, fast);
        new FastHex8Operator(g, ke, 1, false).apply(modulus, w, scalar);
        Parallel.setThreads(2);
        new FastHex8Operator(g, ke, 2).apply(modulus, w, fast2);
        double scale = 0;
        for (double v : ref) scale = Math.max(scale, Math.abs(v));
        // the same 24 x 8 products per node summed in another order (and fused multiply-adds): rounding only,
        // a few hundred ulps of the largest value at most
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], fast[i], 1e-13 * scale, "vector kernel, dof " + i);
            assertEquals(ref[i], scalar[i], 1e-13 * scale, "scalar kernel, dof " + i);
        }
        // the gather passes sum every value in one fixed order: bitwise equal whatever the thread count
        assertArrayEquals(fast, fast2);
    }

    @org.junit.jupiter.api.Test
    void vectorKernelIsInUseWhenTheModuleIsPresent() {
        // surefire runs with --add-modules jdk.incubator.vector (pom.xml): the fast path must not silently fall back;
        // the scalar-fallback run (-Drln.vector=false) must get the scalar kernel
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && !"false".equals(System.getProperty("rln.vector"));
        FastHex8Operator op = new FastHex8Operator(new Hex8Grid(2, 2, 2), new double[Hex8.DOFS][Hex8.DOFS], 1);
        assertEquals(vector ? "VectorElementKernel" : "ScalarElementKernel", op.kernelName());
    }

    @Property(tries = 10, seed = "17")
    void preconditionerIsTheExactInverseOfTheHomogeneousOperator(@ForAll @IntRange(min = 2, max = 7) int nx,
            @ForAll @IntRange(min = 2, max = 7) int ny, @ForAll @IntRange(min = 2, max = 7) int nz, @ForAll boolean bbar) {
        Hex8Grid g = new Hex8Grid(nx, ny, nz);
        double[][] ke = Hex8.stiffness(new Isotropic(1, 0.3).stiffness(), bbar);
        double eRef = 3.5;
        double[] modulus = new double[g.n];
        java.util.Arrays.fill(modulus, eRef);
        Random r = new Random(nx * 100 + ny * 10 + nz + 1);
        double[] w = random(3 * g.n, r), kw = new double[3 * g.n], back = new double[3 * g.n];
        new ReferenceHex8Operator(g, ke).apply(modulus, w, kw);
        new Hex8Preconditioner(g, ke, eRef, 1).apply(kw, back);
        // M^-1 K0 w = w minus its mean per direction (the translation K0 cannot see)
        double[] mean = new double[3];
        for (int a = 0; a < g.n; a++) for (int d = 0; d < 3; d++) mean[d] += w[3 * a + d] / g.n;
        // K0 is well conditioned on these tiny grids (cond < 1e3): 1e-11 leaves room for FFT rounding
        for (int a = 0; a < g.n; a++)
            for (int d = 0; d < 3; d++) assertEquals(w[3 * a + d] - mean[d], back[3 * a + d], 1e-11, "node " + a + " dir " + d);
    }
}
