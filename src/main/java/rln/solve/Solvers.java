package rln.solve;

import rln.solve.problem.Solver;
import rln.solve.hex8.Hex8Solver;
import rln.solve.spectral.BasicSchemeSolver;
import rln.solve.spectral.GalerkinSolver;

/** The factory the command line and the data pipeline use to get a solver for an {@link Element}. */
public final class Solvers {
    private Solvers() {}

    /** The default tolerance of every scheme (on the residual each solver documents). */
    public static final double DEFAULT_TOLERANCE = 1e-8;

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
