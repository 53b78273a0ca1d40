package rln.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training log: a CSV with a header line naming the columns (INTERFACES.md, {@code rln train}):
 * {@code epoch, train_loss, valid_loss, valid_mase, lr, seconds}, one line per epoch. Columns are found by name,
 * in any order; epoch, train_loss and valid_loss are required, the others optional. An empty cell or "nan"
 * is a missing value (NaN), e.g. no validation in that epoch.
 */
public record LearningCurveCsv(double[] epoch, double[] trainLoss, double[] validLoss, double[] validMase) {

    public int size() {
        return epoch.length;
    }

    /** True when at least one validation MASE value is present. */
    public boolean hasValidMase() {
        return Arrays.stream(validMase).anyMatch(Double::isFinite);
    }

    /** Reads the CSV; problems raise an {@link InputException} naming the file, line and column. */
    public static LearningCurveCsv read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw InputException.of(file, "no such file");
        } catch (IOException e) {
            throw InputException.of(file, "cannot read (" + e.getMessage() + ")");
        }
        lines.removeIf(l -> l.isBlank());
        if (lines.isEmpty()) throw InputException.of(file, "empty (expected a header line: epoch,train_loss,valid_loss,...)");
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
        int cEpoch = column(file, header, "epoch", true), cTrain = column(file, header, "train_loss", true);
        int cValid = column(file, header, "valid_loss", true), cMase = column(file, header, "valid_mase", false);
        int n = lines.size() - 1;
        double[] epoch = new double[n], train = new double[n], valid = new double[n], mase = new double[n];
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",", -1);
            if (cells.length != header.size())
                throw InputException.of(file, "line " + (r + 2) + " has " + cells.length + " cells, the header " + header.size());
            epoch[r] = number(file, r, cells, cEpoch, "epoch");
            if (!Double.isFinite(epoch[r])) throw InputException.of(file, "line " + (r + 2) + ": epoch is missing");
            train[r] = number(file, r, cells, cTrain, "train_loss");
            valid[r] = number(file, r, cells, cValid, "valid_loss");
            mase[r] = cMase < 0 ? Double.NaN : number(file, r, cells, cMase, "valid_mase");
        }
        return new LearningCurveCsv(epoch, train, valid, mase);
    }

    private static int column(Path file, List<String> header, String name, boolean required) {
        int c = header.indexOf(name);
        if (c < 0 && required) throw InputException.of(file, "no '" + name + "' column in the header " + header);
        return c;
    }

    private static double number(Path file, int row, String[] cells, int c, String name) {
        String s = cells[c].trim();
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw InputException.of(file, "line " + (row + 2) + ", column " + name + ": '" + s + "' is not a number");
        }
    }

    /** Writes a CSV in this layout (header and one line per epoch), atomically; for tests and tools. */
    public static void write(Path file, List<double[]> rows) throws IOException {
        StringBuilder s = new StringBuilder("epoch,train_loss,valid_loss,valid_mase,lr,seconds\n");
        for (double[] r : rows) {
            List<String> cells = new ArrayList<>();
            for (double x : r) cells.add(Double.isNaN(x) ? "" : Double.toString(x));
            s.append(String.join(",", cells)).append('\n');
        }
        AtomicFiles.writeString(file, s.toString());
    }
}
