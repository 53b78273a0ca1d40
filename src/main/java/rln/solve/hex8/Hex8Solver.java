package rln.solve.hex8;

import rln.elastic.Hex8;
import rln.elastic.Isotropic;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;
import rln.util.Parallel;

/**
 * The periodic 8-node hexahedral FE solver (METHOD.md section 3), matrix-free, with conjugate gradients
 * preconditioned by the exact inverse of the homogeneous FE stiffness in Fourier space.
 * <pre>
 *   unknown   w: periodic nodal displacement fluctuation, u(x) = E.x + w(x), 3 values per node
 *   system    K w = f,   K = sum_e E_e P_e^T K_e0 P_e,   f = sum_e E_e P_e^T f_e0,   f_e0 = -sum_g w_g Bx_g^T (W D0) E
 *             (K_e0, f_e0: unit Young's modulus; E_e = 1 in phase 0, contrast in phase 1; Bx = B or B-bar)
 *   PCG       w_0 = 0, r_0 = f, z = M^-1 r (Hex8Preconditioner), the textbook recurrences
 *   stop      ||f - K w_k||_2 / ||f||_2 <= tol  (Euclidean norms over all 3N nodal force components; the
 *             loop tests the recurrence residual r_k, which equals f - K w_k up to rounding; the residual
 *             reported in the Solution is recomputed from f - K w at the end)
 *   output    per voxel the element-average (centroid) strain E + <B> w_e, 6 components, tensor shear
 * </pre>
 * The mean of w is fixed at 0 (M^-1 removes the zero frequency); the mean of f, zero in exact arithmetic
 * (periodicity), is removed from the rounded f. When f vanishes to rounding, ||f|| <= 1e-14 sqrt(sum_e ||E_e f_e0||^2)
 * (a homogeneous material: the element loads cancel at every node), w = 0 and the strain is E everywhere, after
 * 0 iterations.
 * <p>
 * Reference modulus: with one Poisson's ratio K0 = E_ref sum_e P_e^T K_e0 P_e, and PCG takes exactly the same
 * steps for every E_ref > 0 (scaling M scales z, p and rho by 1/E_ref and alpha by E_ref), so there is nothing
 * to tune: E_ref = 1 (Hex8SolverTest measures the same iteration count for 1, sqrt(c), (1 + c)/2 and c).
 * <p>
 * The per-grid data (node tables, element matrices, Fourier symbol, FFT plans) is built on the first solve and
 * reused while grid and nu stay the same; the contrast only changes E_e. Not thread-safe: one instance per thread.
 */
public final class Hex8Solver implements Solver {
    /** Iteration cap; reaching it is an error (the PCG converges in O(sqrt(contrast)) iterations). */
    public static final int MAX_ITERATIONS = 10_000;

    private final boolean bbar;
    private final int threads;
    private final double referenceModulus;
    private Hex8Grid grid;
    private double nu = Double.NaN;
    private double[][] ke;
    private Hex8Operator operator;
    private Hex8Preconditioner preconditioner;
    private double[] modulus, f, w, r, z, p, q;

    /** @param bbar B-bar (true) or full integration; @param threads workers for the hot loops (1 = caller only) */
    public Hex8Solver(boolean bbar, int threads) {
        this(bbar, threads, 1.0);
    }

    /** As above with the reference modulus E_ref of the preconditioner (any E_ref > 0 gives the same steps). */
    public Hex8Solver(boolean bbar, int threads, double referenceModulus) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.bbar = bbar;
        this.threads = threads;
        this.referenceModulus = referenceModulus;
    }

    private void prepare(int nx, int ny, int nz, double nu) {
        if (grid != null && grid.sameShape(nx, ny, nz) && this.nu == nu) return;
        grid = new Hex8Grid(nx, ny, nz);
        this.nu = nu;
        ke = Hex8.stiffness(new Isotropic(1, nu).stiffness(), bbar);
        operator = new FastHex8Operator(grid, ke, threads);
        preconditioner = new Hex8Preconditioner(grid, ke, referenceModulus, threads);
        int n3 = 3 * grid.n;
        modulus = new double[grid.n];
        f = new double[n3];
        w = new double[n3];
        r = new double[n3];
        z = new double[n3];
        p = new double[n3];
        q = new double[n3];
    }

    /** The operator this solver applies (for tests and benchmarks); valid after a solve of that grid. */
    Hex8Operator operator() {
        return operator;
    }

    @Override
    public Solution solve(Problem pr, double tol) {
        long t0 = System.nanoTime();
        prepare(pr.nx(), pr.ny(), pr.nz(), pr.nu());
        for (int e = 0; e < grid.n; e++) modulus[e] = pr.phase()[e] == 1 ? pr.contrast() : 1.0;
        return solveForModulus(pr.appliedStrain(), tol, t0);
    }

    /**
     * The same FE problem with a Young's modulus per voxel, E_e = {@code modulus[e]} (finite, > 0), and one Poisson's
     * ratio: K_e = E_e K_e0 still holds, so the operator, the preconditioner and the iteration are those of
     * {@link #solve(Problem, double)}, which is this with E_e = 1 or the contrast. A relaxed design interpolates
     * E_e between the two phases (rln.design). After the solve, {@link #solveAdjoint} solves with the same K.
     *
     * @param modulus       E_e per voxel, C order; not modified
     * @param appliedStrain E, 6 components (tensor shear)
     */
    public Solution solve(int nx, int ny, int nz, double[] modulus, double nu, double[] appliedStrain, double tol) {
        long t0 = System.nanoTime();
        if (nx < 2 || ny < 2 || nz < 2) throw new IllegalArgumentException("grid must be at least 2 per axis, got " + nx + "x" + ny + "x" + nz);
        if (modulus.length != nx * ny * nz) throw new IllegalArgumentException("modulus has " + modulus.length + " voxels, grid needs " + nx * ny * nz);
        for (double e : modulus) if (!(e > 0) || !Double.isFinite(e)) throw new IllegalArgumentException("moduli must be finite and > 0, found " + e);
        if (!(nu > -1 && nu < 0.5)) throw new IllegalArgumentException("Poisson's ratio must be in (-1, 0.5), got " + nu);
        if (appliedStrain.length != 6) throw new IllegalArgumentException("applied strain needs 6 components");
        prepare(nx, ny, nz, nu);
        System.arraycopy(modulus, 0, this.modulus, 0, grid.n);
        return solveForModulus(appliedStrain, tol, t0);
    }

    /** K w = f for the moduli in {@code modulus}, then the centroid strains. */
    private Solution solveForModulus(double[] appliedStrain, double tol, long t0) {
        double unassembled = assembleLoad(appliedStrain, f);
        Pcg run = pcg(f, w, tol, Solver.ROUNDING * unassembled);
        double[] strain = centroidStrains(appliedStrain);
        return new Solution(strain, run.iterations(), run.residual(), (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * x = K^-1 b with the moduli of the last solve (the adjoint system of K w = f: K is symmetric). {@code b}: nodal
     * forces, 3 per node, zero mean per direction; not modified. Skipped (x = 0) when ||b|| <= {@code negligible}.
     */
    Pcg solveAdjoint(double[] b, double[] x, double tol, double negligible) {
        return pcg(b, x, tol, negligible);
    }

    /** The grid, unit element matrix K_e0, fluctuation w and element type of the last solve (for Hex8Adjoint). */
    Hex8Grid grid() {
        return grid;
    }

    double[][] elementMatrix() {
        return ke;
    }

    double[] fluctuation() {
        return w;
    }

    boolean bbar() {
        return bbar;
    }

    double nu() {
        return nu;
    }

    /** What a PCG run took: its iterations and the true final residual ||b - K x|| / ||b||. */
    record Pcg(int iterations, double residual) {}

    /**
     * x = K^-1 b by PCG from x_0 = 0 with the moduli of the last solve; b must have zero mean per direction.
     * Skipped (x = 0, 0 iterations, residual 0) when ||b|| <= {@code negligible}.
     */
    private Pcg pcg(double[] b, double[] x, double tol, double negligible) {
        System.arraycopy(b, 0, r, 0, b.length);                 // r_0 = b - K x_0 = b
        java.util.Arrays.fill(x, 0);
        double normB = Math.sqrt(dot(r, r));
        double residual = 0;
        int it = 0;
        if (normB > negligible) {
            preconditioner.apply(r, z);
            System.arraycopy(z, 0, p, 0, p.length);
            double rz = dot(r, z);
            residual = 1;
            while (residual > tol) {
                if (it == MAX_ITERATIONS)
                    throw new ArithmeticException("hex8 PCG did not reach " + tol + " in " + it + " iterations (residual " + residual + ")");
                operator.apply(modulus, p, q);                 // q = K p
                double alpha = rz / dot(p, q);
                axpy(alpha, p, x);                             // x += alpha p
                axpy(-alpha, q, r);                            // r -= alpha K p
                it++;
                residual = Math.sqrt(dot(r, r)) / normB;
                if (residual <= tol) break;
                preconditioner.apply(r, z);                    // z = M^-1 r
                double rzNew = dot(r, z), beta = rzNew / rz;
                rz = rzNew;
                for (int i = 0; i < p.length; i++) p[i] = z[i] + beta * p[i];
            }
            operator.apply(modulus, x, q);                     // the true residual b - K x
            for (int i = 0; i < q.length; i++) q[i] = b[i] - q[i];
            residual = Math.sqrt(dot(q, q)) / normB;
        }
        return new Pcg(it, residual);
    }

    /**
     * f(a) = sum over the 8 elements touching node a of E_e (f_e0)_m, m the local index of a in e, minus its mean
     * per direction. Returns sqrt(sum_e ||E_e f_e0||^2), the norm of the element loads before assembly.
     */
    private double assembleLoad(double[] appliedStrain, double[] f) {
        double[] fe = Hex8.load(new Isotropic(1, nu).stiffness(), appliedStrain, bbar);
        int[] ne = grid.nodeElement;
        double[] mean = new double[3];
        for (int a = 0; a < grid.n; a++)
            for (int d = 0; d < 3; d++) {
                double s = 0;
                for (int m = 0; m < Hex8.NODES; m++) s += modulus[ne[8 * a + m]] * fe[3 * m + d];
                f[3 * a + d] = s;
                mean[d] += s / grid.n;
            }
        for (int a = 0; a < grid.n; a++)
            for (int d = 0; d < 3; d++) f[3 * a + d] -= mean[d];
        double moduli2 = 0;
        for (double e : modulus) moduli2 += e * e;
        return Math.sqrt(moduli2 * dot(fe, fe));
    }

    /** strain[c*N + e] = E_c + (<B> w_e)_c. */
    private double[] centroidStrains(double[] applied) {
        double[][] cm = Hex8.centroidMatrix(bbar);
        double[] strain = new double[6 * grid.n];
        int n = grid.n;
        int[] en = grid.elementNode;
        Parallel.forChunks(n, threads, (chunk, from, to) -> {
            double[] u = new double[24];
            for (int e = from; e < to; e++) {
                for (int m = 0; m < Hex8.NODES; m++)
                    for (int d = 0; d < 3; d++) u[3 * m + d] = w[3 * en[8 * e + m] + d];
                for (int c = 0; c < 6; c++) {
                    double s = 0;
                    for (int j = 0; j < 24; j++) s += cm[c][j] * u[j];
                    strain[c * n + e] = applied[c] + s;
                }
            }
        });
        return strain;
    }

    /** sum_i a_i b_i, four partial sums in a fixed order (deterministic). */
    static double dot(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0, n = a.length;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    /** y += a x. */
    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }
}
