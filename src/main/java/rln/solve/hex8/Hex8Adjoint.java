package rln.solve.hex8;

import rln.elastic.Hex8;
import rln.elastic.Isotropic;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;
import rln.util.Parallel;

/**
 * The exact gradient, through the FE solution, of a function J(E, eps) of the centroid strain field with respect
 * to the element moduli E_e: the discrete adjoint method, one more solve with the same (symmetric) K.
 * <pre>
 *   state     K(E) w = f(E),   K = sum_e E_e P_e^T K_e0 P_e,   f = sum_e E_e P_e^T f_e0
 *   strain    eps_e = E_applied + &lt;B&gt; P_e w                                  (6 components, tensor shear)
 *   adjoint   K lambda = g,    g = dJ/dw = sum_e P_e^T &lt;B&gt;^T dJ/deps_e
 *   gradient  dJ/dE_e = dJ/dE_e|explicit + lambda_e^T (f_e0 - K_e0 w_e)     (lambda_e = P_e lambda, w_e = P_e w)
 * </pre>
 * The last line is the chain rule dJ/dE_e = dJ/dE_e|explicit + g^T dw/dE_e with dw/dE_e = K^-1 (df/dE_e - dK/dE_e w),
 * from differentiating K w = f (K and f are linear in E_e), and g^T K^-1 = lambda^T. A rigid translation of lambda
 * changes nothing (the rows of K_e0 and the entries of f_e0 sum to zero per direction), so the zero-mean lambda of
 * the PCG is as good as any. {@link #modulusGradient} returns the implicit part; the caller adds the explicit one.
 * Not thread-safe: one instance per thread.
 */
public final class Hex8Adjoint {
    private final Hex8Solver solver;
    private final int threads;
    private double[] fe0, g, lambda;
    private int adjointIterations;

    /** @param bbar B-bar (true) or full integration; @param threads workers for the hot loops (1 = caller only) */
    public Hex8Adjoint(boolean bbar, int threads) {
        this.solver = new Hex8Solver(bbar, threads);
        this.threads = threads;
    }

    /**
     * K(E) w = f(E) for a modulus per voxel ({@link Hex8Solver#solve(int, int, int, double[], double, double[], double)});
     * the state is kept for {@link #modulusGradient}.
     */
    public Solution solve(int nx, int ny, int nz, double[] modulus, double nu, double[] appliedStrain, double tol) {
        Solution s = solver.solve(nx, ny, nz, modulus, nu, appliedStrain, tol);
        fe0 = Hex8.load(new Isotropic(1, nu).stiffness(), appliedStrain, solver.bbar());
        int n3 = 3 * solver.grid().n;
        if (g == null || g.length != n3) {
            g = new double[n3];
            lambda = new double[n3];
        }
        return s;
    }

    /**
     * lambda_e^T (f_e0 - K_e0 w_e) per element for the state of the last {@link #solve}: dJ/dE_e minus its explicit
     * part, after one adjoint PCG solve to {@code tol}.
     *
     * @param dJdStrain dJ/deps per voxel, 6 N values component-major like {@link Solution#strain} (dJdStrain[c N + e]);
     *                  not modified
     */
    public double[] modulusGradient(double[] dJdStrain, double tol) {
        if (fe0 == null) throw new IllegalStateException("solve first");
        Hex8Grid grid = solver.grid();
        int n = grid.n;
        if (dJdStrain.length != 6 * n) throw new IllegalArgumentException("dJ/deps needs 6 x " + n + " values, got " + dJdStrain.length);
        double unassembled = adjointLoad(grid, dJdStrain);
        Hex8Solver.Pcg run = solver.solveAdjoint(g, lambda, tol, Solver.ROUNDING * unassembled);
        adjointIterations = run.iterations();
        double[][] ke = solver.elementMatrix();
        double[] w = solver.fluctuation(), out = new double[n];
        int[] en = grid.elementNode;
        Parallel.forChunks(n, threads, (chunk, from, to) -> {
            double[] we = new double[Hex8.DOFS], le = new double[Hex8.DOFS];
            for (int e = from; e < to; e++) {
                for (int m = 0; m < Hex8.NODES; m++)
                    for (int d = 0; d < 3; d++) {
                        we[3 * m + d] = w[3 * en[8 * e + m] + d];
                        le[3 * m + d] = lambda[3 * en[8 * e + m] + d];
                    }
                double s = 0;
                for (int i = 0; i < Hex8.DOFS; i++) {
                    double kw = 0;
                    for (int j = 0; j < Hex8.DOFS; j++) kw += ke[i][j] * we[j];
                    s += le[i] * (fe0[i] - kw);
                }
                out[e] = s;
            }
        });
        return out;
    }

    /** PCG iterations of the last adjoint solve. */
    public int adjointIterations() {
        return adjointIterations;
    }

    /**
     * g(a) = sum over the 8 elements e touching node a of (&lt;B&gt;^T dJ/deps_e) at a's local node in e, minus its
     * mean per direction (zero but for rounding: the columns of &lt;B&gt; sum to zero per direction). Returns
     * sqrt(sum_e ||&lt;B&gt;^T dJ/deps_e||^2), the size of the load before assembly.
     */
    private double adjointLoad(Hex8Grid grid, double[] dJdStrain) {
        int n = grid.n;
        double[][] cm = Hex8.centroidMatrix(solver.bbar());
        double[] ge = new double[Hex8.DOFS * n];   // <B>^T dJ/deps_e per element
        double unassembled = 0;
        for (int e = 0; e < n; e++)
            for (int i = 0; i < Hex8.DOFS; i++) {
                double s = 0;
                for (int c = 0; c < 6; c++) s += cm[c][i] * dJdStrain[c * n + e];
                ge[Hex8.DOFS * e + i] = s;
                unassembled += s * s;
            }
        int[] ne = grid.nodeElement;
        double[] mean = new double[3];
        for (int a = 0; a < n; a++)
            for (int d = 0; d < 3; d++) {
                double s = 0;
                for (int m = 0; m < Hex8.NODES; m++) s += ge[Hex8.DOFS * ne[8 * a + m] + 3 * m + d];
                g[3 * a + d] = s;
                mean[d] += s / n;
            }
        for (int a = 0; a < n; a++)
            for (int d = 0; d < 3; d++) g[3 * a + d] -= mean[d];
        return Math.sqrt(unassembled);
    }
}
