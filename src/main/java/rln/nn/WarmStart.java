package rln.nn;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import rln.autodiff.Parameter;

/**
 * Starting a model's training from another model's parameters instead of a fresh initialization: a model
 * trained on small cells finished on 31^3 (the network is fully convolutional, so the same weights run on
 * any grid), or an untied RLN started from a trained RLN-t. Each parameter takes the value of
 * <pre>
 *   the source parameter of the same name          FLN -> FLN, FLN -> RLN-t, RLN-t -> RLN-t, RLN -> RLN
 *   else, for network k of an RLN, "models.k.X":   the tied source network's "model.X"  (RLN-t or FLN -> RLN: every
 *                                                 pass starts as the shared network, then they are trained apart)
 * </pre>
 * The source must see its input as the target does (x = array axis 0, {@link InputAxes#XYZ}): the authors'
 * imported weights see it transposed and are refused.
 */
public final class WarmStart {
    private WarmStart() {}

    /**
     * Copies the values of {@code source} into {@code target}'s parameters (in place).
     *
     * @return a description of the source for the training record: its kind, passes and a SHA-256 of its
     *         parameter values (so a resumed run can check it started from the same numbers)
     * @throws IllegalArgumentException if a parameter has no counterpart or another shape, or the axes differ
     */
    public static String copy(LocalizationModel source, LocalizationModel target) {
        if (source instanceof LocalizationNetwork s && s.inputAxes() != InputAxes.XYZ)
            throw new IllegalArgumentException("the source model sees its input with the axes reversed (the authors' imported weights);"
                    + " a warm start needs a model trained here (x = axis 0)");
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : source.parameters()) byName.put(p.name(), p);
        for (Parameter p : target.parameters()) {
            Parameter from = byName.get(p.name());
            if (from == null && p.name().startsWith("models.")) from = byName.get("model." + p.name().substring(p.name().indexOf('.', 7) + 1));
            if (from == null)
                throw new IllegalArgumentException("the source " + source.kind() + " model has no parameter for " + p.name());
            if (!java.util.Arrays.equals(from.value().shape(), p.value().shape()))
                throw new IllegalArgumentException(p.name() + ": source shape " + java.util.Arrays.toString(from.value().shape())
                        + ", target " + java.util.Arrays.toString(p.value().shape()));
            p.value().copyFrom(from.value());
            p.value().markModified();
        }
        return source.kind() + ", " + source.passes() + " passes, parameters sha256 " + digest(source);
    }

    /** SHA-256 (first 16 hex digits) of the parameter values in order, as float bits. */
    static String digest(LocalizationModel m) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Parameter p : m.parameters()) {
                ByteBuffer b = ByteBuffer.allocate(8 * p.value().size());
                for (int i = 0; i < p.value().size(); i++) b.putDouble(p.value().get(i));
                md.update(b.array());
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
