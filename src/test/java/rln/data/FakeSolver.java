package rln.data;

import java.util.concurrent.atomic.AtomicInteger;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;

/**
 * A stand-in solver for testing the data pipeline: a cheap deterministic function of the problem (so any
 * mix-up of samples, components or voxels changes the bytes), with an optional failure after a number of
 * solves (a crash or a kill in the middle of a run).
 */
final class FakeSolver implements Solver {
    final AtomicInteger solves;
    final int failAfter;

    FakeSolver(AtomicInteger solves, int failAfter) {
        this.solves = solves;
        this.failAfter = failAfter;
    }

    @Override
    public Solution solve(Problem p, double tol) {
        if (solves.incrementAndGet() > failAfter) throw new IllegalStateException("simulated solver failure");
        int n = p.voxels();
        double[] strain = new double[6 * n];
        long hash = 0;
        for (int v = 0; v < n; v++) hash = hash * 31 + p.phase()[v];
        for (int c = 0; c < 6; c++)
            for (int v = 0; v < n; v++)
                strain[c * n + v] = p.appliedStrain()[c] * (p.phase()[v] == 1 ? 1 / p.contrast() : 1) + 1e-3 * c + 1e-6 * v + 1e-9 * (hash & 0xffff);
        return new Solution(strain, Math.floorMod(hash, 97), 1e-9 * (1 + Math.floorMod(hash, 5)), 0.0);
    }
}
