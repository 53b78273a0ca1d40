package rln.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import rln.autodiff.Parameter;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.Json;
import rln.io.Npy;
import rln.tensor.Tensor;

/**
 * The comparison CNN as a model directory, in the same format as the networks ({@link Models}):
 * <pre>
 *   model.json         format, kind "cnn", passes 1, architecture, label scale, input shift, parameter count, provenance
 *   conv1.kernel.npy   one float32 tensor per parameter in Keras's layout (conv kernels [kh, kw, cin, cout],
 *   ...                dense kernels [in, out], biases [n]), so Keras's set_weights can take them in order
 * </pre>
 * About 112 MB for the paper's sizes. Written atomically (a temporary sibling directory, renamed).
 */
final class CnnFiles {
    private CnnFiles() {}

    static void save(ComparisonCnn model, Path dir, Map<String, Object> extraProvenance) throws IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
        AtomicFiles.shareable(tmp, "rwxr-xr-x");
        boolean done = false;
        try {
            for (Parameter p : model.parameters()) {
                Tensor v = p.value().isDouble() ? p.value().to(rln.tensor.Precision.FLOAT) : p.value();
                Npy.writeFloats(tmp.resolve(p.name() + ".npy"), v.floats(), v.shape());
            }
            Map<String, Object> provenance = new LinkedHashMap<>(model.provenance());
            provenance.putAll(extraProvenance);
            AtomicFiles.writeString(tmp.resolve(Models.MODEL_JSON), Json.write(description(model, provenance)));
            Models.replaceDirectory(tmp, abs);
            done = true;
        } finally {
            if (!done) AtomicFiles.deleteTree(tmp);
        }
    }

    static Map<String, Object> description(ComparisonCnn model, Map<String, Object> provenance) {
        CnnArchitecture a = model.architecture();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", Models.FORMAT);
        m.put("format_version", 1);
        m.put("kind", ModelKind.CNN.id);
        m.put("passes", 1);
        m.put("architecture", a.describe());
        m.put("architecture_note", "Yang et al., Acta Materialia 166 (2019): the periodic patch^3 neighbourhood of a voxel (x, y the 2D grid,"
                + " z the channels) -> conv k x k valid + ReLU -> conv k x k valid + ReLU -> flatten -> dense + ReLU -> dense + ReLU -> dense 1");
        m.put("label_scale", ComparisonCnn.LABEL_SCALE);
        m.put("input_shift", ComparisonCnn.INPUT_SHIFT);
        m.put("parameters", model.parameterCount());
        m.put("tensor_layout", "one float32 .npy per parameter in Keras layout: conv kernels [kh,kw,cin,cout], dense kernels [in,out], biases [n]");
        m.put("flops_per_voxel_full_field", a.flopsPerVoxelShared());
        m.put("flops_per_voxel_dense_layers", a.denseFlops());
        m.put("project_version", rln.util.ProjectVersion.get());
        m.put("provenance", provenance);
        return m;
    }

    /** The model a parsed model.json of kind "cnn" describes; {@code read} finds a parameter's array by name. */
    static ComparisonCnn fromDescription(Object jsonFile, Map<String, Object> m, Function<String, Npy.Array> read) {
        if (!(m.get("architecture") instanceof Map<?, ?> a))
            throw InputException.of(jsonFile, "kind \"cnn\" needs an \"architecture\" object (patch, kernel, conv1, conv2, dense1, dense2)");
        CnnArchitecture arch;
        try {
            arch = new CnnArchitecture(size(jsonFile, a, "patch"), size(jsonFile, a, "kernel"), size(jsonFile, a, "conv1"), size(jsonFile, a, "conv2"),
                    size(jsonFile, a, "dense1"), size(jsonFile, a, "dense2"));
        } catch (IllegalArgumentException e) {
            throw InputException.of(jsonFile, "\"architecture\": " + e.getMessage());
        }
        if (!Double.valueOf(ComparisonCnn.LABEL_SCALE).equals(number(m.get("label_scale"))) || !Double.valueOf(ComparisonCnn.INPUT_SHIFT).equals(number(m.get("input_shift"))))
            throw InputException.of(jsonFile, "\"label_scale\" and \"input_shift\" must be " + ComparisonCnn.LABEL_SCALE + " and " + ComparisonCnn.INPUT_SHIFT);
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (var e : arch.shapes().entrySet()) {
            Npy.Array arr = read.apply(e.getKey());
            if (arr.dtype != Npy.DType.F4) throw InputException.of(e.getKey() + ".npy", "dtype " + arr.dtype.descr + ", expected float32 (<f4)");
            if (!java.util.Arrays.equals(arr.shape, e.getValue()))
                throw InputException.of(e.getKey() + ".npy", "shape " + arr.shapeString() + ", expected " + Npy.shapeString(e.getValue()));
            float[] f = arr.toFloats();
            for (int j = 0; j < f.length; j++)
                if (!Float.isFinite(f[j])) throw InputException.of(e.getKey() + ".npy", "element " + j + " is not finite (" + f[j] + ")");
            values.put(e.getKey(), Tensor.wrap(f, e.getValue()));
        }
        ComparisonCnn cnn = new ComparisonCnn(arch, values);
        if (m.get("provenance") instanceof Map<?, ?> prov) prov.forEach((k, v) -> cnn.provenance().put(String.valueOf(k), v));
        return cnn;
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    private static int size(Object file, Map<?, ?> a, String key) {
        if (!(a.get(key) instanceof Long l) || l < 1 || l > 1 << 20) throw InputException.of(file, "\"architecture\".\"" + key + "\" must be a positive integer");
        return (int) (long) l;
    }
}
