package rln.nn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rln.autodiff.Parameter;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.Json;
import rln.io.Npy;
import rln.tensor.Precision;
import rln.tensor.Tensor;

/**
 * Creating, saving and loading localization models. A model is a directory:
 * <pre>
 *   model.json              kind, passes, batch_mean, input_axes, parameter count, layout notes, version, provenance
 *   &lt;name&gt;.npy              one float32 tensor per parameter, named and laid out as in the authors' PyTorch state
 *                           dict ({@link TorchLayout}), so that torch.load_state_dict can read the directory too
 * </pre>
 * Names: "model.conv_begin_1.conv.weight", ... for FLN and RLN-t (the authors' names); "models.k.conv_begin_1..."
 * for network k (pass k, 0-based) of the untied RLN. Directories are written atomically (a temporary sibling
 * directory, then renamed). Every problem with a directory a user gives is an {@link InputException} naming the
 * file and what was wrong.
 */
public final class Models {
    private Models() {}

    /** Names of the authors' published models shipped in the jar (resources rln/published/NAME/). */
    public static final List<String> PUBLISHED = List.of("FLN_c10", "FLN_c50", "RLN_t_c10", "RLN_t_c50");

    static final String MODEL_JSON = "model.json";
    static final String FORMAT = "rln-localization-model";

    /** A freshly initialized model (PyTorch's default initialization, from {@code seed}), float precision. */
    public static LocalizationModel create(String kind, int passes, boolean batchMean, long seed) {
        if (ModelKind.parse(kind) == ModelKind.CNN) {
            ModelKind.CNN.checkPasses(passes);
            return ComparisonCnn.initialized(CnnArchitecture.paper(), Precision.FLOAT, seed);
        }
        return LocalizationNetwork.initialized(ModelKind.parse(kind), passes, batchMean, Precision.FLOAT, seed);
    }

    /** Writes {@code model} to {@code dir} atomically (replacing a previous model there). */
    public static void save(LocalizationModel model, Path dir) throws IOException {
        save(model, dir, Map.of());
    }

    /** As {@link #save(LocalizationModel, Path)}, with extra provenance entries for model.json (e.g. the training run). */
    public static void save(LocalizationModel model, Path dir, Map<String, Object> extraProvenance) throws IOException {
        if (model instanceof ComparisonCnn cnn) {
            CnnFiles.save(cnn, dir, extraProvenance);
            return;
        }
        LocalizationNetwork net = (LocalizationNetwork) model;
        Path abs = dir.toAbsolutePath();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp-");
        AtomicFiles.shareable(tmp, "rwxr-xr-x");
        boolean done = false;
        try {
            for (Parameter p : net.parameters())
                Npy.writeFloats(tmp.resolve(p.name() + ".npy"), TorchLayout.toTorch(p.value()), TorchLayout.torchShape(p.value().shape()));
            Map<String, Object> provenance = new LinkedHashMap<>(net.provenance());
            provenance.putAll(extraProvenance);
            AtomicFiles.writeString(tmp.resolve(MODEL_JSON), Json.write(description(net, provenance)));
            replaceDirectory(tmp, abs);
            done = true;
        } finally {
            if (!done) AtomicFiles.deleteTree(tmp);
        }
    }

    /** The content of model.json. */
    static Map<String, Object> description(LocalizationNetwork net, Map<String, Object> provenance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", 1);
        m.put("kind", net.kind());
        m.put("passes", net.passes());
        m.put("networks", net.modelKind().networks(net.passes()));
        m.put("batch_mean", net.batchMean());
        m.put("mean_removal", net.batchMean() ? "p_k - mean over the whole batch tensor (the authors' code)" : "p_k - mean over each sample");
        m.put("input_axes", net.inputAxes().id);
        m.put("input_axes_note", net.inputAxes() == InputAxes.XYZ
                ? "the network sees each sample as stored: x (the loading direction of eps_xx) = array axis 0"
                : "the network sees each sample transposed (x,y,z)->(z,y,x), as the authors' networks saw their arrays"
                        + " (x on the last axis); its outputs are transposed back, so predictions are for a load along axis 0");
        m.put("parameters", net.parameterCount());
        m.put("parameter_names", net.modelKind() == ModelKind.RLN
                ? "models.<k>.<authors' module name>: network k runs pass k (0-based)"
                : "model.<authors' module name> (the authors' PyTorch state-dict names)");
        m.put("tensor_layout", "one float32 .npy per parameter in PyTorch layout: Conv3d weight [Co,Ci,kd,kh,kw],"
                + " ConvTranspose3d weight [Ci,Co,kd,kh,kw], biases and PReLU slopes [C]");
        m.put("grid", "fully convolutional: any grid whose axes are all odd (circular pad 2 before, 3 after, as the"
                + " authors' 31^3) or all even (2 and 2); trained on 31^3 unless the provenance says otherwise");
        m.put("project_version", rln.util.ProjectVersion.get());
        m.put("provenance", provenance);
        return m;
    }

    /** Reads a model directory written by {@link #save} or by {@code rln import-weights}. */
    public static LocalizationModel load(Path dir) {
        Path jsonFile = dir.resolve(MODEL_JSON);
        String text;
        try {
            text = Files.readString(jsonFile);
        } catch (IOException e) {
            throw InputException.of(jsonFile, e instanceof java.nio.file.NoSuchFileException ? "missing (not a model directory)" : "cannot read (" + e.getMessage() + ")");
        }
        return fromDescription(jsonFile, text, name -> dir.resolve(name + ".npy"));
    }

    /**
     * Names of the models trained by this project and shipped in the jar (resources rln/trained/NAME/, each a model
     * directory as {@link #save} writes it, with RECORD.md (recipe, data seeds, epochs, compute, test MASE) and curve.png).
     */
    public static final List<String> TRAINED = List.of("FLN_c10", "RLN_t_c10", "RLN_c10", "FLN_c50", "RLN_t_c50", "RLN_c50");

    /** The shipped names of {@link #TRAINED} that this jar holds. */
    public static List<String> trainedInJar() {
        return TRAINED.stream().filter(n -> Models.class.getClassLoader().getResource("rln/trained/" + n + "/" + MODEL_JSON) != null).toList();
    }

    /** One of the models trained here and shipped in the jar ({@link #TRAINED}); x = array axis 0 like every model trained here. */
    public static LocalizationModel trained(String name) {
        if (!TRAINED.contains(name)) throw new InputException("--model: no trained model '" + name + "' (the names are " + TRAINED + ")");
        String root = "rln/trained/" + name + "/";
        String text;
        try (InputStream in = Models.class.getClassLoader().getResourceAsStream(root + MODEL_JSON)) {
            if (in == null)
                throw new InputException("--model trained:" + name + ": this jar does not hold it yet (it holds " + trainedInJar()
                        + "); train it with the recipe in bench/TRAINING.md and pass its directory instead");
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return fromDescription(root + MODEL_JSON, text, n -> root + n + ".npy");
    }

    /**
     * The model a {@code --model} value names inside the jar: {@code published:NAME} ({@link #PUBLISHED}) or
     * {@code trained:NAME} ({@link #TRAINED}); null for any other value (a directory).
     */
    public static LocalizationModel shipped(String spec) {
        if (spec.startsWith("published:")) {
            String name = spec.substring("published:".length());
            if (!PUBLISHED.contains(name)) throw new InputException("--model: no published model '" + name + "' (there are " + PUBLISHED + ")");
            return published(name);
        }
        if (spec.startsWith("trained:")) return trained(spec.substring("trained:".length()));
        return null;
    }

    /** A model from its model.json text ({@code jsonFile} names it in errors) and the tensors {@code where} locates. */
    private static LocalizationModel fromDescription(Object jsonFile, String text, Locator where) {
        Map<String, Object> m = Json.parseObject(jsonFile, text);
        if (!FORMAT.equals(m.get("format"))) throw InputException.of(jsonFile, "\"format\" is not \"" + FORMAT + "\"");
        if (ModelKind.CNN.id.equals(m.get("kind"))) return CnnFiles.fromDescription(jsonFile, m, name -> readArray(where.locate(name)));
        ModelKind kind;
        InputAxes axes;
        try {
            kind = ModelKind.parse(string(jsonFile, m, "kind"));
            axes = InputAxes.parse(string(jsonFile, m, "input_axes"));
        } catch (IllegalArgumentException e) {
            throw InputException.of(jsonFile, e.getMessage());
        }
        if (!(m.get("passes") instanceof Long passes)) throw InputException.of(jsonFile, "\"passes\" must be an integer");
        if (!(m.get("batch_mean") instanceof Boolean batchMean)) throw InputException.of(jsonFile, "\"batch_mean\" must be true or false");
        try {
            kind.checkPasses(Math.toIntExact(passes));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw InputException.of(jsonFile, "\"passes\": " + e.getMessage());
        }
        int p = (int) (long) passes;
        Map<String, Tensor> values = readTensors(kind, p, where);
        LocalizationNetwork net = new LocalizationNetwork(kind, p, batchMean, axes, values);
        if (m.get("provenance") instanceof Map<?, ?> prov)
            prov.forEach((k, v) -> net.provenance().put(String.valueOf(k), v));
        return net;
    }

    /**
     * A model from the authors' tensors in {@code from}: one .npy per state-dict entry, PyTorch names and
     * layouts (../shared/reference/published-rln/manifest.json). The model sees its input with the spatial axes
     * reversed ({@link InputAxes#ZYX}), because the authors' arrays put the loading direction on the last axis.
     *
     * @param passes 1 for FLN; for RLN-t any number (the weights are tied); for RLN the number of networks
     *               (names "models.k.", k &lt; passes)
     */
    public static LocalizationModel importTorch(Path from, String kind, int passes, boolean batchMean) {
        ModelKind k = kind(kind);
        if (k == ModelKind.CNN) throw new InputException("--model cnn: there are no published tensors of the comparison CNN to import; train it (rln train --model cnn)");
        check(k, passes);
        if (!Files.isDirectory(from)) throw InputException.of(from, "is not a directory of .npy tensors");
        Map<String, Tensor> values = readTensors(k, passes, name -> from.resolve(name + ".npy"));
        LocalizationNetwork net = new LocalizationNetwork(k, passes, batchMean, InputAxes.ZYX, values);
        net.provenance().put("imported_from", from.toAbsolutePath().normalize().getFileName().toString());
        net.provenance().put("source", "the authors' PyTorch tensors (Kelly and Kalidindi 2021, RLN_elasticity, MIT licence)");
        return net;
    }

    /**
     * One of the authors' published models shipped in the jar ({@link #PUBLISHED}): FLN_c10, FLN_c50 (1 pass),
     * RLN_t_c10, RLN_t_c50 (5 tied passes), contrast 10 or 50; batch mean, as they were trained (the same as
     * the per-sample mean for a batch of one). The weights are MIT-licensed by their authors (LICENSE beside them).
     */
    public static LocalizationModel published(String name) {
        if (!PUBLISHED.contains(name)) throw new IllegalArgumentException("no published model " + name + "; there are " + PUBLISHED);
        ModelKind k = name.startsWith("FLN") ? ModelKind.FLN : ModelKind.RLN_T;
        int passes = k.defaultPasses();
        Map<String, Tensor> values = readTensors(k, passes, n -> "rln/published/" + name + "/" + n + ".npy");
        LocalizationNetwork net = new LocalizationNetwork(k, passes, true, InputAxes.ZYX, values);
        net.provenance().put("published", name);
        net.provenance().put("source", "the authors' published weights (Kelly and Kalidindi 2021, RLN_elasticity, MIT licence)");
        return net;
    }

    private static ModelKind kind(String kind) {
        try {
            return ModelKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new InputException("--model: " + e.getMessage());
        }
    }

    private static void check(ModelKind k, int passes) {
        try {
            k.checkPasses(passes);
        } catch (IllegalArgumentException e) {
            throw new InputException("--passes: " + e.getMessage());
        }
    }

    /** Where the tensor called {@code name} is: a Path, or a class-path resource name (a String). */
    @FunctionalInterface
    private interface Locator {
        Object locate(String name);
    }

    /** Reads and checks every parameter of the model (PyTorch layout on disk, ours in memory), float precision. */
    private static Map<String, Tensor> readTensors(ModelKind kind, int passes, Locator where) {
        Map<String, Tensor> values = new LinkedHashMap<>();
        for (int i = 0; i < kind.networks(passes); i++) {
            String prefix = LocalizationNetwork.prefix(kind, i);
            for (String local : ProximalNetwork.localNames()) {
                Object file = where.locate(prefix + local);
                Npy.Array a = readArray(file);
                int[] expected = TorchLayout.torchShape(ProximalNetwork.shape(local));
                if (a.dtype != Npy.DType.F4 && a.dtype != Npy.DType.F8)
                    throw InputException.of(file, "dtype " + a.dtype.descr + ", expected float32 (<f4)");
                if (!java.util.Arrays.equals(a.shape, expected))
                    throw InputException.of(file, "shape " + a.shapeString() + ", expected " + Npy.shapeString(expected) + " (PyTorch layout)");
                float[] torch = a.toFloats();
                for (int j = 0; j < torch.length; j++)
                    if (!Float.isFinite(torch[j])) throw InputException.of(file, "element " + j + " is not finite (" + torch[j] + ")");
                values.put(prefix + local, Tensor.wrap(TorchLayout.fromTorch(torch, a.shape), ProximalNetwork.shape(local)));
            }
        }
        return values;
    }

    static Npy.Array readArray(Object file) {
        if (file instanceof Path p) {
            if (!Files.exists(p)) throw InputException.of(p, "missing (every parameter of the model needs its .npy file)");
            return Npy.read(p);
        }
        String resource = (String) file;
        try (InputStream in = Models.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("resource " + resource + " is missing from the jar");
            return Npy.read(resource, in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String string(Object file, Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) throw InputException.of(file, "\"" + key + "\" must be a string");
        return s;
    }

    /**
     * Moves the finished temporary directory {@code tmp} to {@code target}. An existing target is first renamed
     * aside, so a reader sees the old model or the new one, never a mixture; files of the old directory that are
     * not part of a model (a training log, checkpoints; not model.json or model.*.npy / models.*.npy tensors) are then
     * moved into the new one.
     */
    static void replaceDirectory(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            AtomicFiles.moveAtomically(tmp, target);
            return;
        }
        if (!Files.isDirectory(target)) throw InputException.of(target, "exists and is not a directory");
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        AtomicFiles.moveAtomically(target, old);
        AtomicFiles.moveAtomically(tmp, target);
        List<Path> leftovers;
        try (var s = Files.list(old)) {
            leftovers = s.toList();
        }
        for (Path f : leftovers) {
            String name = f.getFileName().toString();
            boolean oldTensor = name.endsWith(".npy") && (name.startsWith("model.") || name.startsWith("models."));
            Path dest = target.resolve(name);
            if (!oldTensor && !Files.exists(dest)) Files.move(f, dest);
        }
        AtomicFiles.deleteTree(old);
    }
}
