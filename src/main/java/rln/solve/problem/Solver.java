package rln.solve.problem;

/** A strain solver for {@link Problem}s. Instances may cache per-grid data; not thread-safe. */
public interface Solver {
    /**
     * Relative size below which a load is rounding noise: when the load of the applied strain (the assembled FE
     * force, or the projected stress G[C : E]) is below ROUNDING times its unassembled / unprojected size, the
     * material is homogeneous to rounding and E is the solution (0 iterations).
     */
    double ROUNDING = 1e-14;

    /** The tolerances a solve can reach: ROUNDING <= tol < 1 (below ROUNDING the residual is rounding noise). */
    static void checkTolerance(double tol) {
        if (!(tol >= ROUNDING && tol < 1)) throw new IllegalArgumentException("the relative tolerance must be in [1e-14, 1), got " + tol);
    }

    /** Solves {@code p} to relative tolerance {@code tol} (the residual each implementation documents). */
    Solution solve(Problem p, double tol);
}
