package rln.elastic;

/**
 * The continuous Green operator of a homogeneous isotropic reference medium (Lame lambda0, mu0) in Fourier
 * space, METHOD.md section 2, literally:
 * <pre>
 *   Gamma0_ijkl(xi) = [d_ki xi_l xi_j + d_li xi_k xi_j + d_kj xi_l xi_i + d_lj xi_k xi_i] / (4 mu0 |xi|^2)
 *                     - (lambda0 + mu0) / (mu0 (lambda0 + 2 mu0)) * xi_i xi_j xi_k xi_l / |xi|^4,
 *   Gamma0(0) = 0.
 * </pre>
 * Acting on a polarization (stress-like) tensor tau it gives the strain eps_ij = Gamma0_ijkl tau_kl.
 * With lambda0 = 0 and mu0 = 1/2 (C0 = the identity on symmetric tensors) it is the orthogonal projection
 * onto compatible strain fields, the operator G of the Galerkin scheme ({@link #projection()}).
 */
public record GreenOperator(double lambda0, double mu0) {

    /** The reference medium with the given material's Lame constants. */
    public static GreenOperator of(Isotropic c0) {
        return new GreenOperator(c0.lambda(), c0.mu());
    }

    /** G = Gamma0 for C0 = identity (lambda0 = 0, mu0 = 1/2): the projection onto compatible strains. */
    public static GreenOperator projection() {
        return new GreenOperator(0, 0.5);
    }

    private static double delta(int a, int b) {
        return a == b ? 1 : 0;
    }

    /** One entry Gamma0_ijkl(xi), the formula above; 0 at xi = 0. */
    public double entry(double[] xi, int i, int j, int k, int l) {
        double xi2 = xi[0] * xi[0] + xi[1] * xi[1] + xi[2] * xi[2];
        if (xi2 == 0) return 0;
        double first = (delta(k, i) * xi[l] * xi[j] + delta(l, i) * xi[k] * xi[j]
                + delta(k, j) * xi[l] * xi[i] + delta(l, j) * xi[k] * xi[i]) / (4 * mu0 * xi2);
        double second = (lambda0 + mu0) / (mu0 * (lambda0 + 2 * mu0)) * xi[i] * xi[j] * xi[k] * xi[l] / (xi2 * xi2);
        return first - second;
    }

    /**
     * eps = Gamma0(xi) : tau, i.e. eps_ij = sum_kl Gamma0_ijkl(xi) tau_kl, for a symmetric tau in Voigt form
     * (6 values, shear stored once; the sum over k, l visits both (k,l) and (l,k)). Works on real or, applied
     * separately to the real and imaginary parts, complex tau, since Gamma0(xi) is real.
     *
     * @param tau not modified
     * @param eps overwritten with the 6 strain components (tensor shear)
     */
    public void apply(double[] xi, double[] tau, double[] eps) {
        double[][] t = Voigt.toTensor(tau);
        for (int c = 0; c < 6; c++) {
            int i = Voigt.PAIRS[c][0], j = Voigt.PAIRS[c][1];
            double s = 0;
            for (int k = 0; k < 3; k++)
                for (int l = 0; l < 3; l++) s += entry(xi, i, j, k, l) * t[k][l];
            eps[c] = s;
        }
    }

    /**
     * The same operator as a 6 x 6 matrix on Voigt vectors, eps = M tau, with the shear entries of tau stored
     * once: M[c][c'] = Gamma0_ij kl + Gamma0_ij lk for a shear c' = (k, l), k != l, and Gamma0_ij kk for a normal
     * c' = (k, k), where (i, j) is the pair of c. Evaluates {@link #entry} only; 0 at xi = 0.
     */
    public double[][] voigtMatrix(double[] xi) {
        double[][] m = new double[6][6];
        for (int c = 0; c < 6; c++)
            for (int c2 = 0; c2 < 6; c2++) {
                int i = Voigt.PAIRS[c][0], j = Voigt.PAIRS[c][1], k = Voigt.PAIRS[c2][0], l = Voigt.PAIRS[c2][1];
                m[c][c2] = k == l ? entry(xi, i, j, k, k) : entry(xi, i, j, k, l) + entry(xi, i, j, l, k);
            }
        return m;
    }
}
