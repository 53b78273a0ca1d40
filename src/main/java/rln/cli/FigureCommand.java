package rln.cli;

import rln.io.MicroFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.OutputLock;
import rln.io.InputException;
import rln.io.PngSliceFigure;
import rln.train.Metrics;

/** {@code rln figure}: the PNG slice figure (microstructure, FE strain, prediction, error) of chosen samples. */
@Command(name = "figure", mixinStandardHelpOptions = true,
        description = {"Writes a PNG slice figure, one row per sample: microstructure, FE eps_xx, predicted eps_xx "
                + "(one shared colour scale) and |error| (its own scale), titled with the MASE."})
final class FigureCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--micro", required = true, description = "microstructures (n, nx, ny, nz) or (nx, ny, nz) uint8")
    Path micro;

    @Option(names = "--truth", required = true, description = "FE strain: solver output (n, 6, nx, ny, nz) (eps_xx is taken) or eps_xx (n, nx, ny, nz)")
    Path truth;

    @Option(names = "--pred", required = true, description = "predicted eps_xx (n, nx, ny, nz) float32")
    Path pred;

    @Option(names = "--sample", split = ",", defaultValue = "0", description = "sample index or comma-separated indices, one row each (default: ${DEFAULT-VALUE})")
    List<Integer> samples;

    @Option(names = "--axis", defaultValue = "z", description = "slice normal: x, y or z (default: ${DEFAULT-VALUE})")
    String axis;

    @Option(names = "--slice", description = "slice index along the axis (default: the middle one)")
    Integer slice;

    @Option(names = "--out", required = true, description = "output PNG")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OutputLock lock = Outputs.file(spec, "--out", out)) {
            MicroFile m = MicroFile.read(micro);
            double[][] t = FieldArrays.readExx(truth, m, "FE strain");
            double[][] p = FieldArrays.readExx(pred, m, "prediction");
            int ax = FieldArrays.axis(axis);
            int[] n = {m.nx(), m.ny(), m.nz()};
            int index = slice == null ? n[ax] / 2 : slice;
            if (index < 0 || index >= n[ax]) throw new InputException("--slice: " + index + " is outside 0.." + (n[ax] - 1) + " along " + axis);
            List<PngSliceFigure.Row> rows = new ArrayList<>();
            for (int s : samples) {
                if (s < 0 || s >= m.count()) throw new InputException("--sample: " + s + " is outside 0.." + (m.count() - 1) + " (" + micro + ")");
                rows.add(new PngSliceFigure.Row("sample " + s, m.sample(s), t[s], p[s], Metrics.mase(p[s], t[s])));
            }
            PngSliceFigure.Figure f = PngSliceFigure.write(out, rows, m.nx(), m.ny(), m.nz(), ax, index);
            for (int i = 0; i < rows.size(); i++)
                System.out.printf(java.util.Locale.ROOT, "sample %d: MASE %.3f %%%n", samples.get(i), rows.get(i).mase());
            System.out.printf("wrote %s (%d x %d px, slice %s = %d)%n", out, f.image().getWidth(), f.image().getHeight(), axis, index);
            return 0;
        }
    }
}
