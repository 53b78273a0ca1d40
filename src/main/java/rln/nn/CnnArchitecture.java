package rln.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layer sizes of the comparison CNN (Yang et al., Acta Materialia 166 (2019) 335; public code
 * NU-CUCIS/Deep_learning_localization): the periodic {@code patch}^3 neighbourhood of a voxel, one axis of it
 * read as the channels of 2D convolutions, predicts that voxel's eps_xx:
 * <pre>
 *   patch [s, s, s]   (x, y: the 2D grid; z: s input channels)
 *   conv1  k x k, s -> c1, valid, ReLU        [s1, s1, c1],  s1 = s - k + 1
 *   conv2  k x k, c1 -> c2, valid, ReLU       [s2, s2, c2],  s2 = s1 - k + 1
 *   flatten                                   [s2 s2 c2]
 *   dense1 -> d1, ReLU;  dense2 -> d2, ReLU;  dense3 -> 1
 * </pre>
 * {@link #paper()}: s = 11, k = 3, c1 = 128, c2 = 256, d1 = 2048, d2 = 1024 (28,099,329 parameters). Smaller
 * sizes exist for tests.
 */
public record CnnArchitecture(int patch, int kernel, int conv1, int conv2, int dense1, int dense2) {

    public CnnArchitecture {
        if (patch < 1 || patch % 2 == 0) throw new IllegalArgumentException("patch must be odd and >= 1, got " + patch);
        if (kernel < 1 || patch - 2 * (kernel - 1) < 1)
            throw new IllegalArgumentException("kernel " + kernel + " leaves nothing of a " + patch + "^3 patch after two valid convolutions");
        if (conv1 < 1 || conv2 < 1 || dense1 < 1 || dense2 < 1) throw new IllegalArgumentException("layer widths must be >= 1");
    }

    /** Yang et al.'s sizes. */
    public static CnnArchitecture paper() {
        return new CnnArchitecture(11, 3, 128, 256, 2048, 1024);
    }

    /** Side of conv1's output grid. */
    public int s1() {
        return patch - kernel + 1;
    }

    /** Side of conv2's output grid. */
    public int s2() {
        return s1() - kernel + 1;
    }

    /** Inputs of dense1: the flattened conv2 output. */
    public int flat() {
        return s2() * s2() * conv2;
    }

    /** Parameter names and shapes in order (Keras layouts: conv kernels [kh, kw, cin, cout], dense kernels [in, out]). */
    public Map<String, int[]> shapes() {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("conv1.kernel", new int[] {kernel, kernel, patch, conv1});
        m.put("conv1.bias", new int[] {conv1});
        m.put("conv2.kernel", new int[] {kernel, kernel, conv1, conv2});
        m.put("conv2.bias", new int[] {conv2});
        m.put("dense1.kernel", new int[] {flat(), dense1});
        m.put("dense1.bias", new int[] {dense1});
        m.put("dense2.kernel", new int[] {dense1, dense2});
        m.put("dense2.bias", new int[] {dense2});
        m.put("dense3.kernel", new int[] {dense2, 1});
        m.put("dense3.bias", new int[] {1});
        return m;
    }

    public long parameterCount() {
        long n = 0;
        for (int[] s : shapes().values()) n += rln.tensor.Tensor.sizeOf(s);
        return n;
    }

    /** FLOPs (2 per multiply-add) of dense1, dense2 and dense3 for one voxel: what every voxel costs on its own. */
    public double denseFlops() {
        return 2.0 * ((double) flat() * dense1 + (double) dense1 * dense2 + dense2);
    }

    /** FLOPs of one patch on its own (training, or naive inference): both convolutions over the patch, then the dense layers. */
    public double flopsPerPatch() {
        double k2 = kernel * kernel;
        return 2.0 * ((double) s1() * s1() * k2 * patch * conv1 + (double) s2() * s2() * k2 * conv1 * conv2) + denseFlops();
    }

    /**
     * FLOPs per voxel of full-field inference: each convolution output is computed once per voxel of the periodic
     * field and shared by the s1^2 (conv1) or s2^2 (conv2) patches that contain it; the dense layers are not shared.
     */
    public double flopsPerVoxelShared() {
        double k2 = kernel * kernel;
        return 2.0 * (k2 * patch * conv1 + k2 * conv1 * conv2) + denseFlops();
    }

    /** The description written to model.json. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patch", patch);
        m.put("kernel", kernel);
        m.put("conv1", conv1);
        m.put("conv2", conv2);
        m.put("dense1", dense1);
        m.put("dense2", dense2);
        return m;
    }
}
