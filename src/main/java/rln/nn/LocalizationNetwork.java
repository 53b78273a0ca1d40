package rln.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rln.autodiff.ArithmeticOps;
import rln.autodiff.LossOps;
import rln.autodiff.NoGrad;
import rln.autodiff.Parameter;
import rln.autodiff.ReductionOps;
import rln.autodiff.ShapeOps;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * FLN, RLN-t and RLN (METHOD.md section 4): the Lippmann-Schwinger iteration eps^(k+1) = E - Gamma0 * (C' : eps^k)
 * unrolled, with the Green-operator term replaced by a {@link ProximalNetwork}. With the strain normalized to
 * mean 1 and m0, m1 the soft and stiff phase indicators:
 * <pre>
 *   y_0 = 1,  y_-1 = y_-2 = 0
 *   input_k = concat(m0 y_k, m1 y_k, m0 y_(k-1), m1 y_(k-1), m0 y_(k-2), m1 y_(k-2))    (6 channels)
 *   p_k     = net_k(input_k)
 *   y_(k+1) = 1 + p_k - mean(p_k)          (Gamma0(0) = 0: the average strain stays E)
 * </pre>
 * The mean is taken per sample, or over the whole batch tensor when {@code batchMean} (the authors' code, with
 * which the published weights were trained). net_k is one network for FLN and RLN-t and a separate one per pass
 * for RLN. Loss of a training step (every pass supervised):
 * <pre>
 *   L = (1/P) sum_k 100 sqrt(MSE(y_k, target)) / mean(target)
 * </pre>
 * Tensors are channels-last [N, nx, ny, nz, 1], axis 1 = x (the loading direction); a model with
 * {@link InputAxes#ZYX} (imported from the authors) transposes each sample in and its outputs back.
 */
public final class LocalizationNetwork implements LocalizationModel {
    private final ModelKind kind;
    private final int passes;
    private final boolean batchMean;
    private final InputAxes axes;
    private final List<ProximalNetwork> networks;
    private final Precision precision;
    /** Where the parameters came from (written to model.json): initialization seed, import source, training run. */
    private final Map<String, Object> provenance = new LinkedHashMap<>();

    /**
     * A model whose parameters are {@code values} (our layout, names with their prefixes, see {@link #prefix}).
     *
     * @throws IllegalArgumentException if a parameter is missing, misshaped, of mixed precision, or unknown
     */
    LocalizationNetwork(ModelKind kind, int passes, boolean batchMean, InputAxes axes, Map<String, Tensor> values) {
        kind.checkPasses(passes);
        this.kind = kind;
        this.passes = passes;
        this.batchMean = batchMean;
        this.axes = axes;
        List<ProximalNetwork> nets = new ArrayList<>();
        for (int i = 0; i < kind.networks(passes); i++) nets.add(new ProximalNetwork(prefix(kind, i), values));
        this.networks = Collections.unmodifiableList(nets);
        if (values.size() != nets.size() * ProximalNetwork.localNames().size())
            throw new IllegalArgumentException(values.size() + " tensors given, the " + kind.id + " model has "
                    + nets.size() * ProximalNetwork.localNames().size() + ": " + values.keySet());
        this.precision = values.values().iterator().next().precision();
        for (Tensor t : values.values())
            if (t.precision() != precision) throw new IllegalArgumentException("parameters of mixed precision");
    }

    /** A freshly initialized model: PyTorch's default initialization from {@code seed}, network by network. */
    static LocalizationNetwork initialized(ModelKind kind, int passes, boolean batchMean, Precision precision, long seed) {
        kind.checkPasses(passes);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (int i = 0; i < kind.networks(passes); i++) values.putAll(ProximalNetwork.initialValues(prefix(kind, i), precision, rnd));
        LocalizationNetwork net = new LocalizationNetwork(kind, passes, batchMean, InputAxes.XYZ, values);
        net.provenance.put("initialization", "PyTorch default (kaiming_uniform a=sqrt(5), PReLU 0.25)");
        net.provenance.put("seed", seed);
        return net;
    }

    /**
     * The prefix of network {@code i}'s parameter names: "model." (the authors' state dict of FLN and RLN-t),
     * "models.i." for the untied RLN (as a PyTorch nn.ModuleList called {@code models} would name them).
     */
    static String prefix(ModelKind kind, int i) {
        return kind == ModelKind.RLN ? "models." + i + "." : "model.";
    }

    /** The same model with its parameters copied in {@code p} (DOUBLE runs the scalar reference path). */
    LocalizationNetwork to(Precision p) {
        LocalizationNetwork net = new LocalizationNetwork(kind, passes, batchMean, axes, tensors(p));
        net.provenance.putAll(provenance);
        return net;
    }

    /** The same parameters (shared, not copied) with another number of passes (RLN-t) or mean rule. */
    LocalizationNetwork with(int passes, boolean batchMean) {
        if (kind == ModelKind.RLN && passes != this.passes) throw new IllegalArgumentException("an RLN has one network per pass");
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Parameter q : parameters()) values.put(q.name(), q.value());
        LocalizationNetwork net = new LocalizationNetwork(kind, passes, batchMean, axes, values);
        net.provenance.putAll(provenance);
        return net;
    }

    /** Copies of the parameter values, by name, in precision {@code p}. */
    Map<String, Tensor> tensors(Precision p) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Parameter q : parameters()) values.put(q.name(), q.value().to(p));
        return values;
    }

    /** The provenance entries written to model.json (a live, modifiable map, in insertion order). */
    public Map<String, Object> provenance() {
        return provenance;
    }

    @Override
    public String kind() {
        return kind.id;
    }

    public ModelKind modelKind() {
        return kind;
    }

    @Override
    public int passes() {
        return passes;
    }

    @Override
    public boolean batchMean() {
        return batchMean;
    }

    public InputAxes inputAxes() {
        return axes;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (ProximalNetwork n : networks) all.addAll(n.parameters());
        return all;
    }

    /** The network of pass k (0-based). */
    ProximalNetwork network(int k) {
        return networks.size() == 1 ? networks.get(0) : networks.get(k);
    }

    /**
     * Pass k (0-based): y_(k+1) = 1 + p_k - mean(p_k), p_k = net_k(input_k), from y = y_k, y1 = y_(k-1),
     * y2 = y_(k-2) and the phase indicators m0, m1 (all [N,D,H,W,1], in the network's axes).
     */
    Var pass(int k, Var m0, Var m1, Var y, Var y1, Var y2) {
        Var input = ShapeOps.concatChannels(ArithmeticOps.mul(m0, y), ArithmeticOps.mul(m1, y), ArithmeticOps.mul(m0, y1),
                ArithmeticOps.mul(m1, y1), ArithmeticOps.mul(m0, y2), ArithmeticOps.mul(m1, y2));
        Var p = network(k).forward(input);
        Var mean = batchMean ? ReductionOps.mean(p) : ReductionOps.meanPerSample(p);
        return ArithmeticOps.addScalar(ArithmeticOps.sub(p, mean), 1);
    }

    /** The loss of one pass: 100 sqrt(MSE(y_k, target)) / mean(target). */
    static Var passLoss(Var y, Var target, double meanTarget) {
        return ArithmeticOps.mulScalar(ArithmeticOps.sqrt(LossOps.mse(y, target)), 100 / meanTarget);
    }

    /** The stiff-phase indicator m1 in the network's axes and precision; checks the shape [N,D,H,W,1]. */
    private Tensor stiff(Tensor micro) {
        if (micro.rank() != 5 || micro.channels() != 1)
            throw new IllegalArgumentException("microstructures must be [N, nx, ny, nz, 1], got " + java.util.Arrays.toString(micro.shape()));
        ProximalNetwork.padAfter(micro.shape());
        return axes.toNetwork(micro.precision() == precision ? micro : micro.to(precision));
    }

    /** m0 = 1 - m1. */
    private static Tensor soft(Tensor m1) {
        Tensor m0 = Tensor.zeros(m1.precision(), m1.shape());
        for (int i = 0; i < m0.size(); i++) m0.set(i, 1 - m1.get(i));
        return m0;
    }

    private static Tensor filled(Precision p, int[] shape, double v) {
        Tensor t = Tensor.zeros(p, shape);
        if (v != 0) t.fill(v);
        return t;
    }

    @Override
    public List<Tensor> predict(Tensor micro) {
        Tensor m1t = stiff(micro);
        Var m1 = Var.constant(m1t), m0 = Var.constant(soft(m1t));
        Tensor zero = filled(precision, m1t.shape(), 0);
        List<Tensor> y = new ArrayList<>(List.of(zero, zero, filled(precision, m1t.shape(), 1))); // y_-2, y_-1, y_0
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < passes; k++) {
            Tensor next;
            try (Tape tape = Tape.open(); NoGrad g = NoGrad.enter()) { // pooled buffers, given back after each pass
                int last = y.size() - 1;
                next = pass(k, m0, m1, Var.constant(y.get(last)), Var.constant(y.get(last - 1)), Var.constant(y.get(last - 2)))
                        .value().copy();
            }
            y.add(next);
            out.add(axes.fromNetwork(next));
        }
        return out;
    }

    /**
     * The step's loss and gradients, computed pass by pass (one tape per pass). Pass k depends on the earlier
     * passes only through y_(k-1), y_(k-2), y_(k-3), which enter its tape as leaves. Backward runs the passes
     * in reverse; pass k's tape is seeded with
     * <pre>
     *   S_k = L_k / P + sum_v y_k[v] G_k[v],    G_k = dL/dy_k through the later passes (gathered from their leaves)
     * </pre>
     * so that dS_k/dtheta is pass k's share of dL/dtheta (the chain rule through the recurrence, split at the
     * y's). With {@code recompute} the forward keeps only the y's and each pass is recomputed (identically:
     * deterministic kernels) right before its backward, so at most one pass's graph is alive; without it all
     * P tapes stay open from forward to backward. The arithmetic of the backward is the same in both modes.
     */
    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute) {
        Tensor m1t = stiff(micro);
        if (!java.util.Arrays.equals(target.shape(), micro.shape()))
            throw new IllegalArgumentException("target " + java.util.Arrays.toString(target.shape()) + " and microstructures "
                    + java.util.Arrays.toString(micro.shape()) + " differ in shape");
        Tensor tt = axes.toNetwork(target.precision() == precision ? target : target.to(precision));
        double meanTarget = 0;
        for (int i = 0; i < tt.size(); i++) meanTarget += tt.get(i);
        meanTarget /= tt.size();
        Var m1 = Var.constant(m1t), m0 = Var.constant(soft(m1t)), tv = Var.constant(tt);
        Tensor zero = filled(precision, m1t.shape(), 0);

        Tensor[] y = new Tensor[passes + 1];   // y[k] = y_k, k = 0..P
        y[0] = filled(precision, m1t.shape(), 1);
        Tape[] tapes = new Tape[passes + 1];
        Var[][] leaves = new Var[passes + 1][];
        Var[] outputs = new Var[passes + 1], losses = new Var[passes + 1];
        double[] passLosses = new double[passes];
        try {
            for (int k = 1; k <= passes; k++) {
                if (recompute) {
                    try (Tape tape = Tape.open(); NoGrad g = NoGrad.enter()) {
                        Var[] in = leaves(k, y, zero);
                        Var yk = pass(k - 1, m0, m1, in[0], in[1], in[2]);
                        passLosses[k - 1] = passLoss(yk, tv, meanTarget).item();
                        y[k] = yk.value().copy();
                    }
                } else {
                    tapes[k] = Tape.open();
                    leaves[k] = leaves(k, y, zero);
                    outputs[k] = pass(k - 1, m0, m1, leaves[k][0], leaves[k][1], leaves[k][2]);
                    losses[k] = passLoss(outputs[k], tv, meanTarget);
                    passLosses[k - 1] = losses[k].item();
                    y[k] = outputs[k].value();
                }
            }
            Tensor[] upstream = new Tensor[passes + 1]; // G_k
            for (int k = passes; k >= 1; k--) {
                if (recompute) {
                    tapes[k] = Tape.open();
                    leaves[k] = leaves(k, y, zero);
                    outputs[k] = pass(k - 1, m0, m1, leaves[k][0], leaves[k][1], leaves[k][2]);
                    losses[k] = passLoss(outputs[k], tv, meanTarget);
                }
                Var seed = ArithmeticOps.mulScalar(losses[k], 1.0 / passes);
                if (upstream[k] != null)
                    seed = ArithmeticOps.add(seed, ReductionOps.sum(ArithmeticOps.mul(outputs[k], Var.constant(upstream[k]))));
                tapes[k].backward(seed);
                for (int j = 0; j < 3; j++) { // leaves[k][j] is y_(k-1-j)
                    int earlier = k - 1 - j;
                    Tensor g = leaves[k][j].grad();
                    if (earlier < 1 || g == null) continue;
                    if (upstream[earlier] == null) upstream[earlier] = g;
                    else addInto(upstream[earlier], g);
                }
                tapes[k].close();
                tapes[k] = null;
            }
        } finally {
            for (int k = passes; k >= 1; k--) if (tapes[k] != null) tapes[k].close(); // after a failure: innermost first
        }
        double loss = 0;
        for (double l : passLosses) loss += l;
        return new StepResult(loss / passes, passLosses);
    }

    /** The leaves of pass k (1-based): y_(k-1), y_(k-2), y_(k-3); those that are outputs of earlier passes require a gradient. */
    private static Var[] leaves(int k, Tensor[] y, Tensor zero) {
        Var[] in = new Var[3];
        for (int j = 0; j < 3; j++) {
            int idx = k - 1 - j;
            in[j] = idx >= 1 ? Var.input(y[idx], true) : Var.constant(idx == 0 ? y[0] : zero);
        }
        return in;
    }

    /** a += b, elementwise (same shape and precision). */
    private static void addInto(Tensor a, Tensor b) {
        if (a.isDouble()) {
            double[] A = a.doubles(), B = b.doubles();
            for (int i = 0; i < A.length; i++) A[i] += B[i];
        } else {
            float[] A = a.floats(), B = b.floats();
            for (int i = 0; i < A.length; i++) A[i] += B[i];
        }
        a.markModified();
    }
}
