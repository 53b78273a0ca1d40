package rln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rln bench ...}: the kernels and the solver, timed; one JSON object per line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the kernels and the solver; prints one JSON object per line (medians after warm-up).")
final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The bench subcommands, registered on the bench command line. */
    static CommandLine withSubcommands() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.addSubcommand(new BenchSolveCommand());
        cl.addSubcommand(new BenchFftCommand());
        cl.addSubcommand(new BenchConvCommand());
        cl.addSubcommand(new BenchTrainCommand());
        return cl;
    }
}
