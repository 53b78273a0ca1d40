package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * Neighbourhoods of voxels on a periodic grid: the patches of the comparison CNN (a voxel's 11^3 surroundings,
 * wrapped around the cell's faces), and the gathered rows that turn its layers into matrix products over a whole
 * field. With a field f [S, nx, ny, nz, C] (S samples), voxels v_r = (s, x, y, z) given by their flat index
 * ((s nx + x) ny + y) nz + z, and offsets d_t = (dx, dy, dz):
 * <pre>
 *   y[r, t, c]  = f[s_r, (x_r + dx_t) mod nx, (y_r + dy_t) mod ny, (z_r + dz_t) mod nz, c]
 *   df[.., c] += dy[r, t, c]      at the same index, rows and offsets in order (one thread: a scatter)
 * </pre>
 * y has shape [R, rowShape...] with prod(rowShape) = T C (e.g. [R, 11, 11, 11] for cube offsets and C = 1).
 * Pure copies: exact in both precisions.
 */
public final class GatherOps {
    private GatherOps() {}

    /** The periodic neighbourhoods of {@code voxels} at {@code offsets} (each {dx, dy, dz}) in {@code field} [S,nx,ny,nz,C]. */
    public static Var periodicNeighbourhoods(Var field, int[] voxels, int[][] offsets, int... rowShape) {
        Checks.rank("periodicNeighbourhoods", field, 5, "[S,nx,ny,nz,C]");
        int[] s = field.shape();
        int S = s[0], nx = s[1], ny = s[2], nz = s[3], C = s[4], T = offsets.length, V = nx * ny * nz;
        if (Tensor.sizeOf(rowShape) != T * C)
            throw new IllegalArgumentException("periodicNeighbourhoods: row shape " + Arrays.toString(rowShape) + " does not hold " + T + " offsets x " + C + " channels");
        for (int v : voxels)
            if (v < 0 || v >= S * V) throw new IllegalArgumentException("periodicNeighbourhoods: voxel " + v + " outside the " + S + " x " + V + " voxels of the field");
        int R = voxels.length, width = T * C;
        int[] source = new int[R * T]; // flat voxel index (before the channel) read by row r at offset t
        for (int r = 0; r < R; r++) {
            int v = voxels[r], sample = v / V, x = v / (ny * nz) % nx, y = v / nz % ny, z = v % nz;
            for (int t = 0; t < T; t++)
                source[r * T + t] = ((sample * nx + Math.floorMod(x + offsets[t][0], nx)) * ny + Math.floorMod(y + offsets[t][1], ny)) * nz
                        + Math.floorMod(z + offsets[t][2], nz);
        }
        int[] shape = new int[rowShape.length + 1];
        shape[0] = R;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        Tensor out = Tape.newTensor(field.precision(), false, shape);
        Values F = Values.of(field.value()), Y = Values.of(out);
        Loops.range(R, width, (chunk, from, to) -> {
            for (int r = from; r < to; r++)
                for (int t = 0; t < T; t++) F.copyTo(source[r * T + t] * C, Y, r * width + t * C, C);
        });
        return Var.result("periodicNeighbourhoods", out, dy -> {
            Values G = Values.of(field.gradForAccumulation()), D = Values.of(dy);
            for (int i = 0; i < R * T; i++) D.addTo(i * C, G, source[i] * C, C);
        }, field);
    }

    /** The offsets of a cube of side {@code size} (odd) centred on the voxel, in C order: (a - h, b - h, c - h), h = size / 2. */
    public static int[][] cube(int size) {
        if (size < 1 || size % 2 == 0) throw new IllegalArgumentException("cube: the side must be odd and >= 1, got " + size);
        int h = size / 2;
        int[][] d = new int[size * size * size][];
        for (int a = 0, t = 0; a < size; a++)
            for (int b = 0; b < size; b++)
                for (int c = 0; c < size; c++) d[t++] = new int[] {a - h, b - h, c - h};
        return d;
    }
}
