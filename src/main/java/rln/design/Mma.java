package rln.design;

/**
 * The Method of Moving Asymptotes (Svanberg 1987; in the form of Svanberg's 2007 note "MMA and GCMMA - two methods
 * for nonlinear optimization") for min f0(x) subject to f_i(x) <= 0, i = 1..m, 0 <= x_j <= 1.
 * <p>
 * Why MMA and not optimality criteria: OC's fixed-point update x_j <- x_j (-df0/dx_j / (Lambda dV/dx_j))^(1/2) needs
 * every sensitivity to have one sign, as compliance has. C11 rises with stiff material everywhere, but the matrix
 * strain falls in some voxels and rises in others when one stiffens, and c11-min wants the opposite sign from
 * c11-max: mixed or positive sensitivities, which MMA takes as they come. It is the standard method of topology
 * optimization with general objectives and a few constraints, and it is globally convergent in practice with the
 * safeguards below.
 * <p>
 * Each iteration replaces f0 and every f_i by a separable convex approximation around the current x^k,
 * <pre>
 *   f~_i(x) = sum_j ( p_ij / (U_j - x_j) + q_ij / (x_j - L_j) ) - b_i
 *   p_ij = (U_j - x_j)^2 (1.001 max(df_i/dx_j, 0) + 0.001 max(-df_i/dx_j, 0) + 1e-5)
 *   q_ij = (x_j - L_j)^2 (0.001 max(df_i/dx_j, 0) + 1.001 max(-df_i/dx_j, 0) + 1e-5)
 * </pre>
 * (exact value and gradient at x^k), with the asymptotes L_j &lt; x_j &lt; U_j moved by the history: away from x_j
 * while x_j keeps moving one way (factor 1.2), towards it when it oscillates (0.7). The subproblem
 * <pre>
 *   min f~_0(x) + sum_i (c_i y_i + y_i^2 / 2)   s.t.  f~_i(x) - y_i <= 0,  alpha_j <= x_j <= beta_j,  y >= 0
 * </pre>
 * (y: elastic slacks with a large price c = 1000, so the subproblem is always feasible; the move limits alpha, beta
 * keep x_j within {@code move} of x^k and 10 % of the way from the asymptotes) is solved by a primal-dual interior
 * point method on its KKT conditions, as in the note.
 */
public final class Mma {
    private static final double ASYMPTOTE_INIT = 0.5, ASYMPTOTE_GROW = 1.2, ASYMPTOTE_SHRINK = 0.7;
    private static final double ALBEFA = 0.1, RAA0 = 1e-5, PRICE = 1000, EPSILON_MIN = 1e-7;

    private final int n, m;
    private final double move;
    private double[] xOld1, xOld2, low, upp;
    private int iteration;

    /**
     * @param n    number of variables
     * @param m    number of constraints
     * @param move the largest change of any x_j per iteration, in (0, 1]
     */
    public Mma(int n, int m, double move) {
        if (!(move > 0 && move <= 1)) throw new IllegalArgumentException("move limit must be in (0, 1], got " + move);
        this.n = n;
        this.m = m;
        this.move = move;
        low = new double[n];
        upp = new double[n];
    }

    /** Forgets the history: the next update starts the asymptotes afresh (after the problem itself changed). */
    public void reset() {
        iteration = 0;
        xOld1 = xOld2 = null;
    }

    /**
     * One MMA iteration from x (in [0, 1], not modified) with f0 = {@code df0} gradient, the constraint values
     * {@code f[i]} and gradients {@code df[i]}: returns the next x.
     */
    public double[] update(double[] x, double[] df0, double[] f, double[][] df) {
        iteration++;
        asymptotes(x);
        double[] alpha = new double[n], beta = new double[n];
        for (int j = 0; j < n; j++) {
            alpha[j] = Math.max(0, Math.max(low[j] + ALBEFA * (x[j] - low[j]), x[j] - move));
            beta[j] = Math.min(1, Math.min(upp[j] - ALBEFA * (upp[j] - x[j]), x[j] + move));
        }
        double[] p0 = new double[n], q0 = new double[n];
        double[][] p = new double[m][n], q = new double[m][n];
        double[] b = new double[m];
        approximation(x, df0, p0, q0);
        for (int i = 0; i < m; i++) {
            approximation(x, df[i], p[i], q[i]);
            double s = 0;
            for (int j = 0; j < n; j++) s += p[i][j] / (upp[j] - x[j]) + q[i][j] / (x[j] - low[j]);
            b[i] = s - f[i];
        }
        double[] next = new Subproblem(alpha, beta, p0, q0, p, q, b).solve();
        xOld2 = xOld1;
        xOld1 = x.clone();
        return next;
    }

    /** L and U: at distance 0.5 first, then widened or narrowed per variable by the sign of its last two steps. */
    private void asymptotes(double[] x) {
        for (int j = 0; j < n; j++) {
            if (iteration <= 2 || xOld2 == null) {
                low[j] = x[j] - ASYMPTOTE_INIT;
                upp[j] = x[j] + ASYMPTOTE_INIT;
                continue;
            }
            double trend = (x[j] - xOld1[j]) * (xOld1[j] - xOld2[j]);
            double factor = trend > 0 ? ASYMPTOTE_GROW : trend < 0 ? ASYMPTOTE_SHRINK : 1;
            low[j] = x[j] - factor * (xOld1[j] - low[j]);
            upp[j] = x[j] + factor * (upp[j] - xOld1[j]);
            low[j] = Math.max(x[j] - 10, Math.min(x[j] - 0.01, low[j]));
            upp[j] = Math.min(x[j] + 10, Math.max(x[j] + 0.01, upp[j]));
        }
    }

    /** p, q of the convex approximation of a function with gradient {@code grad} at x (see the class comment). */
    private void approximation(double[] x, double[] grad, double[] p, double[] q) {
        for (int j = 0; j < n; j++) {
            double plus = Math.max(grad[j], 0), minus = Math.max(-grad[j], 0), extra = 0.001 * (plus + minus) + RAA0;
            double ux = upp[j] - x[j], xl = x[j] - low[j];
            p[j] = (plus + extra) * ux * ux;
            q[j] = (minus + extra) * xl * xl;
        }
    }

    /**
     * The MMA subproblem and its primal-dual interior point solution. Unknowns: x (n), y, lambda, mu, s (m each),
     * xsi, eta (n): multipliers of the constraints, of y >= 0, the slacks s of the constraints, and multipliers of
     * alpha <= x and x <= beta. With a barrier epsilon driven from 1 to 1e-7, Newton steps on the relaxed KKT
     * conditions
     * <pre>
     *   dpsi/dx_j - xsi_j + eta_j = 0        psi = sum_j (p0_j + lambda^T p_j)/(U_j - x_j) + (q0_j + lambda^T q_j)/(x_j - L_j)
     *   c + y - mu - lambda = 0
     *   f~(x) - y + s = 0                    (f~_i(x) = g_i(x) - b_i)
     *   xsi (x - alpha) = eta (beta - x) = mu y = lambda s = epsilon
     * </pre>
     * reduced to an m x m system for the change of lambda (the note's case m &lt; n), with steps kept inside the
     * positive orthant and halved until the residual norm decreases.
     */
    private final class Subproblem {
        final double[] alpha, beta, p0, q0, b;
        final double[][] p, q;
        double[] x, xsi, eta, y, lambda, mu, s;

        Subproblem(double[] alpha, double[] beta, double[] p0, double[] q0, double[][] p, double[][] q, double[] b) {
            this.alpha = alpha;
            this.beta = beta;
            this.p0 = p0;
            this.q0 = q0;
            this.p = p;
            this.q = q;
            this.b = b;
        }

        double[] solve() {
            x = new double[n];
            xsi = new double[n];
            eta = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = 0.5 * (alpha[j] + beta[j]);
                xsi[j] = Math.max(1, 1 / (x[j] - alpha[j]));
                eta[j] = Math.max(1, 1 / (beta[j] - x[j]));
            }
            y = filled(m, 1);
            lambda = filled(m, 1);
            mu = filled(m, Math.max(1, PRICE / 2));
            s = filled(m, 1);
            for (double epsilon = 1; epsilon > EPSILON_MIN; epsilon *= 0.1) {
                double[] r = residual(epsilon);
                double norm = norm(r), max = maxAbs(r);
                for (int it = 0; it < 200 && max > 0.9 * epsilon; it++) {
                    Step d = newton(epsilon);
                    double step = 1 / Math.max(1, 1.01 * d.largestFraction(this));
                    State old = new State(this);
                    double newNorm = 2 * norm;
                    for (int halvings = 0; halvings < 50 && newNorm > norm; halvings++) {
                        old.restore(this);
                        d.apply(this, step);
                        r = residual(epsilon);
                        newNorm = norm(r);
                        step /= 2;
                    }
                    norm = newNorm;
                    max = maxAbs(r);
                }
            }
            return x;
        }

        /** The relaxed KKT residuals, all in one vector (their norm steers the line search). */
        double[] residual(double epsilon) {
            double[] r = new double[3 * n + 4 * m];
            double[] g = new double[m];
            for (int j = 0; j < n; j++) {
                double ux = upp[j] - x[j], xl = x[j] - low[j];
                double pl = p0[j], ql = q0[j];
                for (int i = 0; i < m; i++) {
                    pl += lambda[i] * p[i][j];
                    ql += lambda[i] * q[i][j];
                    g[i] += p[i][j] / ux + q[i][j] / xl;
                }
                r[j] = pl / (ux * ux) - ql / (xl * xl) - xsi[j] + eta[j];
                r[n + j] = xsi[j] * (x[j] - alpha[j]) - epsilon;
                r[2 * n + j] = eta[j] * (beta[j] - x[j]) - epsilon;
            }
            int o = 3 * n;
            for (int i = 0; i < m; i++) {
                r[o + i] = PRICE + y[i] - mu[i] - lambda[i];
                r[o + m + i] = g[i] - b[i] - y[i] + s[i];
                r[o + 2 * m + i] = mu[i] * y[i] - epsilon;
                r[o + 3 * m + i] = lambda[i] * s[i] - epsilon;
            }
            return r;
        }

        /** The Newton direction of the relaxed KKT system, by the reduction to dlambda (the note, section 5). */
        Step newton(double epsilon) {
            double[] delx = new double[n], diagx = new double[n], g = new double[m];
            double[][] gg = new double[m][n]; // dg_i/dx_j
            for (int j = 0; j < n; j++) {
                double ux = upp[j] - x[j], xl = x[j] - low[j], ux2 = ux * ux, xl2 = xl * xl;
                double pl = p0[j], ql = q0[j];
                for (int i = 0; i < m; i++) {
                    pl += lambda[i] * p[i][j];
                    ql += lambda[i] * q[i][j];
                    g[i] += p[i][j] / ux + q[i][j] / xl;
                    gg[i][j] = p[i][j] / ux2 - q[i][j] / xl2;
                }
                double dxa = x[j] - alpha[j], dbx = beta[j] - x[j];
                delx[j] = pl / ux2 - ql / xl2 - epsilon / dxa + epsilon / dbx;
                diagx[j] = 2 * pl / (ux2 * ux) + 2 * ql / (xl2 * xl) + xsi[j] / dxa + eta[j] / dbx;
            }
            double[] dely = new double[m], diagy = new double[m], rhs = new double[m];
            double[][] a = new double[m][m];
            for (int i = 0; i < m; i++) {
                dely[i] = PRICE + y[i] - lambda[i] - epsilon / y[i];
                diagy[i] = 1 + mu[i] / y[i];
                double dellam = g[i] - y[i] - b[i] + epsilon / lambda[i];
                double sum = 0;
                for (int j = 0; j < n; j++) sum += gg[i][j] * delx[j] / diagx[j];
                rhs[i] = dellam + dely[i] / diagy[i] - sum;
                a[i][i] = s[i] / lambda[i] + 1 / diagy[i];
                for (int k = 0; k < m; k++) {
                    double t = 0;
                    for (int j = 0; j < n; j++) t += gg[i][j] * gg[k][j] / diagx[j];
                    a[i][k] += t;
                }
            }
            double[] dlambda = solveDense(a, rhs);
            Step d = new Step(n, m);
            for (int j = 0; j < n; j++) {
                double t = 0;
                for (int i = 0; i < m; i++) t += gg[i][j] * dlambda[i];
                d.x[j] = -(delx[j] + t) / diagx[j];
                double dxa = x[j] - alpha[j], dbx = beta[j] - x[j];
                d.xsi[j] = -xsi[j] + epsilon / dxa - xsi[j] * d.x[j] / dxa;
                d.eta[j] = -eta[j] + epsilon / dbx + eta[j] * d.x[j] / dbx;
            }
            for (int i = 0; i < m; i++) {
                d.lambda[i] = dlambda[i];
                d.y[i] = (dlambda[i] - dely[i]) / diagy[i];
                d.mu[i] = -mu[i] + epsilon / y[i] - mu[i] * d.y[i] / y[i];
                d.s[i] = -s[i] + epsilon / lambda[i] - s[i] * dlambda[i] / lambda[i];
            }
            return d;
        }
    }

    /** A Newton direction of the subproblem's unknowns. */
    private static final class Step {
        final double[] x, xsi, eta, y, lambda, mu, s;

        Step(int n, int m) {
            x = new double[n];
            xsi = new double[n];
            eta = new double[n];
            y = new double[m];
            lambda = new double[m];
            mu = new double[m];
            s = new double[m];
        }

        /** The largest fraction of the way to a bound that a full step takes (> 1: the step must be shortened). */
        double largestFraction(Subproblem sp) {
            double f = 0;
            for (int j = 0; j < x.length; j++) {
                f = Math.max(f, -x[j] / (sp.x[j] - sp.alpha[j]));
                f = Math.max(f, x[j] / (sp.beta[j] - sp.x[j]));
                f = Math.max(f, -xsi[j] / sp.xsi[j]);
                f = Math.max(f, -eta[j] / sp.eta[j]);
            }
            for (int i = 0; i < y.length; i++) {
                f = Math.max(f, -y[i] / sp.y[i]);
                f = Math.max(f, -lambda[i] / sp.lambda[i]);
                f = Math.max(f, -mu[i] / sp.mu[i]);
                f = Math.max(f, -s[i] / sp.s[i]);
            }
            return f;
        }

        void apply(Subproblem sp, double t) {
            add(sp.x, x, t);
            add(sp.xsi, xsi, t);
            add(sp.eta, eta, t);
            add(sp.y, y, t);
            add(sp.lambda, lambda, t);
            add(sp.mu, mu, t);
            add(sp.s, s, t);
        }

        private static void add(double[] to, double[] d, double t) {
            for (int i = 0; i < to.length; i++) to[i] += t * d[i];
        }
    }

    /** A copy of the subproblem's unknowns, to restart a line search from. */
    private static final class State {
        final double[] x, xsi, eta, y, lambda, mu, s;

        State(Subproblem sp) {
            x = sp.x.clone();
            xsi = sp.xsi.clone();
            eta = sp.eta.clone();
            y = sp.y.clone();
            lambda = sp.lambda.clone();
            mu = sp.mu.clone();
            s = sp.s.clone();
        }

        void restore(Subproblem sp) {
            System.arraycopy(x, 0, sp.x, 0, x.length);
            System.arraycopy(xsi, 0, sp.xsi, 0, xsi.length);
            System.arraycopy(eta, 0, sp.eta, 0, eta.length);
            System.arraycopy(y, 0, sp.y, 0, y.length);
            System.arraycopy(lambda, 0, sp.lambda, 0, lambda.length);
            System.arraycopy(mu, 0, sp.mu, 0, mu.length);
            System.arraycopy(s, 0, sp.s, 0, s.length);
        }
    }

    private static double[] filled(int k, double v) {
        double[] a = new double[k];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static double norm(double[] r) {
        double s = 0;
        for (double v : r) s += v * v;
        return Math.sqrt(s);
    }

    private static double maxAbs(double[] r) {
        double s = 0;
        for (double v : r) s = Math.max(s, Math.abs(v));
        return s;
    }

    /** a z = rhs by Gaussian elimination with partial pivoting (a is m x m, m small); a and rhs are overwritten. */
    static double[] solveDense(double[][] a, double[] rhs) {
        int k = rhs.length;
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            double tv = rhs[c];
            rhs[c] = rhs[pivot];
            rhs[pivot] = tv;
            for (int r = c + 1; r < k; r++) {
                double factor = a[r][c] / a[c][c];
                for (int cc = c; cc < k; cc++) a[r][cc] -= factor * a[c][cc];
                rhs[r] -= factor * rhs[c];
            }
        }
        double[] z = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double s = rhs[r];
            for (int cc = r + 1; cc < k; cc++) s -= a[r][cc] * z[cc];
            z[r] = s / a[r][r];
        }
        return z;
    }
}
