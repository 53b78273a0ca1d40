package rln.cli;

import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;
import rln.elastic.Isotropic;
import rln.elastic.Voigt;
import rln.io.InputException;
import rln.nn.ModelKind;
import rln.solve.Element;
import rln.solve.problem.Problem;
import rln.solve.problem.Solver;
import rln.util.Parallel;

/**
 * Option values checked against the rules of the domain, which state each rule once (the Poisson range in
 * {@link Isotropic}, contrast and grid in {@link Problem}, tolerance in {@link Solver}, threads in {@link Parallel},
 * passes in {@link ModelKind}); a failure names the option and says what is expected.
 */
final class Options {
    private Options() {}

    /** picocli converters for the domain's enums: model kinds, elements and strain components by their names. */
    static void registerConverters(CommandLine cl) {
        cl.registerConverter(ModelKind.class, converter(ModelKind::parse));
        cl.registerConverter(rln.nn.Parallelism.class, converter(rln.nn.Parallelism::parse));
        cl.registerConverter(Element.class, converter(Element::parse));
        cl.registerConverter(Voigt.Component.class, converter(Voigt.Component::parse));
    }

    private static <T> CommandLine.ITypeConverter<T> converter(Function<String, T> parse) {
        return s -> {
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    static void contrast(double c) {
        rule("--contrast", () -> Problem.checkContrast(c));
    }

    static void nu(double nu) {
        rule("--nu", () -> Isotropic.checkPoisson(nu));
    }

    static void tolerance(double tol) {
        rule("--tol", () -> Solver.checkTolerance(tol));
    }

    /** An n^3 grid given by {@code option} (--size, --n). */
    static void size(String option, int n) {
        rule(option, () -> Problem.checkGrid(n, n, n));
    }

    static int threads(Integer t) {
        if (t == null) return Math.min(Runtime.getRuntime().availableProcessors(), Parallel.MAX_THREADS);
        rule("--threads", () -> Parallel.checkThreads(t));
        return t;
    }

    /** The passes of a model kind: FLN has 1; RLN-t and RLN 5 unless {@code --passes} says otherwise. */
    static int passes(ModelKind kind, Integer passes) {
        int[] p = new int[1];
        rule("--passes", () -> p[0] = kind.passes(passes));
        return p[0];
    }

    /** Refuses the comparison CNN where a command works on the proximal networks only ({@code what}: what it does). */
    static void proximalNetwork(ModelKind kind, String what) {
        if (kind == ModelKind.CNN)
            throw new InputException("--model cnn: " + what + " a proximal network (fln, rln-t or rln); the comparison CNN trains with rln train --model cnn");
    }

    /** A proximal network's grid (rln.nn.ProximalNetwork#acceptsGrid), refused with the file that holds it. */
    static void networkGrid(java.nio.file.Path file, int nx, int ny, int nz) {
        if (!rln.nn.ProximalNetwork.acceptsGrid(nx, ny, nz))
            throw rln.io.InputException.of(file, "grid " + nx + "x" + ny + "x" + nz
                    + ": the network needs axes that are all odd or all even (the down-sampling halves the padded grid)");
    }

    /** The data-parallel step needs the per-sample mean (the batch mean couples the samples' forward passes). */
    static void parallelism(rln.nn.Parallelism p, boolean batchMean) {
        if (p == rln.nn.Parallelism.SAMPLES && batchMean)
            throw new InputException("--parallel samples: the batch mean (--batch-mean) couples the samples of a batch; use --parallel layers");
    }

    /** Runs a rule of the domain; its IllegalArgumentException becomes the option's one-line error. */
    private static void rule(String option, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new InputException(option + ": " + e.getMessage());
        }
    }
}
