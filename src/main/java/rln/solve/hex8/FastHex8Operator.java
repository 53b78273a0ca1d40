package rln.solve.hex8;

import static rln.elastic.Hex8.DOFS;

import rln.elastic.Hex8;
import rln.util.Parallel;

/**
 * y = K w by gathering, so that no two workers ever write the same value:
 * <pre>
 *   per element e:  y_e = E_e K_e0 P_e w                     (24 values)
 *   per node a:     y_a = sum_m (y_{e(a,m)})_m               (the 8 elements touching a, local node m of each)
 * </pre>
 * Node layer i (all nodes with x index i) touches element layers i-1 (local nodes m with a' = 1) and i (a' = 0),
 * so the work streams through x: element layer i is computed into a two-layer buffer, then node layer i is
 * gathered from layers i-1 and i; the buffer stays in cache instead of a 24 N array going through memory.
 * Workers take fixed contiguous ranges of node layers (each recomputes the one element layer before its range),
 * and every value is summed in the same order whatever the partition: the result is bitwise identical for
 * every thread count, and equal, to rounding, to {@link ReferenceHex8Operator}.
 */
public final class FastHex8Operator implements Hex8Operator {
    private final Hex8Grid grid;
    private final double[] ke; // K_e0 row-major
    private final int threads, layer;
    private final ElementKernel kernel;
    private final double[][][] buffers; // per chunk: two element layers of y_e (24 per element)
    private final double[][] scratch;   // per chunk: one element's gathered u_e

    public FastHex8Operator(Hex8Grid grid, double[][] ke, int threads) {
        this(grid, ke, threads, true);
    }

    /** @param vector use the Vector API element kernel when available (false: the scalar one, for comparison) */
    public FastHex8Operator(Hex8Grid grid, double[][] ke, int threads, boolean vector) {
        this.kernel = vector ? ElementKernel.best() : new ScalarElementKernel();
        this.grid = grid;
        this.threads = threads;
        this.layer = grid.ny * grid.nz;
        this.ke = new double[DOFS * DOFS];
        for (int i = 0; i < DOFS; i++) System.arraycopy(ke[i], 0, this.ke, DOFS * i, DOFS);
        int chunks = Math.max(1, Math.min(threads, grid.nx));
        this.buffers = new double[chunks][2][DOFS * layer];
        this.scratch = new double[chunks][2 * DOFS];
    }

    /** The name of the element kernel in use (vector or scalar). */
    public String kernelName() {
        return kernel.getClass().getSimpleName();
    }

    @Override
    public void apply(double[] modulus, double[] w, double[] y) {
        Parallel.forChunks(grid.nx, threads, (chunk, from, to) -> {
            double[][] buf = buffers[chunk];
            double[] previous = buf[0], current = buf[1];
            elementLayer(Math.floorMod(from - 1, grid.nx), modulus, w, previous, scratch[chunk]);
            for (int i = from; i < to; i++) {
                elementLayer(i, modulus, w, current, scratch[chunk]);
                nodeLayer(i, previous, current, y);
                double[] t = previous;
                previous = current;
                current = t;
            }
        });
    }

    /** out[24 (e - i*layer) ..] = E_e K_e0 u_e for the elements e of x-layer i, two elements at a time. */
    private void elementLayer(int i, double[] modulus, double[] w, double[] out, double[] u) {
        int first = i * layer, end = first + layer, e = first;
        for (; e + 1 < end; e += 2) {
            gather(e, w, u, 0);
            gather(e + 1, w, u, DOFS);
            kernel.multiply2(ke, u, modulus[e], modulus[e + 1], out, DOFS * (e - first), DOFS * (e + 1 - first));
        }
        if (e < end) {
            gather(e, w, u, 0);
            kernel.multiply(ke, u, modulus[e], out, DOFS * (e - first));
        }
    }

    /** u[o + 3m + d] = w[3 node(e, m) + d]: the 24 nodal values of element e. */
    private void gather(int e, double[] w, double[] u, int o) {
        int[] en = grid.elementNode;
        for (int m = 0; m < Hex8.NODES; m++) {
            int a = 3 * en[Hex8.NODES * e + m];
            u[o + 3 * m] = w[a];
            u[o + 3 * m + 1] = w[a + 1];
            u[o + 3 * m + 2] = w[a + 2];
        }
    }

    /** y_a for the nodes a of x-layer i: local nodes m = 0..3 (a' = 0) from layer i, m = 4..7 (a' = 1) from i-1. */
    private void nodeLayer(int i, double[] previous, double[] current, double[] y) {
        int[] ne = grid.nodeElement;
        int first = i * layer;
        for (int a = first; a < first + layer; a++) {
            double yx = 0, yy = 0, yz = 0;
            for (int m = 0; m < Hex8.NODES; m++) {
                int e = ne[Hex8.NODES * a + m];
                double[] src = m < 4 ? current : previous;
                int o = DOFS * (e % layer) + 3 * m;
                yx += src[o];
                yy += src[o + 1];
                yz += src[o + 2];
            }
            y[3 * a] = yx;
            y[3 * a + 1] = yy;
            y[3 * a + 2] = yz;
        }
    }
}
