package rln.solve.hex8;

/**
 * out[o .. o+24) = s * K u for one 24 x 24 element matrix K (row-major, symmetric) and one element's 24 nodal
 * values u: the inner step of {@link FastHex8Operator}. Chosen by {@link rln.util.VectorSupport#choose}: the
 * Vector API version when it allows it, else the scalar one.
 */
interface ElementKernel {
    void multiply(double[] k, double[] u, double s, double[] out, int o);

    /** Two elements at once (u[0..24) with s0 to out[o0..], u[24..48) with s1 to out[o1..]): K read once. */
    void multiply2(double[] k, double[] u, double s0, double s1, double[] out, int o0, int o1);

    /** The fastest kernel this JVM can run. */
    static ElementKernel best() {
        return rln.util.VectorSupport.choose("the FE element kernel", VectorElementKernel::new, ScalarElementKernel::new);
    }
}
