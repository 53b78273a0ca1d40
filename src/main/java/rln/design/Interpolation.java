package rln.design;

/**
 * The Young's modulus of a voxel of relaxed density rho in [0, 1] (SIMP between two solids, "modified SIMP"):
 * <pre>
 *   E(rho) = E0 + (E1 - E0) rho^q,   dE/drho = q (E1 - E0) rho^(q-1)      (E0 = 1 soft, E1 = contrast stiff)
 * </pre>
 * Both phases share Poisson's ratio, so a voxel's stiffness is E(rho) times the unit element matrix and the FE
 * operator needs nothing but a modulus per voxel. The exponent q >= 1 decides what a grey voxel is worth: q = 1 is
 * the linear (Voigt) mixture, the stiffest a mix can be, so stiffness-minimizing designs gain nothing from grey;
 * q = 3 makes grey voxels soft for their volume, so stiffness-maximizing designs gain nothing from them either.
 *
 * @param contrast E1 / E0 > 0
 * @param q        the penalization exponent, >= 1
 */
public record Interpolation(double contrast, double q) {

    public Interpolation {
        if (!(contrast > 0) || !Double.isFinite(contrast)) throw new IllegalArgumentException("contrast must be finite and > 0, got " + contrast);
        if (!(q >= 1) || !Double.isFinite(q)) throw new IllegalArgumentException("penalization exponent must be finite and >= 1, got " + q);
    }

    /** modulus[e] = E(rho[e]). */
    public void modulus(double[] rho, double[] modulus) {
        for (int e = 0; e < rho.length; e++) modulus[e] = 1 + (contrast - 1) * Math.pow(rho[e], q);
    }

    /** slope[e] = dE/drho at rho[e]. */
    public void slope(double[] rho, double[] slope) {
        for (int e = 0; e < rho.length; e++) slope[e] = q == 1 ? contrast - 1 : q * (contrast - 1) * Math.pow(rho[e], q - 1);
    }
}
