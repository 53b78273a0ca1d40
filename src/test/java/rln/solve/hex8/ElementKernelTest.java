package rln.solve.hex8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import rln.elastic.Hex8;
import rln.elastic.Isotropic;

/** Every element-kernel path (8 lanes, 4 lanes, pairs, scalar) against out_i = s sum_j K_ij u_j written out. */
class ElementKernelTest {

    @Test
    void allPathsComputeScaledMatrixVectorProducts() {
        double[][] km = Hex8.stiffness(new Isotropic(1, 0.3).stiffness(), true);
        double[] k = new double[576];
        for (int i = 0; i < 24; i++) System.arraycopy(km[i], 0, k, 24 * i, 24);
        Random r = new Random(5);
        double[] u = new double[48];
        for (int i = 0; i < 48; i++) u[i] = r.nextGaussian();
        double s0 = 3.0, s1 = 0.25;
        double[] expected = new double[48];
        for (int e = 0; e < 2; e++)
            for (int i = 0; i < 24; i++) {
                double acc = 0;
                for (int j = 0; j < 24; j++) acc += km[i][j] * u[24 * e + j];
                expected[24 * e + i] = (e == 0 ? s0 : s1) * acc;
            }
        double[][] results = new double[6][48];
        VectorElementKernel.multiply8(k, u, s0, results[0], 0);
        VectorElementKernel.multiply4(k, u, 0, s0, results[1], 0);
        VectorElementKernel.multiply4(k, u, 24, s1, results[1], 24);
        new VectorElementKernel().multiply2(k, u, s0, s1, results[2], 0, 24);
        new ScalarElementKernel().multiply2(k, u, s0, s1, results[3], 0, 24);
        new ScalarElementKernel().multiply(k, u, s0, results[4], 0);
        ElementKernel.best().multiply2(k, u, s0, s1, results[5], 0, 24);
        int[] lengths = {24, 48, 48, 48, 24, 48};
        for (int p = 0; p < results.length; p++)
            for (int i = 0; i < lengths[p]; i++)
                // 24 products summed in another order (and fused): rounding of O(1) sums, ~1e-15
                assertEquals(expected[i], results[p][i], 1e-13, "path " + p + " entry " + i);
    }
}
