package rln.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rln.io.Dataset;
import rln.io.InputException;
import rln.io.OutputLock;

/** {@code rln merge}: joins the shards of one dataset in index order. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join dataset shards (from 'rln generate --shard i/k') into one dataset, in index order.",
                "The inputs must be shards of one run and together cover every index exactly once.",
                "Each input may be a dataset directory or a directory holding shard directories."})
final class MergeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "merged dataset directory to create (must not exist)")
    Path out;

    @Parameters(arity = "1..*", paramLabel = "IN", description = "shard dataset directories")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception {
        try (OutputLock lock = Outputs.newDirectory(spec, "--out", out)) {
            return merge();
        }
    }

    private int merge() throws java.io.IOException {
        List<Dataset> parts = new ArrayList<>();
        for (Path p : inputs) parts.add(Dataset.open(p));
        // the inputs must make the whole dataset: indices 0 .. count-1 (gaps and overlaps inside are join's check)
        int first = Integer.MAX_VALUE, last = 0;
        for (Dataset d : parts) {
            first = Math.min(first, d.from());
            last = Math.max(last, d.from() + d.size());
        }
        int count = parts.get(0).count();
        String named = inputs.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(" "));
        if (first != 0) throw InputException.of(named, "samples [0, " + first + ") are missing (no input holds them: a shard not given?)");
        if (last != count)
            throw InputException.of(named, "samples [" + last + ", " + count + ") are missing (no input holds them: a shard not given?)");
        Dataset.join(parts, out, null);
        Dataset merged = Dataset.open(out);
        spec.commandLine().getOut().printf("wrote %s: %d samples from %d input(s)%n", out, merged.size(), inputs.size());
        return 0;
    }
}
