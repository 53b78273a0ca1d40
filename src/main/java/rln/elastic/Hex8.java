package rln.elastic;

/**
 * The 8-node trilinear hexahedron on the unit voxel [0,1]^3 (METHOD.md section 3), with full 2x2x2 Gauss
 * integration or B-bar.
 * <pre>
 *   local node n = 4a + 2b + c  sits at corner (a, b, c), a, b, c in {0, 1}   (C order, z fastest)
 *   local DOF     3n + d,  d = 0, 1, 2 = u_x, u_y, u_z
 *   shape         N_n(x, y, z) = L_a(x) L_b(y) L_c(z),   L_0(t) = 1 - t,  L_1(t) = t
 *   Gauss points  g = 4ga + 2gb + gc at t = 1/2 -+ 1/(2 sqrt 3) per axis, weight w_g = 1/8 (voxel volume 1)
 *   B_g (6 x 24)  eps = B_g u_e at point g, Voigt order xx, yy, zz, yz, xz, xy, TENSOR shear:
 *                 eps_xx = sum_n dN_n/dx u_nx,   eps_yz = (1/2) sum_n (dN_n/dz u_ny + dN_n/dy u_nz), ...
 *   B-bar         Bbar_g = B_g - (1/3) m m^T B_g + (1/3) m m^T <B>,  m = (1,1,1,0,0,0),  <B> = (1/8) sum_g B_g
 *                 (the volumetric strain is replaced by its element mean: selectively reduced integration)
 *   stiffness     K_e = sum_g w_g Bx_g^T (W D) Bx_g         (Bx = B or Bbar; W = diag(1,1,1,2,2,2), see Voigt)
 *   load          f_e = - sum_g w_g Bx_g^T (W D) E          (the applied strain E as a body load)
 *   centroid      eps_e = (1/8) sum_g Bx_g u_e = <B> u_e    (the mean of Bbar_g is <B> too)
 * </pre>
 * For the tensor-shear convention the factor W makes u^T K_e u = integral of sigma : eps over the element.
 */
public final class Hex8 {
    private Hex8() {}

    /** Nodes of the element (its 8 corners). */
    public static final int NODES = 8;
    /** Degrees of freedom of the element: 3 displacement components per node. */
    public static final int DOFS = 3 * NODES;
    /** Gauss points of the 2 x 2 x 2 rule (8, like the nodes, but a different thing). */
    public static final int GAUSS_POINTS = 8;

    /** The offset (a, b, c) of local node n. */
    public static int[] corner(int n) {
        return new int[] {(n >> 2) & 1, (n >> 1) & 1, n & 1};
    }

    /** The Gauss point coordinates along one axis: 1/2 -+ 1/(2 sqrt 3). */
    public static final double[] GAUSS = {0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)};

    /** The weight of each of the {@link #GAUSS_POINTS} Gauss points (the voxel volume 1 split evenly). */
    public static final double GAUSS_WEIGHT = 1.0 / 8;

    private static double shape1d(int a, double t) {
        return a == 0 ? 1 - t : t;
    }

    private static double slope1d(int a) {
        return a == 0 ? -1 : 1;
    }

    /** grad N_n at point p: (dN/dx, dN/dy, dN/dz). */
    public static double[] shapeGradient(int n, double[] p) {
        int[] abc = corner(n);
        double lx = shape1d(abc[0], p[0]), ly = shape1d(abc[1], p[1]), lz = shape1d(abc[2], p[2]);
        return new double[] {slope1d(abc[0]) * ly * lz, lx * slope1d(abc[1]) * lz, lx * ly * slope1d(abc[2])};
    }

    /** Gauss point g = 4ga + 2gb + gc. */
    public static double[] gaussPoint(int g) {
        return new double[] {GAUSS[(g >> 2) & 1], GAUSS[(g >> 1) & 1], GAUSS[g & 1]};
    }

    /** The strain-displacement matrix B (6 x 24, tensor shear) at point p. */
    public static double[][] strainDisplacement(double[] p) {
        double[][] b = new double[6][DOFS];
        for (int n = 0; n < NODES; n++) {
            double[] g = shapeGradient(n, p);
            int ux = 3 * n, uy = 3 * n + 1, uz = 3 * n + 2;
            b[0][ux] = g[0];                        // eps_xx = du_x/dx
            b[1][uy] = g[1];                        // eps_yy = du_y/dy
            b[2][uz] = g[2];                        // eps_zz = du_z/dz
            b[3][uy] = g[2] / 2; b[3][uz] = g[1] / 2; // eps_yz = (du_y/dz + du_z/dy)/2
            b[4][ux] = g[2] / 2; b[4][uz] = g[0] / 2; // eps_xz = (du_x/dz + du_z/dx)/2
            b[5][ux] = g[1] / 2; b[5][uy] = g[0] / 2; // eps_xy = (du_x/dy + du_y/dx)/2
        }
        return b;
    }

    /**
     * The 8 strain matrices the element integrates with: B_g (full integration) or Bbar_g (B-bar), g = 0..7.
     */
    public static double[][][] gaussStrainMatrices(boolean bbar) {
        double[][][] b = new double[GAUSS_POINTS][][];
        for (int g = 0; g < GAUSS_POINTS; g++) b[g] = strainDisplacement(gaussPoint(g));
        if (!bbar) return b;
        double[][] mean = mean(b);
        double[][][] bb = new double[GAUSS_POINTS][6][DOFS];
        for (int g = 0; g < GAUSS_POINTS; g++)
            for (int col = 0; col < DOFS; col++) {
                // (1/3) m m^T X: every normal row gets a third of the trace row of X, shear rows nothing
                double volumetric = (b[g][0][col] + b[g][1][col] + b[g][2][col]) / 3;
                double meanVolumetric = (mean[0][col] + mean[1][col] + mean[2][col]) / 3;
                for (int r = 0; r < 6; r++) {
                    double v = b[g][r][col];
                    if (r < 3) v += meanVolumetric - volumetric;
                    bb[g][r][col] = v;
                }
            }
        return bb;
    }

    /** <X> = (1/8) sum_g X_g. */
    private static double[][] mean(double[][][] x) {
        double[][] m = new double[6][DOFS];
        for (double[][] xg : x)
            for (int r = 0; r < 6; r++)
                for (int col = 0; col < DOFS; col++) m[r][col] += xg[r][col] / GAUSS_POINTS;
        return m;
    }

    /** K_e = sum_g w_g Bx_g^T (W D) Bx_g (24 x 24) for the stiffness D (6 x 6, tensor shear). */
    public static double[][] stiffness(double[][] d, boolean bbar) {
        double[][][] b = gaussStrainMatrices(bbar);
        double[][] k = new double[DOFS][DOFS];
        for (double[][] bg : b) {
            double[][] wdb = new double[6][DOFS]; // (W D) B_g
            for (int r = 0; r < 6; r++)
                for (int col = 0; col < DOFS; col++) {
                    double s = 0;
                    for (int c = 0; c < 6; c++) s += d[r][c] * bg[c][col];
                    wdb[r][col] = Voigt.W[r] * s;
                }
            for (int i = 0; i < DOFS; i++)
                for (int j = 0; j < DOFS; j++) {
                    double s = 0;
                    for (int r = 0; r < 6; r++) s += bg[r][i] * wdb[r][j];
                    k[i][j] += GAUSS_WEIGHT * s;
                }
        }
        return k;
    }

    /** f_e = - sum_g w_g Bx_g^T (W D) E (24 values), the nodal forces of the applied strain E. */
    public static double[] load(double[][] d, double[] appliedStrain, boolean bbar) {
        double[] wde = new double[6]; // (W D) E, the same at every Gauss point
        for (int r = 0; r < 6; r++) {
            double s = 0;
            for (int c = 0; c < 6; c++) s += d[r][c] * appliedStrain[c];
            wde[r] = Voigt.W[r] * s;
        }
        double[] f = new double[DOFS];
        for (double[][] bg : gaussStrainMatrices(bbar))
            for (int i = 0; i < DOFS; i++) {
                double s = 0;
                for (int r = 0; r < 6; r++) s += bg[r][i] * wde[r];
                f[i] -= GAUSS_WEIGHT * s;
            }
        return f;
    }

    /** The centroid (element-average) strain matrix (1/8) sum_g Bx_g (6 x 24); the same for B and B-bar. */
    public static double[][] centroidMatrix(boolean bbar) {
        return mean(gaussStrainMatrices(bbar));
    }

    /** eps_e = (1/8) sum_g Bx_g u_e: the element-average strain of the nodal displacements u_e (24 values). */
    public static double[] centroidStrain(double[] ue, boolean bbar) {
        double[][] m = centroidMatrix(bbar);
        double[] e = new double[6];
        for (int r = 0; r < 6; r++)
            for (int col = 0; col < DOFS; col++) e[r] += m[r][col] * ue[col];
        return e;
    }
}
