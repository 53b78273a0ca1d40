package rln.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The element matrices of the unit hexahedron, full integration and B-bar. */
class Hex8Test {

    /** Nodal values of the linear displacement u(x) = A x at the 8 corners. */
    static double[] linearField(double[][] a) {
        double[] u = new double[24];
        for (int n = 0; n < 8; n++) {
            int[] c = Hex8.corner(n);
            for (int d = 0; d < 3; d++) u[3 * n + d] = a[d][0] * c[0] + a[d][1] * c[1] + a[d][2] * c[2];
        }
        return u;
    }

    static double[] symVoigt(double[][] a) {
        double[] e = new double[6];
        for (int c = 0; c < 6; c++) {
            int i = Voigt.PAIRS[c][0], j = Voigt.PAIRS[c][1];
            e[c] = (a[i][j] + a[j][i]) / 2;
        }
        return e;
    }

    static double[][] randomMatrix(Random r) {
        double[][] a = new double[3][3];
        for (double[] row : a) for (int j = 0; j < 3; j++) row[j] = r.nextGaussian();
        return a;
    }

    @ParameterizedTest(name = "bbar={0} nu={1}")
    @CsvSource({"false, 0.3", "true, 0.3", "false, -0.5", "true, -0.5", "false, 0.49", "true, 0.49"})
    void stiffnessIsSymmetricPsdWithExactlySixRigidBodyModes(boolean bbar, double nu) {
        double[][] k = Hex8.stiffness(new Isotropic(1, nu).stiffness(), bbar);
        double scale = 0;
        for (int i = 0; i < 24; i++)
            for (int j = 0; j < 24; j++) {
                assertEquals(k[i][j], k[j][i], 1e-15, "symmetry " + i + "," + j); // same products summed in another order
                scale = Math.max(scale, Math.abs(k[i][j]));
            }
        DMatrixRMaj m = new DMatrixRMaj(k);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(24, false, true);
        assertTrue(eig.decompose(m));
        double[] ev = new double[24];
        for (int i = 0; i < 24; i++) ev[i] = eig.getEigenvalue(i).real;
        Arrays.sort(ev);
        // zero eigenvalues are rounding (~1e-15 * scale); the smallest non-zero one is O(mu) (>= 1e-3 even for nu = 0.49)
        for (int i = 0; i < 6; i++) assertEquals(0, ev[i], 1e-12 * scale, "rigid-body eigenvalue " + i + ": " + Arrays.toString(ev));
        assertTrue(ev[6] > 1e-3 * scale, "7th eigenvalue " + ev[6] + " must be clearly positive");
    }

    @ParameterizedTest(name = "bbar={0}")
    @CsvSource({"false", "true"})
    void rigidBodyMotionsCarryNoForce(boolean bbar) {
        double[][] k = Hex8.stiffness(new Isotropic(1, 0.3).stiffness(), bbar);
        double[][][] modes = {
            {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}, // translations handled below
            {{0, -1, 0}, {1, 0, 0}, {0, 0, 0}}, // rotations about z, y, x (skew A)
            {{0, 0, 1}, {0, 0, 0}, {-1, 0, 0}},
            {{0, 0, 0}, {0, 0, -1}, {0, 1, 0}}};
        for (int t = 0; t < 3; t++) {
            double[] u = new double[24];
            for (int n = 0; n < 8; n++) u[3 * n + t] = 1;
            assertZero(k, u);
        }
        for (int r = 1; r < 4; r++) assertZero(k, linearField(modes[r]));
    }

    private static void assertZero(double[][] k, double[] u) {
        for (int i = 0; i < 24; i++) {
            double s = 0;
            for (int j = 0; j < 24; j++) s += k[i][j] * u[j];
            assertEquals(0, s, 1e-14); // exact cancellation up to rounding of O(1) entries
        }
    }

    @ParameterizedTest(name = "bbar={0}")
    @CsvSource({"false", "true"})
    void patchTestLinearDisplacementGivesConstantStrain(boolean bbar) {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 5; trial++) {
            double[][] a = randomMatrix(rnd);
            double[] u = linearField(a), expected = symVoigt(a);
            for (double[][] bg : Hex8.gaussStrainMatrices(bbar)) {
                for (int c = 0; c < 6; c++) {
                    double s = 0;
                    for (int j = 0; j < 24; j++) s += bg[c][j] * u[j];
                    assertEquals(expected[c], s, 1e-14, "strain component " + c + " at a Gauss point");
                }
            }
            double[] centroid = Hex8.centroidStrain(u, bbar);
            for (int c = 0; c < 6; c++) assertEquals(expected[c], centroid[c], 1e-14);
            // and the energy u^T K u equals the exact integral eps : C : eps over the unit volume
            double[][] d = new Isotropic(1, 0.3).stiffness();
            double[][] k = Hex8.stiffness(d, bbar);
            double energy = 0;
            for (int i = 0; i < 24; i++) for (int j = 0; j < 24; j++) energy += u[i] * k[i][j] * u[j];
            double[] sigma = new double[6];
            for (int r = 0; r < 6; r++) for (int c = 0; c < 6; c++) sigma[r] += d[r][c] * expected[c];
            assertEquals(Voigt.contract(sigma, expected), energy, 1e-12 * Math.abs(energy) + 1e-14);
        }
    }

    @ParameterizedTest(name = "bbar={0}")
    @CsvSource({"false", "true"})
    void loadIsMinusStiffnessTimesTheAppliedLinearField(boolean bbar) {
        // f_e = -sum_g w_g B^T W D E equals -K_e u_E for u_E = E x (a linear field with that strain): consistency
        double[][] d = new Isotropic(1, 0.3).stiffness();
        double[][] k = Hex8.stiffness(d, bbar);
        double[][] a = {{0.3, 0.2, -0.1}, {0.2, -0.4, 0.5}, {-0.1, 0.5, 0.7}}; // symmetric: E = A
        double[] f = Hex8.load(d, symVoigt(a), bbar), u = linearField(a);
        for (int i = 0; i < 24; i++) {
            double s = 0;
            for (int j = 0; j < 24; j++) s += k[i][j] * u[j];
            assertEquals(-s, f[i], 1e-14);
        }
    }

    @ParameterizedTest(name = "bbar={0}")
    @CsvSource({"false", "true"})
    void centroidMatrixIsTheSameForBothIntegrations(boolean bbar) {
        double[][] a = Hex8.centroidMatrix(bbar), b = Hex8.strainDisplacement(new double[] {0.5, 0.5, 0.5});
        for (int r = 0; r < 6; r++) for (int c = 0; c < 24; c++) assertEquals(b[r][c], a[r][c], 1e-15);
    }
}
