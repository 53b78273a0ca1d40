package rln.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code rln} as a test's child process that dies like a SIGKILL at a fixed point:
 * {@code java ... rln.cli.HaltAfterEpoch E rln-args...} runs {@link Main} and, as soon as the trainer prints the
 * line of epoch E (written after that epoch's checkpoint and curve, before epoch E+1 starts), halts the JVM
 * ({@link Runtime#halt}: no shutdown hooks, no cleanup, no final model). Deterministic: no race with the clock.
 */
final class HaltAfterEpoch {
    private HaltAfterEpoch() {}

    public static void main(String[] args) {
        String trigger = "epoch " + Integer.parseInt(args[0]) + "/";
        PrintStream real = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(int b) {
                real.write(b);
                if (b != '\n') {
                    line.append((char) b);
                    return;
                }
                boolean halt = line.toString().startsWith(trigger);
                line.setLength(0);
                if (halt) {
                    real.flush();
                    Runtime.getRuntime().halt(137);
                }
            }
        }, true, StandardCharsets.UTF_8));
        System.exit(Main.commandLine().execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
    }
}
