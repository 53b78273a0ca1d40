package rln.solve.hex8;

/** The scalar kernel: out_i = s sum_j K_ij u_j. */
final class ScalarElementKernel implements ElementKernel {
    @Override
    public void multiply(double[] k, double[] u, double s, double[] out, int o) {
        for (int i = 0; i < 24; i++) {
            double acc = 0;
            for (int j = 0; j < 24; j++) acc += k[24 * i + j] * u[j];
            out[o + i] = s * acc;
        }
    }
}
