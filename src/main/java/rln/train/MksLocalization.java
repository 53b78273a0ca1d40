package rln.train;

import java.util.List;
import rln.nn.StrainPredictor;
import rln.nn.mks.MksModel;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The first-order MKS baseline ({@link MksModel}) seen as a one-pass {@link StrainPredictor}, so that
 * {@link Evaluation} scores it exactly like the networks. It is fitted in closed form, not trained (it is no
 * {@link rln.nn.LocalizationModel}: nothing for the tape).
 */
public final class MksLocalization implements StrainPredictor {
    private final MksModel mks;

    public MksLocalization(MksModel mks) {
        this.mks = mks;
    }

    /** Fits the influence coefficients on every sample of {@code data} (least squares per wave vector). */
    public static MksLocalization fit(TrainingData data) {
        byte[][] micros = new byte[data.size()][];
        double[][] exx = new double[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            micros[i] = data.phases(i);
            float[] t = data.target(i);
            exx[i] = new double[t.length];
            for (int v = 0; v < t.length; v++) exx[i][v] = t[v];
        }
        return new MksLocalization(MksModel.fit(micros, exx, data.nx(), data.ny(), data.nz()));
    }

    public MksModel mks() {
        return mks;
    }

    @Override public String kind() { return "mks"; }
    @Override public int passes() { return 1; }

    /** eps_xx of each sample of the batch {@code [B, nx, ny, nz, 1]}, one pass. */
    @Override
    public List<Tensor> predict(Tensor micro) {
        int B = micro.dim(0), V = micro.size() / B;
        if (V != mks.nx() * mks.ny() * mks.nz() || micro.dim(1) != mks.nx() || micro.dim(2) != mks.ny())
            throw new IllegalArgumentException("MKS model is for " + mks.nx() + "x" + mks.ny() + "x" + mks.nz() + " grids, got " + java.util.Arrays.toString(micro.shape()));
        Tensor y = Tensor.zeros(Precision.FLOAT, micro.shape());
        for (int b = 0; b < B; b++) {
            byte[] phases = new byte[V];
            for (int v = 0; v < V; v++) phases[v] = (byte) Math.round(micro.get(b * V + v));
            System.arraycopy(mks.predictFloat(phases), 0, y.floats(), b * V, V);
        }
        return List.of(y);
    }
}
