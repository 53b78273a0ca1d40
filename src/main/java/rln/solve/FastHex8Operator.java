package rln.solve;

import rln.elastic.Hex8;
import rln.util.Parallel;

/**
 * y = K w in two gather passes, so that no two workers ever write the same value:
 * <pre>
 *   pass 1 (per element e):  y_e = E_e K_e0 P_e w          (24 values per element, stored)
 *   pass 2 (per node a):     y_a = sum_m (y_{e(a,m)})_m    (the 8 elements touching a, local node m of each)
 * </pre>
 * Both passes are split over a fixed partition of elements / nodes, and every output value is summed in the
 * same order whatever the partition, so the result is bitwise identical for every thread count. Equal, to
 * rounding, to {@link ReferenceHex8Operator}.
 */
public final class FastHex8Operator implements Hex8Operator {
    private final Hex8Grid grid;
    private final double[] ke; // K_e0 row-major
    private final int threads;
    private final ElementKernel kernel;
    private final double[] elementForces; // y_e, 24 per element
    private final double[][] scratch;     // per chunk: one element's gathered u_e

    public FastHex8Operator(Hex8Grid grid, double[][] ke, int threads) {
        this(grid, ke, threads, true);
    }

    /** @param vector use the Vector API element kernel when available (false: the scalar one, for comparison) */
    public FastHex8Operator(Hex8Grid grid, double[][] ke, int threads, boolean vector) {
        this.kernel = vector ? ElementKernel.best() : new ScalarElementKernel();
        this.grid = grid;
        this.threads = threads;
        this.ke = new double[24 * 24];
        for (int i = 0; i < 24; i++) System.arraycopy(ke[i], 0, this.ke, 24 * i, 24);
        this.elementForces = new double[24 * grid.n];
        this.scratch = new double[Math.max(1, threads)][24];
    }

    /** The name of the element kernel in use (vector or scalar). */
    public String kernelName() {
        return kernel.getClass().getSimpleName();
    }

    @Override
    public void apply(double[] modulus, double[] w, double[] y) {
        int[] en = grid.elementNode, ne = grid.nodeElement;
        Parallel.forChunks(grid.n, threads, (chunk, from, to) -> {
            double[] u = scratch[chunk];
            for (int e = from; e < to; e++) {
                for (int m = 0; m < Hex8.NODES; m++) {
                    int a = 3 * en[8 * e + m];
                    u[3 * m] = w[a];
                    u[3 * m + 1] = w[a + 1];
                    u[3 * m + 2] = w[a + 2];
                }
                kernel.multiply(ke, u, modulus[e], elementForces, 24 * e);
            }
        });
        double[] ye = elementForces;
        Parallel.forChunks(grid.n, threads, (chunk, from, to) -> {
            for (int a = from; a < to; a++) {
                double yx = 0, yy = 0, yz = 0;
                for (int m = 0; m < Hex8.NODES; m++) {
                    int o = 24 * ne[8 * a + m] + 3 * m;
                    yx += ye[o];
                    yy += ye[o + 1];
                    yz += ye[o + 2];
                }
                y[3 * a] = yx;
                y[3 * a + 1] = yy;
                y[3 * a + 2] = yz;
            }
        });
    }
}
