package rln.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two builds' training step side by side in one process: each jar in its own class loader runs
 * {@code rln bench train ARGS} (its own picocli command) alternately, round by round, so both see the same machine
 * minute by minute; prints each round's step_cpu_seconds of both and the medians. The first two rounds of each are JIT
 * warm-up and are not counted. Use --threads 1 in ARGS: the CPU time is then the work of one core.
 * Reproduce: javac -d target/sc bench/src/main/java/rln/bench/StepCpu.java &&
 *   java --add-modules jdk.incubator.vector -Xmx3g -Drln.pool.mb=256 -cp target/sc rln.bench.StepCpu OLD.jar NEW.jar ROUNDS \
 *        --model rln-t --n 31 --batch 8 --threads 1 --reps 2 --warmup 1
 */
public final class StepCpu {
    /** Rounds not counted: the JIT compiles the kernels' paths over the first few steps of each build. */
    static final int WARM = 2;

    public static void main(String[] args) throws Exception {
        String[] jars = {args[0], args[1]};
        int rounds = Integer.parseInt(args[2]);
        String[] cmd = Arrays.copyOfRange(args, 3, args.length);
        Object[][] builds = new Object[2][];
        for (int j = 0; j < 2; j++) {
            ClassLoader cl = new URLClassLoader(new URL[] {new File(jars[j]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            builds[j] = new Object[] {cl};
        }
        List<double[]> cpu = new ArrayList<>();
        PrintStream out = System.out;
        Pattern p = Pattern.compile("\"step_cpu_seconds\":([0-9.]+)");
        for (int r = 0; r < rounds; r++) {
            double[] row = new double[2];
            for (int jj = 0; jj < 2; jj++) {
                int j = (jj + r) % 2; // ABBA: each build goes first every other round
                ClassLoader cl = (ClassLoader) builds[j][0];
                Class<?> line = cl.loadClass("picocli.CommandLine");
                Object command = cl.loadClass("rln.cli.BenchTrainCommand").getConstructor().newInstance();
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                System.setOut(new PrintStream(buf, true));
                Object cli = line.getConstructor(Object.class).newInstance(command);
                line.getMethod("execute", String[].class).invoke(cli, (Object) cmd);
                System.setOut(out);
                Matcher m = p.matcher(buf.toString());
                if (!m.find()) throw new IllegalStateException("no step_cpu_seconds in: " + buf);
                row[j] = Double.parseDouble(m.group(1));
            }
            out.printf(Locale.ROOT, "round %d: old %.3f  new %.3f  new/old %.3f%s%n", r, row[0], row[1], row[1] / row[0], r < WARM ? "  (warm-up, not counted)" : "");
            if (r >= WARM) cpu.add(row);
        }
        double[] a = cpu.stream().mapToDouble(x -> x[0]).sorted().toArray(), b = cpu.stream().mapToDouble(x -> x[1]).sorted().toArray();
        double[] q = cpu.stream().mapToDouble(x -> x[1] / x[0]).sorted().toArray();
        out.printf(Locale.ROOT, "medians over %d rounds: old %.3f  new %.3f CPU s per step; median of the per-round ratios new/old %.3f (range %.3f-%.3f)%n",
                a.length, a[a.length / 2], b[b.length / 2], q[q.length / 2], q[0], q[q.length - 1]);
    }
}
