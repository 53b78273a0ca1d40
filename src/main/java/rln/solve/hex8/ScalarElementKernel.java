package rln.solve.hex8;

/** The scalar kernel: out_i = s sum_j K_ij u_j. */
final class ScalarElementKernel implements ElementKernel {
    @Override
    public void multiply(double[] k, double[] u, double s, double[] out, int o) {
        multiplyAt(k, u, 0, s, out, o);
    }

    @Override
    public void multiply2(double[] k, double[] u, double s0, double s1, double[] out, int o0, int o1) {
        multiplyAt(k, u, 0, s0, out, o0);
        multiplyAt(k, u, 24, s1, out, o1);
    }

    /** out[o + i] = s sum_j K_ij u[uo + j]. */
    static void multiplyAt(double[] k, double[] u, int uo, double s, double[] out, int o) {
        for (int i = 0; i < 24; i++) {
            double acc = 0;
            for (int j = 0; j < 24; j++) acc += k[24 * i + j] * u[uo + j];
            out[o + i] = s * acc;
        }
    }
}
