package rln.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import rln.io.InputException;

/**
 * The {@code rln} command line: one thin picocli command per job. Commands parse, call the library and print;
 * the science lives in the packages below. Bad input ends with one line naming the file and the problem, and
 * exit status 2; any other failure with one line and status 1 (the stack trace with -Drln.debug=true).
 */
@Command(name = "rln", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Lippmann-Schwinger solvers and Recurrent Localization Networks for periodic two-phase composites.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command tree: every subcommand is registered here, in the order {@code --help} lists them. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) cl.addSubcommand(sub);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            String cmd = commandPath(line);
            if (ex instanceof InputException) {
                line.getErr().println(cmd + ": error: " + ex.getMessage());
                return 2;
            }
            if (Boolean.getBoolean("rln.debug")) ex.printStackTrace(line.getErr());
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
            line.getErr().println(cmd + ": failed: " + msg.replace('\n', ' '));
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println(commandPath(line) + ": error: " + ex.getMessage().replace('\n', ' '));
            line.getErr().println("(see: " + commandPath(line) + " --help)");
            return 2;
        });
        return cl;
    }

    /** "rln" or "rln solve": the command as the user typed it. */
    static String commandPath(CommandLine line) {
        StringBuilder s = new StringBuilder(line.getCommandName());
        for (CommandLine p = line.getParent(); p != null; p = p.getParent()) s.insert(0, p.getCommandName() + " ");
        return s.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rln " + rln.util.ProjectVersion.get()};
        }
    }
}
