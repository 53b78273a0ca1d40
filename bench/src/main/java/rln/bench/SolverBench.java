package rln.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import rln.elastic.Hex8;
import rln.elastic.Isotropic;
import rln.solve.*;
import rln.solve.problem.*;
import rln.solve.hex8.*;
import rln.util.Parallel;

/**
 * The hex8 solver and its two hot parts at one grid size: the FE operator apply (Vector API kernel, scalar
 * kernel, the reference element loop), the Fourier preconditioner apply, and a whole solve (random 50 % stiff
 * microstructure, contrast 50, unit eps_xx, tol 1e-8, one solver instance reused as the data generator does).
 * Example: bench/run-jmh.sh SolverBench -p n=31 -p threads=1
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SolverBench {
    @Param({"31"})
    int n;

    @Param({"1"})
    int threads;

    Hex8Grid grid;
    FastHex8Operator vector, scalar;
    ReferenceHex8Operator reference;
    Hex8Preconditioner preconditioner;
    Solver solver;
    Problem problem;
    double[] modulus, w, y;

    @Setup
    public void setup() {
        if (threads > 1) Parallel.setThreads(threads);
        grid = new Hex8Grid(n, n, n);
        double[][] ke = Hex8.stiffness(new Isotropic(1, 0.3).stiffness(), true);
        vector = new FastHex8Operator(grid, ke, threads, true);
        scalar = new FastHex8Operator(grid, ke, threads, false);
        reference = new ReferenceHex8Operator(grid, ke);
        preconditioner = new Hex8Preconditioner(grid, ke, 1, threads);
        Random r = new Random(1);
        byte[] phase = new byte[grid.n];
        modulus = new double[grid.n];
        for (int e = 0; e < grid.n; e++) {
            phase[e] = (byte) (r.nextBoolean() ? 1 : 0);
            modulus[e] = phase[e] == 1 ? 50 : 1;
        }
        w = new double[3 * grid.n];
        y = new double[3 * grid.n];
        for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
        solver = Solvers.create(Element.HEX8_BBAR, threads);
        problem = new Problem(n, n, n, phase, 50, 0.3, Problem.unitStrain(0));
    }

    @Benchmark
    public double[] operatorVector() {
        vector.apply(modulus, w, y);
        return y;
    }

    @Benchmark
    public double[] operatorScalar() {
        scalar.apply(modulus, w, y);
        return y;
    }

    @Benchmark
    public double[] operatorReference() {
        reference.apply(modulus, w, y);
        return y;
    }

    @Benchmark
    public double[] preconditioner() {
        preconditioner.apply(w, y);
        return y;
    }

    @Benchmark
    public Solution solve() {
        return solver.solve(problem, 1e-8);
    }
}
