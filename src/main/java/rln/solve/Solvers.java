package rln.solve;

/** The factory the command line and the data pipeline use to get a solver for an {@link Element}. */
public final class Solvers {
    private Solvers() {}

    /**
     * A solver for {@code element} that splits its hot loops over {@code threads} workers of the shared pool
     * ({@code threads == 1}: everything on the calling thread, for callers that run one solve per thread).
     */
    public static Solver create(Element element, int threads) {
        throw new UnsupportedOperationException("solver " + element + " is being written (issue 2)");
    }
}
