package rln.design;

/**
 * The settings of one design run.
 *
 * @param objective      what is optimized
 * @param volumeFraction the stiff-phase fraction held, in (0, 1)
 * @param iterations     the most MMA iterations
 * @param filterRadius   R of the density filter, voxels
 * @param betaStart      the projection sharpness of the first iterations
 * @param betaMax        the sharpness continuation ends at
 * @param betaEvery      iterations between doublings of beta (sooner when the design stops moving)
 * @param move           MMA's move limit per iteration
 * @param eta            the projection threshold
 * @param penalization   the SIMP exponent q of the FE route's interpolation
 * @param tolerance      the change of x (largest over voxels) below which the run has converged at beta max
 */
public record DesignConfig(Objective objective, double volumeFraction, int iterations, double filterRadius,
        double betaStart, double betaMax, int betaEvery, double move, double eta, double penalization, double tolerance) {

    public DesignConfig {
        if (!(volumeFraction > 0 && volumeFraction < 1)) throw new IllegalArgumentException("volume fraction must be in (0, 1), got " + volumeFraction);
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        if (!(betaStart > 0 && betaMax >= betaStart)) throw new IllegalArgumentException("need 0 < beta start <= beta max");
        if (betaEvery < 1) throw new IllegalArgumentException("beta steps must be >= 1 iteration apart");
    }

    /**
     * The defaults of {@code rln design} (measured on 21^3, contrast 10, vf 0.3; README "Design"): filter radius 3
     * voxels, beta doubled every 15 iterations up to 32, move limit 0.2, eta 0.5, at most 120 iterations. The
     * continuation starts at beta 8 for matrix-peak, whose relaxed problem any uniform grey field solves (a
     * homogeneous material strains uniformly, J = 1), so a soft projection lets the design drift to grey; it starts
     * at beta 1 for C11, whose penalization already makes grey uneconomic, so the layout is free to re-form first.
     */
    public static DesignConfig defaults(Objective objective, double volumeFraction) {
        double betaStart = objective == Objective.MATRIX_PEAK ? 8 : 1;
        return new DesignConfig(objective, volumeFraction, 120, 3.0, betaStart, 32, 15, 0.2, 0.5, objective.defaultPenalization, 1e-3);
    }

    public DesignConfig withIterations(int k) {
        return new DesignConfig(objective, volumeFraction, k, filterRadius, betaStart, betaMax, betaEvery, move, eta, penalization, tolerance);
    }
}
