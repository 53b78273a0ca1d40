package rln.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import rln.autodiff.ActivationOps;
import rln.autodiff.ArithmeticOps;
import rln.autodiff.Conv2dOps;
import rln.autodiff.DenseOps;
import rln.autodiff.GatherOps;
import rln.autodiff.LossOps;
import rln.autodiff.NoGrad;
import rln.autodiff.Parameter;
import rln.autodiff.PenaltyOps;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The comparison deep-learning model of the paper's table: the CNN of Yang et al. (Acta Materialia 166 (2019);
 * layers: {@link CnnArchitecture}), which predicts one voxel's eps_xx from its periodic 11^3 neighbourhood.
 * As in their code: inputs are the phases shifted by {@link #INPUT_SHIFT} (0/1 -> -0.5/0.5), the network's output
 * is the label scaled by {@link #LABEL_SCALE}, weights start Glorot-normal (Keras 2: truncated at 2 sigma), biases 0.
 * <ul>
 * <li>Training ({@link #trainingStep}): a batch of voxels, each with its patch gathered from its microstructure;
 *     loss = MSE(output, LABEL_SCALE eps_xx) + lambda sum ||kernel||^2 (Keras's l2 on every kernel).</li>
 * <li>Full-field inference ({@link #predict}): the two convolutions are run once over the periodic field, not once
 *     per patch, since neighbouring patches share their outputs: conv1's output at (x, y, z) is the same number for
 *     every patch that contains it. Field by field:
 * <pre>
 *   G1(x,y,z) = b1 + sum_{a,e<k, c<s} m'(x+a, y+e, z+c-h) w1[a,e,c]        (h = s/2; m' = m - 0.5; periodic)
 *   G2(x,y,z) = b2 + sum_{a,e<k} relu(G1)(x+a, y+e, z) w2[a,e]
 *   eps(i,j,l) = dense3(relu(dense2(relu(dense1( [relu(G2)(i+p-h, j+q-h, l)]_{p,q < s2} ))))) / LABEL_SCALE
 * </pre>
 *     which is exactly the patch computation (conv1's output at patch position (p, q) is G1(i+p-h, j+q-h, l)).
 *     Per voxel the convolutions then cost 2 k^2 (s c1 + c1 c2) FLOPs instead of 2 (s1^2 k^2 s c1 + s2^2 k^2 c1 c2);
 *     the dense layers, whose input is a different window for every voxel, still cost {@link CnnArchitecture#denseFlops()}.</li>
 * </ul>
 * Axis convention: x (array axis 0, the loading direction) and y are the 2D grid of the convolutions, z their channels.
 */
public final class ComparisonCnn implements LocalizationModel {
    /** Labels are 1e4 x the strain in Yang et al.'s code; their applied strain is 1e-3, so 10 x eps_xx / E_xx here. */
    public static final double LABEL_SCALE = 10;
    /** Phases 0/1 become -0.5/0.5 (their code: "normalize input data from (0,1) to (-0.5,0.5)"). */
    public static final double INPUT_SHIFT = -0.5;
    /** Yang et al.'s L2 coefficient at contrast 10 (5e-4 at contrast 50). */
    public static final double L2_C10 = 1e-4, L2_C50 = 5e-4;

    private final CnnArchitecture arch;
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final Precision precision;
    private final Map<String, Object> provenance = new LinkedHashMap<>();

    /** A model with these parameter values (names and shapes of {@link CnnArchitecture#shapes()}, one precision). */
    ComparisonCnn(CnnArchitecture arch, Map<String, Tensor> values) {
        this.arch = arch;
        Map<String, int[]> shapes = arch.shapes();
        if (!values.keySet().equals(shapes.keySet()))
            throw new IllegalArgumentException("the CNN's parameters are " + shapes.keySet() + ", given " + values.keySet());
        this.precision = values.values().iterator().next().precision();
        for (var e : shapes.entrySet()) {
            Tensor t = values.get(e.getKey());
            if (!java.util.Arrays.equals(t.shape(), e.getValue()))
                throw new IllegalArgumentException(e.getKey() + ": shape " + java.util.Arrays.toString(t.shape()) + ", expected " + java.util.Arrays.toString(e.getValue()));
            if (t.precision() != precision) throw new IllegalArgumentException("parameters of mixed precision");
            params.put(e.getKey(), new Parameter(e.getKey(), t));
        }
    }

    /**
     * A fresh model from {@code seed}: kernels Glorot-normal as Keras 2 draws them (normal with
     * sigma = sqrt(2 / (fan_in + fan_out)) / 0.8796..., redrawn outside 2 sigma; fans include the receptive field), biases 0.
     */
    public static ComparisonCnn initialized(CnnArchitecture arch, Precision precision, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (var e : arch.shapes().entrySet()) {
            int[] s = e.getValue();
            Tensor t = Tensor.zeros(precision, s);
            if (e.getKey().endsWith(".kernel")) {
                int receptive = 1;
                for (int i = 0; i < s.length - 2; i++) receptive *= s[i];
                double fanIn = (double) receptive * s[s.length - 2], fanOut = (double) receptive * s[s.length - 1];
                double sigma = Math.sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978;
                for (int i = 0; i < t.size(); i++) {
                    double z;
                    do z = rnd.nextGaussian(); while (Math.abs(z) > 2);
                    t.set(i, sigma * z);
                }
            }
            values.put(e.getKey(), t);
        }
        ComparisonCnn m = new ComparisonCnn(arch, values);
        m.provenance.put("initialization", "Glorot normal (Keras 2: truncated at 2 sigma), biases 0");
        m.provenance.put("seed", seed);
        return m;
    }

    public CnnArchitecture architecture() {
        return arch;
    }

    public Precision precision() {
        return precision;
    }

    /** Where the parameters came from (written to model.json): a live, modifiable map. */
    public Map<String, Object> provenance() {
        return provenance;
    }

    /** The same model with its parameters copied in {@code p} (DOUBLE runs the reference kernels). */
    public ComparisonCnn to(Precision p) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Parameter q : parameters()) values.put(q.name(), q.value().to(p));
        ComparisonCnn m = new ComparisonCnn(arch, values);
        m.provenance.putAll(provenance);
        return m;
    }

    @Override
    public String kind() {
        return ModelKind.CNN.id;
    }

    @Override
    public int passes() {
        return 1;
    }

    @Override
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(new ArrayList<>(params.values()));
    }

    /** The kernels (what the L2 penalty covers), in order. */
    public List<Parameter> kernels() {
        return params.values().stream().filter(p -> p.name().endsWith(".kernel")).toList();
    }

    private Parameter p(String name) {
        return params.get(name);
    }

    /** The network on patches [P, s, s, s] of shifted phases: output [P, 1] (LABEL_SCALE x eps_xx / E_xx). */
    public Var forward(Var patches) {
        Var h = ActivationOps.relu(Conv2dOps.conv2d(patches, p("conv1.kernel"), p("conv1.bias")));
        h = ActivationOps.relu(Conv2dOps.conv2d(h, p("conv2.kernel"), p("conv2.bias")));
        return head(h);
    }

    /** dense1 (on the flattened conv2 output), dense2, dense3. */
    private Var head(Var h) {
        h = ActivationOps.relu(DenseOps.dense(h, p("dense1.kernel"), p("dense1.bias")));
        h = ActivationOps.relu(DenseOps.dense(h, p("dense2.kernel"), p("dense2.bias")));
        return DenseOps.dense(h, p("dense3.kernel"), p("dense3.bias"));
    }

    /** The patches of {@code voxels} (flat indices into micro [S,nx,ny,nz,1]): shifted phases, periodic, [P, s, s, s]. */
    public Var patches(Tensor micro, int[] voxels) {
        checkMicro(micro);
        Var shifted = ArithmeticOps.addScalar(Var.constant(inPrecision(micro)), INPUT_SHIFT);
        int s = arch.patch();
        return GatherOps.periodicNeighbourhoods(shifted, voxels, GatherOps.cube(s), s, s, s);
    }

    /** The losses of one training step: the data term and the penalty. */
    public record StepLoss(double mse, double penalty) {}

    /**
     * One training step's loss and gradients (+= into each parameter's grad): the patches of {@code voxels} in
     * {@code micro} [S,nx,ny,nz,1], their targets eps_xx / E_xx {@code labels} [P],
     * loss = (1/P) sum_r (out_r - LABEL_SCALE label_r)^2 + lambda sum_kernels ||w||^2.
     */
    public StepLoss trainingStep(Tensor micro, int[] voxels, float[] labels, double lambda) {
        if (labels.length != voxels.length) throw new IllegalArgumentException(voxels.length + " voxels but " + labels.length + " labels");
        try (Tape tape = Tape.open()) {
            Var out = forward(patches(micro, voxels));
            Tensor t = Tensor.zeros(precision, voxels.length, 1);
            for (int r = 0; r < labels.length; r++) t.set(r, LABEL_SCALE * labels[r]);
            Var mse = LossOps.mse(out, Var.constant(t));
            Var penalty = PenaltyOps.l2(lambda, kernels().toArray(new Var[0]));
            tape.backward(ArithmeticOps.add(mse, penalty));
            return new StepLoss(mse.item(), penalty.item());
        }
    }

    /** eps_xx / E_xx predicted at {@code voxels} of {@code micro} [S,nx,ny,nz,1], patch by patch, in chunks (no graph). */
    public float[] predictVoxels(Tensor micro, int[] voxels) {
        float[] out = new float[voxels.length];
        int chunk = 256;
        for (int from = 0; from < voxels.length; from += chunk) {
            int[] part = java.util.Arrays.copyOfRange(voxels, from, Math.min(voxels.length, from + chunk));
            try (Tape tape = Tape.open(); NoGrad g = NoGrad.enter()) {
                Tensor y = forward(patches(micro, part)).value();
                for (int r = 0; r < part.length; r++) out[from + r] = (float) (y.get(r) / LABEL_SCALE);
            }
        }
        return out;
    }

    /** Full-field inference, sample by sample, sharing the convolutions between patches (class comment). */
    @Override
    public List<Tensor> predict(Tensor micro) {
        checkMicro(micro);
        Tensor m = inPrecision(micro);
        int S = micro.dim(0), nx = micro.dim(1), ny = micro.dim(2), nz = micro.dim(3), V = nx * ny * nz;
        Tensor out = Tensor.zeros(micro.precision(), micro.shape());
        Tensor shifted;
        try (NoGrad g = NoGrad.enter()) {
            shifted = ArithmeticOps.addScalar(Var.constant(m), INPUT_SHIFT).value();
        }
        int[] all = new int[V];
        for (int v = 0; v < V; v++) all[v] = v;
        for (int s = 0; s < S; s++) {
            int[] voxels = new int[V];
            for (int v = 0; v < V; v++) voxels[v] = s * V + v;
            Tensor r1 = FullField.stage(shifted, voxels, FullField.convTaps(arch.kernel(), arch.patch()), matrix(p("conv1.kernel")), p("conv1.bias"), true);
            Tensor r2 = FullField.stage(field(r1, nx, ny, nz), all, FullField.convTaps(arch.kernel(), 1), matrix(p("conv2.kernel")), p("conv2.bias"), true);
            Tensor e = FullField.head(field(r2, nx, ny, nz), all, FullField.windowTaps(arch.s2(), arch.patch() / 2), this::head);
            for (int v = 0; v < V; v++) out.set(s * V + v, e.get(v) / LABEL_SCALE);
        }
        return List.of(out);
    }

    /** Not how this model trains: it learns from sampled voxels ({@link #trainingStep}), not whole fields. */
    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute) {
        throw new UnsupportedOperationException("the comparison CNN trains on sampled voxels (rln.train.VoxelTrainer), not on whole fields");
    }

    /** A kernel [..., cin, cout] read as the matrix [prod(...) cin, cout] (a view of the same storage). */
    private static Var matrix(Parameter w) {
        int[] s = w.shape();
        int cols = s[s.length - 1], rows = w.value().size() / cols;
        Tensor t = w.value().isDouble() ? Tensor.wrap(w.value().doubles(), rows, cols) : Tensor.wrap(w.value().floats(), rows, cols);
        return Var.constant(t);
    }

    /** A [V, C] stage output as the field [1, nx, ny, nz, C] (same storage). */
    private static Tensor field(Tensor rows, int nx, int ny, int nz) {
        int C = rows.dim(1);
        return rows.isDouble() ? Tensor.wrap(rows.doubles(), 1, nx, ny, nz, C) : Tensor.wrap(rows.floats(), 1, nx, ny, nz, C);
    }

    private Tensor inPrecision(Tensor micro) {
        return micro.precision() == precision ? micro : micro.to(precision);
    }

    private void checkMicro(Tensor micro) {
        if (micro.rank() != 5 || micro.channels() != 1)
            throw new IllegalArgumentException("microstructures must be [N, nx, ny, nz, 1], got " + java.util.Arrays.toString(micro.shape()));
    }
}
