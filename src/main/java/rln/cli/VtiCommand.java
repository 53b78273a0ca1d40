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
import rln.io.VtiWriter;

/** {@code rln vti}: one sample's fields as a VTK ImageData file for ParaView. */
@Command(name = "vti", mixinStandardHelpOptions = true,
        description = {"Writes one sample as VTK XML ImageData (.vti, ASCII, cell data): phase, and when given "
                + "exx_fe, exx_pred and abs_error. Voxel (i, j, k) is the cell [i, i+1] x [j, j+1] x [k, k+1]."})
final class VtiCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--micro", required = true, description = "microstructures (n, nx, ny, nz) or (nx, ny, nz) uint8")
    Path micro;

    @Option(names = "--truth", description = "FE strain: solver output (n, 6, nx, ny, nz) (eps_xx is taken) or eps_xx (n, nx, ny, nz)")
    Path truth;

    @Option(names = "--pred", description = "predicted eps_xx (n, nx, ny, nz)")
    Path pred;

    @Option(names = "--sample", defaultValue = "0", description = "sample index (default: ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--out", required = true, description = "output .vti")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OutputLock lock = Outputs.file(spec, "--out", out)) {
            MicroFile m = MicroFile.read(micro);
            if (sample < 0 || sample >= m.count()) throw new InputException("--sample: " + sample + " is outside 0.." + (m.count() - 1) + " (" + micro + ")");
            List<VtiWriter.Field> fields = new ArrayList<>();
            fields.add(new VtiWriter.Field("phase", m.sample(sample)));
            double[] t = truth == null ? null : FieldArrays.readExx(truth, m, "FE strain")[sample];
            double[] p = pred == null ? null : FieldArrays.readExx(pred, m, "prediction")[sample];
            if (t != null) fields.add(new VtiWriter.Field("exx_fe", t));
            if (p != null) fields.add(new VtiWriter.Field("exx_pred", p));
            if (t != null && p != null) {
                double[] e = new double[t.length];
                for (int x = 0; x < e.length; x++) e[x] = Math.abs(p[x] - t[x]);
                fields.add(new VtiWriter.Field("abs_error", e));
            }
            VtiWriter.write(out, m.nx(), m.ny(), m.nz(), fields);
            System.out.printf("wrote %s (%dx%dx%d cells, %d fields)%n", out, m.nx(), m.ny(), m.nz(), fields.size());
            return 0;
        }
    }
}
