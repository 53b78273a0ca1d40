package rln.solve;

import rln.solve.hex8.Hex8Solver;
import rln.solve.spectral.BasicSchemeSolver;
import rln.solve.spectral.GalerkinSolver;

/** The factory the command line and the data pipeline use to get a solver for an {@link Element}. */
public final class Solvers {
    private Solvers() {}

    /** The default tolerance of every scheme (on the residual each solver documents). */
    public static final double DEFAULT_TOLERANCE = 1e-8;

    /**
     * Relative size below which a load is rounding noise: when the load of the applied strain (the assembled FE
     * force, or the projected stress G[C : E]) is below ROUNDING times its unassembled / unprojected size, the
     * material is homogeneous to rounding and E is the solution (0 iterations).
     */
    public static final double ROUNDING = 1e-14;

    /** The tolerances a solve can reach: ROUNDING <= tol < 1 (below ROUNDING the residual is rounding noise). */
    public static void checkTolerance(double tol) {
        if (!(tol >= ROUNDING && tol < 1)) throw new IllegalArgumentException("the relative tolerance must be in [1e-14, 1), got " + tol);
    }

    /**
     * A solver for {@code element} that splits its hot loops over {@code threads} workers of the shared pool
     * ({@code threads == 1}: everything on the calling thread, for callers that run one solve per thread).
     * Results are bitwise identical for a given thread count. The spectral schemes (the teaching path) always run
     * on the calling thread.
     */
    public static Solver create(Element element, int threads) {
        return switch (element) {
            case HEX8_BBAR -> new Hex8Solver(true, threads);
            case HEX8 -> new Hex8Solver(false, threads);
            case SPECTRAL -> new GalerkinSolver();
            case BASIC -> new BasicSchemeSolver();
        };
    }
}
