package rln.solve.hex8;

/**
 * The assembled periodic FE stiffness, applied matrix-free: y = K w = sum_e E_e P_e^T K_e0 P_e w, where K_e0 is
 * the 24 x 24 element matrix of unit Young's modulus, E_e the modulus of element e (1 or the contrast: with one
 * Poisson's ratio K_e1 = contrast K_e0) and P_e gathers the element's 24 nodal values from the periodic grid.
 */
public interface Hex8Operator {
    /**
     * y = K w.
     *
     * @param modulus E_e per element (voxel, C order); not modified
     * @param w       nodal field (interleaved, 3 per node); not modified
     * @param y       overwritten with K w
     */
    void apply(double[] modulus, double[] w, double[] y);
}
