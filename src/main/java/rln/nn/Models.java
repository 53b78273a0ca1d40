package rln.nn;

import java.nio.file.Path;

/** Creating, saving and loading localization models (a model is a directory: model.json + one .npy per tensor). */
public final class Models {
    private Models() {}

    /** A freshly initialized model (PyTorch's default initialization, from {@code seed}). */
    public static LocalizationModel create(String kind, int passes, boolean batchMean, long seed) {
        throw new UnsupportedOperationException("models are being written (issue 4)");
    }

    /** Writes {@code model} to {@code dir} atomically. */
    public static void save(LocalizationModel model, Path dir) throws java.io.IOException {
        throw new UnsupportedOperationException("models are being written (issue 4)");
    }

    /** Reads a model directory written by {@link #save} or by {@code rln import-weights}. */
    public static LocalizationModel load(Path dir) {
        throw new UnsupportedOperationException("models are being written (issue 4)");
    }
}
