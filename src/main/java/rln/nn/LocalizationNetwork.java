package rln.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rln.autodiff.ArithmeticOps;
import rln.autodiff.InputOps;
import rln.autodiff.LossOps;
import rln.autodiff.NoGrad;
import rln.autodiff.Parameter;
import rln.autodiff.ReductionOps;
import rln.autodiff.Tape;
import rln.autodiff.Var;
import rln.tensor.Precision;
import rln.tensor.Tensor;
import rln.util.Parallel;

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
 * (or, for the gradient only, a weighted sum of the same pass losses: {@link PassWeights}).
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
    /** The gradient copies of {@link #withGradientCopies} (empty until a data-parallel step needs them). */
    private final List<LocalizationNetwork> gradientCopies = new ArrayList<>();

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

    /**
     * This model followed by {@code count - 1} models that share its parameter values (read-only during a step) and
     * have gradients of their own, zeroed here: the private gradient buffers of a data-parallel step. Made once and
     * kept.
     */
    List<LocalizationNetwork> withGradientCopies(int count) {
        while (gradientCopies.size() < count - 1) gradientCopies.add(with(passes, batchMean));
        List<LocalizationNetwork> all = new ArrayList<>();
        all.add(this);
        for (LocalizationNetwork c : gradientCopies.subList(0, count - 1)) {
            for (Parameter q : c.parameters()) q.zeroGrad();
            all.add(c);
        }
        return all;
    }

    /** How many gradient copies a data-parallel step has made so far (for the tests). */
    int gradientCopyCount() {
        return gradientCopies.size();
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
        // concat(m0 y, m1 y, m0 y1, m1 y1, m0 y2, m1 y2), in one pass
        Var input = InputOps.phaseProducts(new Var[] {m0, m1}, new Var[] {y, y1, y2});
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
    static Tensor soft(Tensor m1) {
        Tensor m0 = Tensor.zeros(m1.precision(), m1.shape());
        for (int i = 0; i < m0.size(); i++) m0.set(i, 1 - m1.get(i));
        return m0;
    }

    @Override
    public List<Tensor> predict(Tensor micro) {
        Tensor m1t = stiff(micro);
        Var m1 = Var.constant(m1t), m0 = Var.constant(soft(m1t));
        Iterates y = new Iterates(precision, m1t.shape(), passes);
        List<Tensor> out = new ArrayList<>();
        for (int k = 0; k < passes; k++) {
            try (Tape tape = Tape.open(); NoGrad g = NoGrad.enter()) { // pooled buffers, given back after each pass
                Var[] in = y.inputs(k);
                y.set(k + 1, pass(k, m0, m1, in[0], in[1], in[2]).value().copy());
            }
            out.add(axes.fromNetwork(y.get(k + 1)));
        }
        return out;
    }

    /** The step's loss and gradients through the recurrence, pass by pass: {@link PassByPassBackward}. */
    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute) {
        return lossAndGradients(micro, target, recompute, Parallelism.LAYERS);
    }

    /**
     * {@inheritDoc} With {@link Parallelism#SAMPLES}, T = {@link Parallel#threads()} >= 2 and N >= 2 samples, the batch
     * runs as min(T, N) sub-batches side by side ({@link SampleSplitStep}); otherwise as one.
     *
     * @throws IllegalArgumentException for SAMPLES with the batch mean (it couples the samples' forward passes)
     */
    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute, Parallelism parallelism) {
        return lossAndGradients(micro, target, recompute, parallelism, null);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the weights are not one per pass
     */
    @Override
    public StepResult lossAndGradients(Tensor micro, Tensor target, boolean recompute, Parallelism parallelism, PassWeights weights) {
        if (weights != null && weights.passes() != passes)
            throw new IllegalArgumentException(weights.passes() + " pass weights for a model of " + passes + " passes");
        if (parallelism == Parallelism.SAMPLES && batchMean)
            throw new IllegalArgumentException("the batch mean couples the samples of a batch: it runs with the layers split only");
        Tensor m1t = stiff(micro);
        if (!java.util.Arrays.equals(target.shape(), micro.shape()))
            throw new IllegalArgumentException("target " + java.util.Arrays.toString(target.shape()) + " and microstructures "
                    + java.util.Arrays.toString(micro.shape()) + " differ in shape");
        Tensor tt = axes.toNetwork(target.precision() == precision ? target : target.to(precision));
        double meanTarget = 0;
        for (int i = 0; i < tt.size(); i++) meanTarget += tt.get(i);
        double mt = meanTarget / tt.size();
        int subBatches = parallelism == Parallelism.SAMPLES ? Math.min(Parallel.threads(), m1t.dim(0)) : 1;
        if (subBatches > 1) return SampleSplitStep.run(this, m1t, tt, mt, subBatches, recompute, weights);
        Var m1 = Var.constant(m1t), m0 = Var.constant(soft(m1t)), tv = Var.constant(tt);
        return PassByPassBackward.run(new Iterates(precision, m1t.shape(), passes), passes,
                (k, in) -> pass(k, m0, m1, in[0], in[1], in[2]), y -> passLoss(y, tv, mt),
                weights == null ? PassByPassBackward.meanOfPassLosses(passes) : PassByPassBackward.weightedPassLosses(weights), recompute);
    }

    /**
     * {@inheritDoc} One tape holds every pass, since m1 enters each of them directly and through the earlier
     * iterates; backward from sum(y_P * dJ/dy_P) leaves dJ/dm1 on the leaf m1, with m0 = 1 - m1 recorded on the
     * tape. The axis transposition of an imported model is a permutation, its own adjoint.
     */
    @Override
    public InputGradient inputGradient(Tensor micro, java.util.function.UnaryOperator<Tensor> upstream) {
        Tensor m1t = stiff(micro);
        try (Tape tape = Tape.open()) {
            Var m1 = Var.input(m1t, true), m0 = ArithmeticOps.addScalar(ArithmeticOps.mulScalar(m1, -1), 1);
            Iterates start = new Iterates(precision, m1t.shape(), passes);
            Var[] y = new Var[passes + 3]; // y[k + 2] = y_k, k = -2 .. P
            for (int k = -2; k <= 0; k++) y[k + 2] = Var.constant(start.get(k));
            for (int k = 0; k < passes; k++) y[k + 3] = pass(k, m0, m1, y[k + 2], y[k + 1], y[k]);
            Var last = y[passes + 2];
            Tensor prediction = axes.fromNetwork(last.value().copy());
            Tensor dJdy = axes.toNetwork(upstream.apply(prediction));
            tape.backward(ReductionOps.sum(ArithmeticOps.mul(last, Var.constant(dJdy.precision() == precision ? dJdy : dJdy.to(precision)))));
            return new InputGradient(prediction, axes.fromNetwork(m1.grad()));
        }
    }
}
