package rln.elastic;

/**
 * The 6-component (Voigt) notation of symmetric 3x3 tensors used throughout the project.
 * <pre>
 *   index  0   1   2   3   4   5
 *   pair   xx  yy  zz  yz  xz  xy
 * </pre>
 * Strains are stored with TENSOR shear: component 3 is eps_yz = (du_y/dz + du_z/dy)/2, not the engineering
 * shear gamma_yz = 2 eps_yz. Stresses are stored as they are (sigma_yz). With that convention a double
 * contraction of two symmetric tensors counts every shear pair twice:
 * <pre>
 *   a : b = sum_ij a_ij b_ij = sum_c W_c a_c b_c,     W = (1, 1, 1, 2, 2, 2)
 * </pre>
 * so the strain energy density is (1/2) eps^T W D eps and an element stiffness is sum_g w_g B^T (W D) B.
 */
public final class Voigt {
    private Voigt() {}

    /** The tensor indices (i, j) of Voigt component c. */
    public static final int[][] PAIRS = {{0, 0}, {1, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};

    /** The weight of component c in a double contraction: 1 for normal, 2 for shear components. */
    public static final double[] W = {1, 1, 1, 2, 2, 2};

    /** The six components, in Voigt order; {@link #ordinal()} is the Voigt index. */
    public enum Component {
        XX, YY, ZZ, YZ, XZ, XY;

        /** "xx", ..., "xy". */
        public final String id = name().toLowerCase(java.util.Locale.ROOT);

        /** The Voigt index c = 0..5. */
        public int index() {
            return ordinal();
        }

        /** The component named {@code name} (xx, yy, zz, yz, xz or xy; any case). */
        public static Component parse(String name) {
            for (Component c : values()) if (c.id.equalsIgnoreCase(name.trim())) return c;
            throw new IllegalArgumentException("unknown strain component '" + name + "' (expected xx, yy, zz, yz, xz or xy)");
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The names of the components, in order: xx, yy, zz, yz, xz, xy. */
    public static final String[] NAMES = java.util.Arrays.stream(Component.values()).map(c -> c.id).toArray(String[]::new);

    /** The Voigt component c that holds tensor entry (i, j) (or (j, i)). */
    public static int index(int i, int j) {
        if (i == j) return i;
        return 6 - i - j; // (1,2) -> 3, (0,2) -> 4, (0,1) -> 5
    }

    /** The full symmetric 3x3 tensor of a 6-vector (entries copied, shear not rescaled). */
    public static double[][] toTensor(double[] v) {
        double[][] t = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) t[i][j] = v[index(i, j)];
        return t;
    }

    /** a : b = sum_c W_c a_c b_c for two symmetric tensors in Voigt form. */
    public static double contract(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < 6; c++) s += W[c] * a[c] * b[c];
        return s;
    }
}
