package rln.solve.hex8;

import rln.elastic.Hex8;

/**
 * The periodic node and element numbering of an nx x ny x nz voxel grid (METHOD.md section 3).
 * <pre>
 *   element e = (i*ny + j)*nz + k   is voxel (i, j, k)                         (C order, z fastest)
 *   node    a = (i*ny + j)*nz + k   is the voxel corner at (i, j, k)           (N = nx ny nz nodes)
 *   local node n = 4a' + 2b' + c' of element (i, j, k)  is node ((i+a') mod nx, (j+b') mod ny, (k+c') mod nz)
 *   nodal field (displacement, force): interleaved, value[3*node + d], d = x, y, z
 * </pre>
 */
public final class Hex8Grid {
    public final int nx, ny, nz, n;
    /** elementNode[8*e + m]: the global node at local node m of element e. */
    final int[] elementNode;
    /** nodeElement[8*a + m]: the element whose local node m is node a (the element at a - corner(m)). */
    final int[] nodeElement;

    public Hex8Grid(int nx, int ny, int nz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.n = nx * ny * nz;
        elementNode = new int[8 * n];
        nodeElement = new int[8 * n];
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
                for (int k = 0; k < nz; k++) {
                    int e = index(i, j, k);
                    for (int m = 0; m < Hex8.NODES; m++) {
                        int[] c = Hex8.corner(m);
                        elementNode[8 * e + m] = index(i + c[0], j + c[1], k + c[2]);
                        nodeElement[8 * e + m] = index(i - c[0], j - c[1], k - c[2]);
                    }
                }
    }

    /** The C-order index of (i, j, k), each taken periodically. */
    public int index(int i, int j, int k) {
        return (Math.floorMod(i, nx) * ny + Math.floorMod(j, ny)) * nz + Math.floorMod(k, nz);
    }

    /** The global node at local node m of element e. */
    public int node(int e, int m) {
        return elementNode[8 * e + m];
    }

    public boolean sameShape(int nx, int ny, int nz) {
        return this.nx == nx && this.ny == ny && this.nz == nz;
    }
}
