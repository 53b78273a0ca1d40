package rln.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code rln} command line: one thin picocli command per job. Commands parse, call the library and print;
 * the science lives in the packages below. Every failure is one line and an exit status ({@link Failure}): 2 for
 * bad input or environment (naming the file or option and the fix), 1 for a bug (the trace with --debug).
 */
@Command(name = "rln", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Lippmann-Schwinger solvers and Recurrent Localization Networks for periodic two-phase composites.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "on a failure, also print the stack trace")
    boolean debug;

    @Override
    public Integer call() {
        return 0; // not reached: a command with subcommands needs one (see commandLine())
    }

    /** The command tree: every subcommand is registered here, in the order {@code --help} lists them. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) cl.addSubcommand(sub);
        Options.registerConverters(cl);
        cl.setExecutionStrategy(parseResult -> {
            Integer help = CommandLine.executeHelpRequest(parseResult);
            if (help != null) return help;
            CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
            if (!last.getSubcommands().isEmpty())
                throw new CommandLine.ParameterException(last, "missing command: one of " + String.join(", ", commandNames(last)));
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) { // picocli hands on only Exceptions: an OutOfMemoryError goes to the same handler this way
                throw new CommandLine.ExecutionException(last, String.valueOf(e), e);
            }
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            Failure.Report r = Failure.of(ex, line.getCommand());
            if (debug(parseResult)) ex.printStackTrace(line.getErr());
            line.getErr().println(commandPath(line) + ": " + r.line());
            return r.exitCode();
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine line = ex.getCommandLine();
            String msg = Failure.oneLine(ex.getMessage()).strip();
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                List<String> s = Suggestions.of(u);
                if (!s.isEmpty()) msg += " (did you mean " + String.join(" or ", s) + "?)";
            }
            line.getErr().println(commandPath(line) + ": error: " + msg + " (see: " + commandPath(line) + " --help)");
            return 2;
        });
        return cl;
    }

    private static List<String> commandNames(CommandLine line) {
        return line.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    }

    /** --debug anywhere on the command line, or -Drln.debug=true. */
    private static boolean debug(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand())
            if (p.hasMatchedOption("--debug")) return true;
        return Boolean.getBoolean("rln.debug");
    }

    /** "rln" or "rln solve": the command as the user typed it. */
    static String commandPath(CommandLine line) {
        StringBuilder s = new StringBuilder(line.getCommandName());
        for (CommandLine p = line.getParent(); p != null; p = p.getParent()) s.insert(0, p.getCommandName() + " ");
        return s.toString();
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        drainStderrFilter();
        System.exit(code);
    }

    /**
     * Run by the launcher (./rln), the JVM's stderr goes through a filter process, its child. The JVM exits only
     * after the filter has printed everything, so that an error line never appears after the shell's prompt.
     */
    private static void drainStderrFilter() {
        if (System.getenv("RLN_STDERR_FILTER") == null) return;
        System.err.flush();
        System.err.close(); // the filter reads to the end of its input, prints, and exits
        ProcessHandle.current().children().forEach(c -> {
            try {
                c.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception slowOrGone) {
                // exit anyway
            }
        });
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rln " + rln.util.ProjectVersion.get()};
        }
    }
}
