package rln.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rln.train.Checkpoint;
import rln.train.Trainer;

/** The last line of {@code rln train}: what is in the model directory now, naming only files that exist. */
final class TrainReport {
    private TrainReport() {}

    /**
     * @param epochs    the epochs run by this invocation
     * @param toTheEnd  the run was asked to finish the schedule (no --stop-after before the last epoch)
     */
    static String line(Path out, List<Trainer.EpochReport> epochs, boolean toTheEnd) {
        int ran = epochs.size();
        boolean newBest = epochs.stream().anyMatch(Trainer.EpochReport::best);
        List<String> wrote = new ArrayList<>();
        boolean finalModel = toTheEnd && Files.exists(out.resolve("model.json"));
        if (finalModel) wrote.add(out + " (final model)");
        if (ran > 0) {
            if (newBest && Files.exists(out.resolve(Trainer.BEST).resolve("model.json"))) wrote.add(out.resolve(Trainer.BEST) + " (best validation loss so far)");
            for (String f : new String[] {Trainer.CSV, Trainer.PNG}) if (Files.exists(out.resolve(f))) wrote.add(out.resolve(f).toString());
        }
        String files = wrote.isEmpty() ? "" : "wrote " + join(wrote);
        if (finalModel) return files;
        if (ran == 0) return "nothing to train: the checkpoint in " + out + " is at or past the epoch to stop after; nothing written";
        String resume = Files.exists(out.resolve(Checkpoint.POINTER))
                ? "stopped after " + ran + " epoch" + (ran == 1 ? "" : "s") + " of this run; the checkpoint in " + out
                        + " resumes it (rerun without --stop-after to finish)"
                : "stopped";
        return files.isEmpty() ? resume : files + "; " + resume;
    }

    private static String join(List<String> items) {
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
