package rln.train;

import rln.io.Dataset;
import rln.io.InputException;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * A dataset held in memory the way training reads it: per sample the phases (1 = stiff, 0 = soft) and the
 * target eps_xx / E_xx, both float (5 bytes per voxel: 700 samples at 31^3 take about 100 MB). Only component
 * xx of a strain.npy is read, one sample at a time. Targets are used as stored: the solver imposes E_xx = 1,
 * so eps_xx already is eps_xx / E_xx (meta.json's "applied_strain" is read and a non-unit E_xx divided out).
 */
public final class TrainingData {
    private final int nx, ny, nz;
    private final float[][] micro, target;
    private final String source;

    public TrainingData(int nx, int ny, int nz, float[][] micro, float[][] target, String source) {
        if (micro.length != target.length) throw new IllegalArgumentException(micro.length + " microstructures but " + target.length + " targets");
        int v = nx * ny * nz;
        for (int i = 0; i < micro.length; i++)
            if (micro[i].length != v || target[i].length != v) throw new IllegalArgumentException("sample " + i + " does not have " + v + " voxels");
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.micro = micro;
        this.target = target;
        this.source = source;
    }

    /** Reads every sample of a dataset directory (or a directory of shards). */
    public static TrainingData read(java.nio.file.Path dir) {
        Dataset d = Dataset.open(dir);
        double scale = normalization(d);
        int n = d.size();
        if (n == 0) throw InputException.of(dir, "holds no samples");
        float[][] m = new float[n][], t = new float[n][];
        for (int i = 0; i < n; i++) {
            byte[] phases = d.micro(i);
            m[i] = new float[phases.length];
            for (int v = 0; v < phases.length; v++) m[i][v] = phases[v];
            t[i] = d.exx(i);
            if (scale != 1) for (int v = 0; v < t[i].length; v++) t[i][v] = (float) (t[i][v] * scale);
        }
        return new TrainingData(d.nx(), d.ny(), d.nz(), m, t, dir.toString());
    }

    /**
     * The factor that turns the stored eps_xx into eps_xx / E_xx, from meta.json's "applied_strain" (xx, yy, zz,
     * yz, xz, xy): 1 / E_xx when only E_xx is non-zero (the solver's default, E_xx = 1, gives 1); any other load
     * is refused, since the models learn the response to a uniaxial xx strain. No "applied_strain": taken as unit.
     */
    static double normalization(Dataset d) {
        Object a = d.meta().get("applied_strain");
        if (a == null) return 1;
        java.nio.file.Path meta = d.root().resolve("meta.json");
        if (!(a instanceof java.util.List<?> l) || l.size() != 6 || !l.stream().allMatch(x -> x instanceof Number))
            throw InputException.of(meta, "\"applied_strain\" must be 6 numbers (xx, yy, zz, yz, xz, xy), found " + a);
        double xx = ((Number) l.get(0)).doubleValue();
        for (int c = 1; c < 6; c++)
            if (((Number) l.get(c)).doubleValue() != 0)
                throw InputException.of(meta, "\"applied_strain\" " + a + " is not a uniaxial xx load (the models learn eps_xx under E_xx alone)");
        if (!(xx != 0) || !Double.isFinite(xx)) throw InputException.of(meta, "\"applied_strain\" has E_xx = " + xx + " (expected non-zero)");
        return 1 / xx;
    }

    public int size() { return micro.length; }
    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public int voxels() { return nx * ny * nz; }
    public String source() { return source; }

    /** The phases of sample i as 0/1 floats (not to be modified). */
    public float[] micro(int i) { return micro[i]; }

    /** eps_xx / E_xx of sample i (not to be modified). */
    public float[] target(int i) { return target[i]; }

    /** The phases of sample i as bytes (for the MKS baseline and figures). */
    public byte[] phases(int i) {
        byte[] b = new byte[voxels()];
        for (int v = 0; v < b.length; v++) b[v] = (byte) micro[i][v];
        return b;
    }

    /** Microstructures of the samples {@code idx[from..to)} as one channels-last batch {@code [B, nx, ny, nz, 1]}. */
    public Tensor microBatch(int[] idx, int from, int to) {
        return batch(micro, idx, from, to, null);
    }

    /** As {@link #microBatch(int[], int, int)}, each sample b mapped by {@code maps[b]} ({@link Symmetry}). */
    public Tensor microBatch(int[] idx, int from, int to, Symmetry[] maps) {
        return batch(micro, idx, from, to, maps);
    }

    /** Targets of the samples {@code idx[from..to)} as one batch {@code [B, nx, ny, nz, 1]}. */
    public Tensor targetBatch(int[] idx, int from, int to) {
        return batch(target, idx, from, to, null);
    }

    /** As {@link #targetBatch(int[], int, int)}, each sample b mapped by {@code maps[b]}: the same map as its microstructure's. */
    public Tensor targetBatch(int[] idx, int from, int to, Symmetry[] maps) {
        return batch(target, idx, from, to, maps);
    }

    private Tensor batch(float[][] src, int[] idx, int from, int to, Symmetry[] maps) {
        int v = voxels();
        Tensor t = Tensor.zeros(Precision.FLOAT, to - from, nx, ny, nz, 1);
        float[] dst = t.floats();
        for (int b = from; b < to; b++) {
            if (maps == null) System.arraycopy(src[idx[b]], 0, dst, (b - from) * v, v);
            else maps[b].apply(src[idx[b]], dst, (b - from) * v, nx, ny, nz);
        }
        return t;
    }

    /** The identity order 0..n-1. */
    public int[] inOrder() {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return idx;
    }

    /** The samples [from, to) as a set of their own (sharing the storage). */
    public TrainingData range(int from, int to) {
        if (from < 0 || to > size() || from >= to) throw new IllegalArgumentException("samples [" + from + ", " + to + ") of " + size());
        return new TrainingData(nx, ny, nz, java.util.Arrays.copyOfRange(micro, from, to), java.util.Arrays.copyOfRange(target, from, to),
                source + " [" + from + ", " + to + ")");
    }
}
