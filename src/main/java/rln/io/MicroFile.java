package rln.io;

import java.nio.file.Path;

/**
 * A microstructure file: .npy uint8 (or bool) of shape (n, nx, ny, nz), or (nx, ny, nz) for a single one,
 * every value 0 (soft) or 1 (stiff). Reading checks all of that and names the file and the first offender.
 *
 * @param phases n * nx*ny*nz values, sample-major, C order within a sample
 */
public record MicroFile(int count, int nx, int ny, int nz, byte[] phases) {

    public int voxels() {
        return nx * ny * nz;
    }

    /** The phases of sample {@code i} (a copy). */
    public byte[] sample(int i) {
        byte[] out = new byte[voxels()];
        System.arraycopy(phases, i * voxels(), out, 0, voxels());
        return out;
    }

    /** Every sample's phases, one array per sample (copies). */
    public byte[][] samples() {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) out[i] = sample(i);
        return out;
    }

    public static MicroFile read(Path file) {
        Npy.Array a = Npy.read(file);
        if (a.dtype != Npy.DType.U1 && a.dtype != Npy.DType.B1)
            throw InputException.of(file, "dtype " + a.dtype.descr + ", expected uint8 (|u1) phases 0/1");
        int[] s = a.shape;
        if (s.length != 3 && s.length != 4)
            throw InputException.of(file, "shape " + a.shapeString() + " has rank " + s.length + ", expected (n, nx, ny, nz) or (nx, ny, nz)");
        int n = s.length == 4 ? s[0] : 1;
        int nx = s[s.length - 3], ny = s[s.length - 2], nz = s[s.length - 1];
        if (n < 1) throw InputException.of(file, "holds no microstructure (shape " + a.shapeString() + ")");
        if (nx < 2 || ny < 2 || nz < 2) throw InputException.of(file, "grid " + nx + "x" + ny + "x" + nz + " is too small (at least 2 per axis)");
        byte[] p = a.toBytes();
        int voxels = nx * ny * nz;
        for (int v = 0; v < p.length; v++) {
            if (p[v] != 0 && p[v] != 1) {
                int i = v / voxels, r = v % voxels;
                throw InputException.of(file, "sample " + i + ", voxel (" + r / (ny * nz) + ", " + (r / nz) % ny + ", " + r % nz
                        + ") holds " + (p[v] & 0xff) + " (phases must be 0 or 1)");
            }
        }
        return new MicroFile(n, nx, ny, nz, p);
    }
}
