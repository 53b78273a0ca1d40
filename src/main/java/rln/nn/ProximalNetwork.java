package rln.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import rln.autodiff.ActivationOps;
import rln.autodiff.ConvOps;
import rln.autodiff.Parameter;
import rln.autodiff.ShapeOps;
import rln.autodiff.Var;
import rln.kernels.ConvGeometry;
import rln.kernels.Padding;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * The proximal network of METHOD.md section 4 (the authors' "TinyVNet"): a small V-net that replaces the
 * Green-operator convolution Gamma0 * (C' : eps) of one Lippmann-Schwinger iteration. Channels-last
 * [N, D, H, W, C], on the periodic grid:
 * <pre>
 *   x0 = circular pad of the 6-channel input, 2 voxels before and 3 after per axis   (31 -> 36)
 *   a  = PReLU(conv 16->16 (PReLU(conv 6->16 (x0))))          conv_begin_1, conv_begin_2 (3^3, circular pad 1)
 *   d  = PReLU(conv 16->32, kernel 2, stride 2 (a))            down_block                 (36 -> 18)
 *   d  = PReLU(conv 32->32 (PReLU(conv 32->32 (d))))           conv_down_1, conv_down_2
 *   u  = PReLU(transposed conv 32->32, kernel 2, stride 2 (d)) up_block                   (18 -> 36)
 *   e  = conv 32->16 (PReLU(conv 48->32 (concat(u, a))))       conv_end_1, conv_end_2 (no activation)
 *   p  = crop of conv 16->1, kernel 1 (e): drop 2 leading, 3 trailing voxels per axis   (36 -> 31)
 * </pre>
 * 132,801 parameters, named as in the authors' PyTorch state dict after a prefix ("model." for FLN and
 * RLN-t; "models.k." for pass k of the untied RLN). Weights are stored channels-last ({@link TorchLayout}).
 * <p>
 * Other grids: the network is fully convolutional. A grid whose axes are all odd is padded 2 + 3 as the
 * authors' 31^3 is; one whose axes are all even is padded 2 + 2, so that the padded size is even for the
 * stride-2 down-sampling. Mixed parities are refused.
 */
public final class ProximalNetwork {
    /** Voxels of circular padding in front of every axis (the authors' value). */
    static final int PAD_BEFORE = 2;

    /** One convolution and the PReLU after it (null for none), with the authors' module names. */
    record Layer(String conv, String activation, int cin, int cout, int kernel, boolean transposed) {}

    /** The layers in order of use (= the authors' state-dict order). */
    static final List<Layer> LAYERS = List.of(
            new Layer("conv_begin_1.conv", "conv_begin_1.activ", 6, 16, 3, false),
            new Layer("conv_begin_2.conv", "conv_begin_2.activ", 16, 16, 3, false),
            new Layer("down_block.convdown", "down_block.activ_down", 16, 32, 2, false),
            new Layer("conv_down_1.conv", "conv_down_1.activ", 32, 32, 3, false),
            new Layer("conv_down_2.conv", "conv_down_2.activ", 32, 32, 3, false),
            new Layer("up_block.conv_up", "up_block.activ_up", 32, 32, 2, true),
            new Layer("conv_end_1.conv", "conv_end_1.activ", 48, 32, 3, false),
            new Layer("conv_end_2.conv", null, 32, 16, 3, false),
            new Layer("output_block.convflat", null, 16, 1, 1, false));

    /** Parameters of one network: 132,801 (METHOD.md section 4). */
    public static final int PARAMETER_COUNT = 132_801;

    private final String prefix;
    private final Map<String, Parameter> byLocalName = new LinkedHashMap<>();

    /** A network whose parameters are {@code values} (our layout), keyed by their full names (prefix + local name). */
    ProximalNetwork(String prefix, Map<String, Tensor> values) {
        this.prefix = prefix;
        for (String local : localNames()) {
            Tensor t = values.get(prefix + local);
            if (t == null) throw new IllegalArgumentException("missing parameter " + prefix + local);
            int[] expected = shape(local);
            if (!java.util.Arrays.equals(t.shape(), expected))
                throw new IllegalArgumentException(prefix + local + ": shape " + java.util.Arrays.toString(t.shape())
                        + ", expected " + java.util.Arrays.toString(expected));
            byLocalName.put(local, new Parameter(prefix + local, t));
        }
    }

    /** The parameter names without prefix, in state-dict order. */
    static List<String> localNames() {
        List<String> names = new ArrayList<>();
        for (Layer l : LAYERS) {
            names.add(l.conv() + ".weight");
            names.add(l.conv() + ".bias");
            if (l.activation() != null) names.add(l.activation() + ".weight");
        }
        return names;
    }

    /** The shape (our layout) of the parameter called {@code local}. */
    static int[] shape(String local) {
        for (Layer l : LAYERS) {
            int k = l.kernel();
            if (local.equals(l.conv() + ".weight"))
                return l.transposed() ? new int[] {k, k, k, l.cout(), l.cin()} : new int[] {k, k, k, l.cin(), l.cout()};
            if (local.equals(l.conv() + ".bias")) return new int[] {l.cout()};
            if (l.activation() != null && local.equals(l.activation() + ".weight")) return new int[] {l.cout()};
        }
        throw new IllegalArgumentException("no parameter " + local + " in the proximal network");
    }

    /**
     * PyTorch's default initialization, drawn from {@code rnd} in state-dict order:
     * <pre>
     *   Conv3d / ConvTranspose3d weight, bias ~ U(-1/sqrt(fan_in), +1/sqrt(fan_in))
     *       (kaiming_uniform with a = sqrt(5); fan_in = weight.size(1) * k^3 in PyTorch's layout, i.e.
     *        cin * k^3 for a convolution and cout * k^3 for a transposed one, whose PyTorch weight is [Ci, Co, k, k, k])
     *   PReLU slope = 0.25
     * </pre>
     */
    static Map<String, Tensor> initialValues(String prefix, Precision precision, SplittableRandom rnd) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (Layer l : LAYERS) {
            int k3 = l.kernel() * l.kernel() * l.kernel();
            int fanIn = (l.transposed() ? l.cout() : l.cin()) * k3;
            double bound = 1 / Math.sqrt(fanIn);
            values.put(prefix + l.conv() + ".weight", uniform(precision, rnd, bound, shape(l.conv() + ".weight")));
            values.put(prefix + l.conv() + ".bias", uniform(precision, rnd, bound, l.cout()));
            if (l.activation() != null) {
                Tensor slope = Tensor.zeros(precision, l.cout());
                slope.fill(0.25);
                values.put(prefix + l.activation() + ".weight", slope);
            }
        }
        return values;
    }

    private static Tensor uniform(Precision p, SplittableRandom rnd, double bound, int... shape) {
        Tensor t = Tensor.zeros(p, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, rnd.nextDouble(-bound, bound));
        return t;
    }

    /** The prefix of this network's parameter names ("model." or "models.k."). */
    public String prefix() {
        return prefix;
    }

    /** The parameters in state-dict order. */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(new ArrayList<>(byLocalName.values()));
    }

    private Parameter p(String local) {
        return byLocalName.get(local);
    }

    /** conv (or transposed conv) of layer {@code l}, then its PReLU if it has one. */
    private Var layer(Layer l, Var x) {
        Var w = p(l.conv() + ".weight"), b = p(l.conv() + ".bias");
        Var y;
        if (l.transposed()) y = ConvOps.convTranspose3d(x, w, b, 2, 0);
        else if (l.kernel() == 3) y = ConvOps.conv3d(x, w, b, 1, 1, Padding.CIRCULAR);
        else if (l.kernel() == 2) y = ConvOps.conv3d(x, w, b, 2, 0, Padding.ZERO);
        else y = ConvOps.conv3d(x, w, b, 1, 0, Padding.ZERO);
        return l.activation() == null ? y : ActivationOps.prelu(y, p(l.activation() + ".weight"));
    }

    /** The grids the network takes: axes all odd or all even (its down-sampling halves the padded grid). */
    public static boolean acceptsGrid(int nx, int ny, int nz) {
        return nx % 2 == ny % 2 && ny % 2 == nz % 2;
    }

    /** Voxels of circular padding behind every axis: 3 for odd axes (31 -> 36), 2 for even ones. */
    static int padAfter(int[] shape) {
        boolean odd = shape[1] % 2 == 1;
        if (!acceptsGrid(shape[1], shape[2], shape[3]))
            throw new IllegalArgumentException("the proximal network needs grid axes that are all odd or all even, got "
                    + shape[1] + "x" + shape[2] + "x" + shape[3]);
        return odd ? 3 : 2;
    }

    /**
     * The floating-point operations of one forward pass on {@code batch} grids nx x ny x nz: the convolutions'
     * 2 * multiply-adds ({@link ConvGeometry#flops()}; a transposed layer counts those of the convolution it
     * transposes). Pointwise ops are not counted. A training step does about 3x this per pass (forward,
     * backward-data, backward-weights).
     */
    public static double forwardFlops(int batch, int nx, int ny, int nz) {
        int after = padAfter(new int[] {batch, nx, ny, nz, 6});
        int d = nx + PAD_BEFORE + after, h = ny + PAD_BEFORE + after, w = nz + PAD_BEFORE + after;
        double flops = 0;
        int s = 1; // the grid of the current layer is (d, h, w) / s
        for (Layer l : LAYERS) {
            int k = l.kernel();
            if (l.transposed()) { // the convolution it transposes maps the finer grid (d, h, w) / (s/2) to this one
                s /= 2;
                flops += ConvGeometry.of(batch, d / s, h / s, w / s, l.cout(), l.cin(), k, k, 0, Padding.ZERO).flops();
            } else {
                int stride = k == 2 ? 2 : 1;
                flops += ConvGeometry.of(batch, d / s, h / s, w / s, l.cin(), l.cout(), k, stride, k == 3 ? 1 : 0,
                        k == 3 ? Padding.CIRCULAR : Padding.ZERO).flops();
                s *= stride;
            }
        }
        return flops;
    }

    /** p = net(input): input [N,D,H,W,6] -> [N,D,H,W,1] (the layer listing in the class comment). */
    public Var forward(Var input) {
        int after = padAfter(input.shape());
        Var x = ShapeOps.circularPad(input, PAD_BEFORE, after);
        Var a = layer(LAYERS.get(1), layer(LAYERS.get(0), x));  // 16 channels, kept for the skip connection
        Var d = layer(LAYERS.get(2), a);                         // down: half resolution, 32 channels
        d = layer(LAYERS.get(4), layer(LAYERS.get(3), d));
        Var u = layer(LAYERS.get(5), d);                         // up: full resolution again
        Var e = layer(LAYERS.get(7), layer(LAYERS.get(6), ShapeOps.concatChannels(u, a)));
        return ShapeOps.crop(layer(LAYERS.get(8), e), PAD_BEFORE, after);
    }
}
