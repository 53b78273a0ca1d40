package rln.elastic;

/**
 * An isotropic linear elastic material: Young's modulus E and Poisson's ratio nu.
 * <pre>
 *   lambda = E nu / ((1 + nu)(1 - 2 nu)),   mu = E / (2 (1 + nu)),   K = lambda + 2 mu / 3
 *   sigma_ij = lambda tr(eps) delta_ij + 2 mu eps_ij
 * </pre>
 */
public record Isotropic(double young, double nu) {

    public Isotropic {
        if (!(young > 0) || !Double.isFinite(young)) throw new IllegalArgumentException("Young's modulus must be finite and > 0, got " + young);
        checkPoisson(nu);
    }

    /** Poisson's ratio of a stable isotropic solid: -1 < nu < 0.5 (positive bulk and shear moduli). */
    public static void checkPoisson(double nu) {
        if (!(nu > -1 && nu < 0.5)) throw new IllegalArgumentException("Poisson's ratio must be in (-1, 0.5), got " + nu);
    }

    /** The material with Lame constants (lambda, mu), mu > 0 and 3 lambda + 2 mu > 0. */
    public static Isotropic fromLame(double lambda, double mu) {
        return new Isotropic(mu * (3 * lambda + 2 * mu) / (lambda + mu), lambda / (2 * (lambda + mu)));
    }

    /** First Lame constant lambda = E nu / ((1 + nu)(1 - 2 nu)). */
    public double lambda() {
        return young * nu / ((1 + nu) * (1 - 2 * nu));
    }

    /** Shear modulus mu = E / (2 (1 + nu)). */
    public double mu() {
        return young / (2 * (1 + nu));
    }

    /** Bulk modulus K = lambda + 2 mu / 3 = E / (3 (1 - 2 nu)). */
    public double bulk() {
        return lambda() + 2 * mu() / 3;
    }

    /**
     * The 6x6 stiffness D with sigma = D eps in {@link Voigt} order and TENSOR shear strain:
     * <pre>
     *   | lambda+2mu  lambda      lambda      0    0    0   |
     *   | lambda      lambda+2mu  lambda      0    0    0   |
     *   | lambda      lambda      lambda+2mu  0    0    0   |
     *   | 0           0           0           2mu  0    0   |    sigma_yz = 2 mu eps_yz
     *   | 0           0           0           0    2mu  0   |
     *   | 0           0           0           0    0    2mu |
     * </pre>
     * (with engineering shear the diagonal would be mu; the factor 2 here is the tensor-shear convention).
     */
    public double[][] stiffness() {
        double l = lambda(), m = mu();
        double[][] d = new double[6][6];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) d[i][j] = l;
            d[i][i] = l + 2 * m;
            d[3 + i][3 + i] = 2 * m;
        }
        return d;
    }

    /** The same material with its modulus scaled: E' = s E (stiffness scales by s, nu unchanged). */
    public Isotropic scaled(double s) {
        return new Isotropic(young * s, nu);
    }
}
