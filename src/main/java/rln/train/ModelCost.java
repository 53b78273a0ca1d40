package rln.train;

import rln.nn.ComparisonCnn;
import rln.nn.LocalizationModel;
import rln.nn.LocalizationNetwork;
import rln.nn.ProximalNetwork;
import rln.nn.StrainPredictor;

/**
 * What a model costs on one nx x ny x nz sample: its parameters and the floating-point operations of one
 * prediction (2 per multiply-add), the efficiency side of the paper's comparison.
 * <ul>
 * <li>FLN, RLN-t, RLN: passes x {@link ProximalNetwork#forwardFlops} (the convolutions; pointwise ops not counted).</li>
 * <li>The comparison CNN: voxels x {@link rln.nn.CnnArchitecture#flopsPerVoxelShared()} (full-field inference, the
 *     convolutions shared between patches; the dense layers are per voxel).</li>
 * <li>MKS: an estimate: one forward and one inverse real FFT at 2.5 V log2 V each, plus the complex product per wave
 *     vector (4 V); its parameters are the two influence kernels, 2 V numbers.</li>
 * </ul>
 */
public record ModelCost(long parameters, double flopsPerSample, String note) {

    public static ModelCost of(StrainPredictor model, int nx, int ny, int nz) {
        double V = (double) nx * ny * nz;
        if (model instanceof ComparisonCnn cnn)
            return new ModelCost(cnn.parameterCount(), V * cnn.architecture().flopsPerVoxelShared(),
                    String.format(java.util.Locale.ROOT, "dense layers %.1f MFLOP per voxel", cnn.architecture().denseFlops() / 1e6));
        if (model instanceof LocalizationNetwork net)
            return new ModelCost(net.parameterCount(), net.passes() * ProximalNetwork.forwardFlops(1, nx, ny, nz), "convolutions");
        if (model instanceof MksLocalization)
            return new ModelCost(2L * (long) V, 2 * 2.5 * V * Math.log(V) / Math.log(2) + 4 * V, "estimate: two real FFTs and a product");
        long p = model instanceof LocalizationModel m ? m.parameterCount() : 0;
        return new ModelCost(p, Double.NaN, "unknown");
    }

    /** "28,099,329 parameters, 1674.2 GFLOP per sample (dense layers 55.6 MFLOP per voxel)". */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%,d parameters, %.4g GFLOP per sample (%s)", parameters, flopsPerSample / 1e9, note);
    }
}
