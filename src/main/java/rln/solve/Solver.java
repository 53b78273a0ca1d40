package rln.solve;

/** A strain solver for {@link Problem}s. Instances may cache per-grid data; not thread-safe. */
public interface Solver {
    /** Solves {@code p} to relative tolerance {@code tol} (the residual each implementation documents). */
    Solution solve(Problem p, double tol);
}
