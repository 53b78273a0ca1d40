package rln.design;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Microstructure design by gradient descent: the design variables x in [0, 1] per voxel, the physical density they
 * stand for, and MMA on
 * <pre>
 *   min  sign J(rho)    subject to   mean(rho) = vf,   0 <= x <= 1
 *   rho~ = W x           (DensityFilter: the smallest feature ~ 2R voxels)
 *   rho  = H_beta(rho~)  (Projection: towards 0/1; beta doubled every betaEvery iterations, or sooner once x settles)
 *   dJ/dx = W^T (H'(rho~) . dJ/drho),   dV/dx = W^T (H'(rho~) / N)      (the chain rule back through both)
 * </pre>
 * MMA holds the volume in a band of +-1 % around vf (see VOLUME_BAND). J comes from a {@link Route}. The result is made two-phase at the end by ranking: the round(vf N) voxels of highest rho become
 * stiff, so the final design holds the volume fraction to one voxel whatever its interface looked like.
 */
public final class Designer {
    private final int nx, ny, nz, n;
    private final DesignConfig config;
    private final DensityFilter filter;
    /**
     * The relative width of the volume band: MMA holds lower = vf (1 - 1 %) <= mean(rho) <= vf (1 + 1 %) = upper. An
     * equality as two opposite MMA constraints leaves each subproblem a single feasible point (the two convex
     * approximations touch only at the current iterate), so both multipliers rise to the slack price and the steps
     * shrink to nothing; a band keeps the subproblems open. The binary result holds vf exactly (see binarize).
     */
    static final double VOLUME_BAND = 0.01;

    public Designer(int nx, int ny, int nz, DesignConfig config) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.n = nx * ny * nz;
        this.config = config;
        this.filter = new DensityFilter(nx, ny, nz, config.filterRadius());
    }

    /** One iteration's record (history.csv). */
    public record Step(int iteration, double beta, double objective, double volumeFraction, double change, double grey,
            int solverIterations, double routeSeconds, double seconds) {}

    /**
     * @param history  every iteration
     * @param density  the physical density rho of the last iterate
     * @param design   the two-phase result (0/1 per voxel, C order)
     */
    public record Result(List<Step> history, double[] density, byte[] design) {}

    /** Runs the optimization from the two-phase {@code start} (not modified); {@code progress} sees every step. */
    public Result run(Route route, byte[] start, Consumer<Step> progress) {
        if (start.length != n) throw new IllegalArgumentException("start has " + start.length + " voxels, grid " + n);
        double vf = config.volumeFraction(), upper = vf * (1 + VOLUME_BAND), lower = vf * (1 - VOLUME_BAND);
        double[] x = new double[n], ones = new double[n];
        for (int e = 0; e < n; e++) {
            x[e] = start[e];
            ones[e] = 1.0 / n;
        }
        DensityMap map = new DensityMap(filter, n);
        Mma mma = new Mma(n, 2, config.move());
        List<Step> history = new ArrayList<>();
        double beta = config.betaStart(), scale = Double.NaN;
        int sinceBeta = 0;
        for (int it = 1; it <= config.iterations(); it++) {
            long t0 = System.nanoTime();
            double[] rho = map.forward(x, new Projection(beta, config.eta()));
            long t1 = System.nanoTime();
            Route.Evaluation ev = route.evaluate(rho);
            double routeSeconds = (System.nanoTime() - t1) * 1e-9;
            if (Double.isNaN(scale)) scale = 10 / Math.max(Math.abs(ev.objective()), 1e-12); // f0 of order 10 (Svanberg's advice)
            double[] df0 = map.backward(ev.gradient()), dv = map.backward(ones);
            double volume = 0, grey = 0;
            for (int e = 0; e < n; e++) {
                df0[e] *= config.objective().sign * scale;
                volume += rho[e] / n;
                grey += 4 * rho[e] * (1 - rho[e]) / n;
            }
            // lower <= V <= upper as V/upper - 1 <= 0 and 1 - V/lower <= 0
            double[] dUpper = new double[n], dLower = new double[n];
            for (int e = 0; e < n; e++) {
                dUpper[e] = dv[e] / upper;
                dLower[e] = -dv[e] / lower;
            }
            double[] next = mma.update(x, df0, new double[] {volume / upper - 1, 1 - volume / lower}, new double[][] {dUpper, dLower});
            double change = 0;
            for (int e = 0; e < n; e++) change = Math.max(change, Math.abs(next[e] - x[e]));
            x = next;
            Step step = new Step(it, beta, ev.objective(), volume, change, grey, ev.iterations(), routeSeconds, (System.nanoTime() - t0) * 1e-9);
            history.add(step);
            progress.accept(step);
            sinceBeta++;
            boolean settled = change < config.tolerance();
            if (beta < config.betaMax() && (sinceBeta >= config.betaEvery() || settled)) {
                beta = Math.min(config.betaMax(), 2 * beta);
                sinceBeta = 0;
                mma.reset(); // the problem changed: restart the asymptotes
            } else if (settled) {
                break;
            }
        }
        double[] rho = map.forward(x, new Projection(beta, config.eta()));
        return new Result(history, rho, binarize(rho, vf));
    }

    /** The round(vf N) voxels of highest density become stiff (ties: lower index first). */
    static byte[] binarize(double[] rho, double vf) {
        int n = rho.length, ones = (int) Math.round(vf * n);
        Integer[] order = new Integer[n];
        for (int e = 0; e < n; e++) order[e] = e;
        Arrays.sort(order, (a, b) -> rho[a] != rho[b] ? Double.compare(rho[b], rho[a]) : Integer.compare(a, b));
        byte[] phase = new byte[n];
        for (int i = 0; i < ones; i++) phase[order[i]] = 1;
        return phase;
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }
}
