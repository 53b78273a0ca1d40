package rln.cli;

import java.util.List;

/** The list of subcommands, one line each, so that adding a command touches one line. */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                new SolveCommand(),
                new GenerateCommand(),
                new MergeCommand(),
                new FigureCommand(),
                new VtiCommand(),
                new MksCommand(),
                new CurveCommand(),
                new AverageCommand(),
                new TrainCommand(),
                new EvalCommand(),
                new DemoCommand(),
                new ImportWeightsCommand(),
                new PredictCommand(),
                new DesignCommand(),
                BenchCommand.withSubcommands()
        );
    }
}
