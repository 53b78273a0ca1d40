package rln.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import rln.io.LearningCurvePng;
import rln.io.OutputLock;

/** {@code rln curve}: re-draws the learning-curve PNG from a training CSV (rln train writes one as it goes). */
@Command(name = "curve", mixinStandardHelpOptions = true,
        description = "Draws train and validation loss (log axis) and validation MASE against epoch from a training CSV "
                + "(columns epoch, train_loss, valid_loss, valid_mase, lr, seconds).")
final class CurveCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", required = true, description = "training log CSV")
    Path csv;

    @Option(names = "--title", defaultValue = "learning curve", description = "figure title (default: ${DEFAULT-VALUE})")
    String title;

    @Option(names = "--out", required = true, description = "output PNG")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OutputLock lock = Outputs.file(spec, "--out", out)) {
            LearningCurvePng.Figure f = LearningCurvePng.write(csv, out, title);
            System.out.printf("wrote %s (%d x %d px)%n", out, f.image().getWidth(), f.image().getHeight());
            return 0;
        }
    }
}
