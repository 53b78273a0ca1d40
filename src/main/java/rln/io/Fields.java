package rln.io;

import java.util.Locale;

/** Which strain a dataset stores: all six components, or eps_xx alone in single precision. */
public enum Fields {
    /** strain.npy: (n, 6, nx, ny, nz) float64, components xx, yy, zz, yz, xz, xy (tensor shear). */
    ALL("all", "strain.npy", Npy.DType.F8, 6),
    /** exx.npy: (n, nx, ny, nz) float32, eps_xx only (what the networks learn; a sixth of the size at half precision). */
    EXX("exx", "exx.npy", Npy.DType.F4, 1);

    public final String cliName;
    public final String fileName;
    public final Npy.DType dtype;
    public final int components;

    Fields(String cliName, String fileName, Npy.DType dtype, int components) {
        this.cliName = cliName;
        this.fileName = fileName;
        this.dtype = dtype;
        this.components = components;
    }

    public static Fields parse(String s) {
        for (Fields f : values()) if (f.cliName.equals(s.toLowerCase(Locale.ROOT))) return f;
        throw new IllegalArgumentException("unknown fields '" + s + "' (expected all or exx)");
    }

    /** The .npy shape of {@code n} samples on an nx x ny x nz grid. */
    public int[] shape(int n, int nx, int ny, int nz) {
        return this == ALL ? new int[] {n, 6, nx, ny, nz} : new int[] {n, nx, ny, nz};
    }

    @Override
    public String toString() {
        return cliName;
    }
}
