package rln.design;

/**
 * How the objective and its gradient are computed from the physical (projected) density: exactly through the FE
 * solver and its adjoint ({@link FeRoute}), or through a trained network on the tape ({@link ModelRoute}).
 */
public interface Route {

    /**
     * The objective at the relaxed density {@code rho} (in [0, 1] per voxel, 1 = stiff; not modified) and its
     * gradient dJ/drho. J is the objective's natural value (the strain p-mean, or C11), not its minimized form.
     */
    Evaluation evaluate(double[] rho);

    /** A short name for progress lines and reports ("fe", "published:RLN_t_c10", ...). */
    String name();

    /**
     * @param objective  J
     * @param gradient   dJ/drho per voxel
     * @param exx        the eps_xx field the objective saw (solved or predicted), per voxel
     * @param iterations solver iterations spent (forward + adjoint PCG; 0 for a network)
     */
    record Evaluation(double objective, double[] gradient, double[] exx, int iterations) {}
}
