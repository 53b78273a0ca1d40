package rln.cli;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import rln.io.InputException;
import rln.io.MicroFile;
import rln.io.Npy;

/**
 * Readers of the strain arrays the figure, vti and mks commands take (INTERFACES.md layouts), checked against
 * the microstructures ({@link MicroFile}) with one-line errors:
 * <ul>
 * <li>strain: a solver output (n, 6, nx, ny, nz) or (6, nx, ny, nz), of which eps_xx (component 0) is taken, or
 *     eps_xx alone, (n, nx, ny, nz) or (nx, ny, nz), any float type;</li>
 * <li>predictions: (n, nx, ny, nz) or (nx, ny, nz), any float type.</li>
 * </ul>
 */
final class FieldArrays {
    private FieldArrays() {}

    /** eps_xx per sample from a strain or exx array, checked against the microstructures' count and grid. */
    static double[][] readExx(Path file, MicroFile m, String what) {
        Npy.Array a = Npy.read(file);
        if (a.dtype != Npy.DType.F4 && a.dtype != Npy.DType.F8)
            throw InputException.of(file, "dtype " + a.dtype.descr + ", expected float32 or float64 " + what);
        int[] s = a.shape;
        int r = a.rank(), n, comps, g;     // g: index of the first grid axis in the shape
        if (r == 5 && s[1] == 6) { n = s[0]; comps = 6; g = 2; }
        else if (r == 4 && s[0] == 6 && m.count() == 1) { n = 1; comps = 6; g = 1; }   // one solver output (6, nx, ny, nz)
        else if (r == 4) { n = s[0]; comps = 1; g = 1; }
        else if (r == 3) { n = 1; comps = 1; g = 0; }
        else throw InputException.of(file, "shape " + a.shapeString() + ", expected " + what + " (n, 6, nx, ny, nz), (n, nx, ny, nz) or (nx, ny, nz)");
        if (s[g] != m.nx() || s[g + 1] != m.ny() || s[g + 2] != m.nz())
            throw InputException.of(file, "grid " + s[g] + "x" + s[g + 1] + "x" + s[g + 2] + " differs from the microstructures' " + m.nx() + "x" + m.ny() + "x" + m.nz());
        if (n != m.count())
            throw InputException.of(file, "holds " + n + " samples, the microstructures " + m.count());
        int v = m.voxels();
        ByteBuffer b = a.bytes();
        double[][] out = new double[n][v];
        for (int i = 0; i < n; i++) {
            long base = (long) i * comps * v;       // component 0 (xx) of sample i
            for (int x = 0; x < v; x++) {
                int e = Math.toIntExact(base + x);
                double val = a.dtype == Npy.DType.F8 ? b.getDouble(8 * e) : b.getFloat(4 * e);
                if (!Double.isFinite(val)) throw InputException.of(file, "sample " + i + ", voxel " + x + " is " + val);
                out[i][x] = val;
            }
        }
        return out;
    }

    /** Parses "x", "y", "z" (or 0, 1, 2) into an axis number. */
    static int axis(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "x", "0" -> 0;
            case "y", "1" -> 1;
            case "z", "2" -> 2;
            default -> throw new InputException("--axis: '" + name + "' is not one of x, y, z");
        };
    }

    /** The dataset directory's strain file: strain.npy, else exx.npy. */
    static Path strainFile(Path dir) {
        Path strain = dir.resolve("strain.npy"), exx = dir.resolve("exx.npy");
        if (Files.exists(strain)) return strain;
        if (Files.exists(exx)) return exx;
        throw InputException.of(dir, "no strain.npy or exx.npy in this dataset directory");
    }
}
