package rln.solve.hex8;

import java.util.Arrays;
import rln.elastic.Hex8;

/**
 * The plain reading of the element-by-element product, the reference every faster operator is tested against:
 * <pre>
 *   y = 0;  for every element e, local nodes m, n, directions d, d':
 *       y[node(e,m), d] += E_e K_e0[3m+d][3n+d'] w[node(e,n), d']
 * </pre>
 * Single-threaded, scalar double precision.
 */
public final class ReferenceHex8Operator implements Hex8Operator {
    private final Hex8Grid grid;
    private final double[][] ke;

    /** @param ke the unit-modulus element matrix K_e0 (24 x 24); not copied, not modified */
    public ReferenceHex8Operator(Hex8Grid grid, double[][] ke) {
        this.grid = grid;
        this.ke = ke;
    }

    @Override
    public void apply(double[] modulus, double[] w, double[] y) {
        Arrays.fill(y, 0, 3 * grid.n, 0.0);
        for (int e = 0; e < grid.n; e++)
            for (int m = 0; m < Hex8.NODES; m++)
                for (int d = 0; d < 3; d++)
                    for (int n = 0; n < Hex8.NODES; n++)
                        for (int d2 = 0; d2 < 3; d2++)
                            y[3 * grid.node(e, m) + d] += modulus[e] * ke[3 * m + d][3 * n + d2] * w[3 * grid.node(e, n) + d2];
    }
}
