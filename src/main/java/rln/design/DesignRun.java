package rln.design;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rln.io.AtomicFiles;
import rln.io.Json;
import rln.io.Npy;
import rln.io.VtiWriter;
import rln.micro.Sample;
import rln.nn.LocalizationModel;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.hex8.Hex8Solver;

/**
 * One {@code rln design} run, start to files: the seeded start, the optimization through the chosen route, the
 * exact FE scores of the start and of the binary design (whichever route produced it), and the outputs
 * <pre>
 *   start.npy, design.npy   (n, n, n) uint8, 1 = stiff
 *   history.csv             iteration, beta, objective (the route's, relaxed design), vf, grey, change, PCG iterations,
 *                           seconds in the route (solves or network), seconds in all
 *   design.png              slices before and after, the design's exact eps_xx, the convergence curve
 *   design.vti              start, design, density (relaxed), exx (exact, of the design)
 *   report.json             settings, the exact objective of start and design, iterations, seconds (and, for a
 *                           network, its own prediction of both objectives beside the exact ones)
 * </pre>
 * each written atomically.
 *
 * @param model    the network of the model route, or null for the FE route
 * @param through  "fe", or how the model was named
 */
public record DesignRun(Objective objective, double volumeFraction, int size, double contrast, double nu, double p, long seed,
        DesignConfig config, int threads, LocalizationModel model, String through) {

    /** The FE solver tolerance of every solve here (forward, adjoint, scores). */
    public static final double TOLERANCE = 1e-8;

    /** Runs the design, prints one line per iteration to {@code out}, writes the files into {@code dir}; returns report.json's content. */
    public Map<String, Object> run(Path dir, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        int n = size;
        byte[] start = Start.grf(n, volumeFraction, seed);
        Files.createDirectories(dir);
        Npy.writeBytes(dir.resolve("start.npy"), start, n, n, n);
        FeRoute exact = new FeRoute(n, n, n, objective, new Interpolation(contrast, config.penalization()), nu, p, true, TOLERANCE, threads);
        Route route = model == null ? exact : new ModelRoute(model, through, n, n, n, p);
        double startExact = exact.exact(start);
        out.printf(Locale.ROOT, "design: %s through %s, %d^3, contrast %s, vf %.3f, seed %d: start (exact) %s %.5f%n",
                objective, route.name(), n, contrast, volumeFraction, seed, objective, startExact);
        out.flush();
        Designer designer = new Designer(n, n, n, config);
        Designer.Result r = designer.run(route, start, s -> {
            out.printf(Locale.ROOT, "it %4d  beta %4.0f  %s %.5f  vf %.4f  grey %.3f  change %.3f  pcg %3d  %.3f s%n", s.iteration(), s.beta(),
                    objective, s.objective(), s.volumeFraction(), s.grey(), s.change(), s.solverIterations(), s.seconds());
            out.flush();
        });
        double optimizeSeconds = 0, routeSeconds = 0;
        for (Designer.Step s : r.history()) {
            optimizeSeconds += s.seconds();
            routeSeconds += s.routeSeconds();
        }
        double designExact = exact.exact(r.design());
        double[] exx = exactStrainXX(r.design()), startExx = exactStrainXX(start);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("objective", objective.cliName);
        report.put("through", route.name());
        report.put("size", n);
        report.put("contrast", contrast);
        report.put("nu", nu);
        report.put("vf", volumeFraction);
        if (objective == Objective.MATRIX_PEAK) report.put("p", p);
        report.put("seed", seed);
        report.put("load", "unit eps_xx, every other component 0");
        report.put("element", "hex8-bbar");
        report.put("solver_tolerance", TOLERANCE);
        report.put("optimizer", "MMA (Svanberg 2007), volume held in vf +- 1 %; binary design by rank: round(vf N) voxels of highest density");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("iterations_max", config.iterations());
        settings.put("filter_radius", config.filterRadius());
        settings.put("beta_start", config.betaStart());
        settings.put("beta_max", config.betaMax());
        settings.put("beta_every", config.betaEvery());
        settings.put("move", config.move());
        settings.put("eta", config.eta());
        settings.put("penalization", model == null ? config.penalization() : "none (the network sees m1 = rho, m0 = 1 - rho)");
        settings.put("tolerance", config.tolerance());
        report.put("settings", settings);
        report.put("start", score(startExact, start, route));
        report.put("design", score(designExact, r.design(), route));
        report.put("improvement", designExact / startExact - 1);
        report.put("iterations", r.history().size());
        report.put("seconds_optimization", optimizeSeconds);
        report.put("seconds_per_iteration", optimizeSeconds / r.history().size());
        report.put("seconds_in_route", routeSeconds);
        report.put("relaxed_objective_last", r.history().get(r.history().size() - 1).objective());
        report.put("threads", threads);

        writeHistory(dir.resolve("history.csv"), r.history());
        Npy.writeBytes(dir.resolve("design.npy"), r.design(), n, n, n);
        VtiWriter.write(dir.resolve("design.vti"), n, n, n, List.of(new VtiWriter.Field("design", r.design()),
                new VtiWriter.Field("start", start), new VtiWriter.Field("density", r.density()), new VtiWriter.Field("exx", exx)));
        String title = String.format(Locale.ROOT, "rln design: %s through %s, %d^3, contrast %s, vf %.2f, seed %d", objective, route.name(), n,
                contrast, volumeFraction, seed);
        String label = objective == Objective.MATRIX_PEAK ? "J" : "C11";
        DesignFigure.write(dir.resolve("design.png"), DesignFigure.render(n, n, n, new byte[][] {start, r.design()}, new double[][] {startExx, exx},
                r.history(), title, label, new double[] {startExact, designExact}));
        report.put("seconds_total", (System.nanoTime() - t0) * 1e-9);
        AtomicFiles.writeString(dir.resolve("report.json"), Json.write(report));
        out.printf(Locale.ROOT, "design: %s (exact) %.5f -> %.5f (%+.1f %%) in %d iterations, %.1f s (%.3f s per iteration); wrote %s%n",
                objective, startExact, designExact, 100 * (designExact / startExact - 1), r.history().size(), optimizeSeconds,
                optimizeSeconds / r.history().size(), dir);
        out.flush();
        return report;
    }

    /** The exact objective, the stiff fraction and, for a network, its own prediction of the objective. */
    private Map<String, Object> score(double exactValue, byte[] phase, Route route) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exact", exactValue);
        m.put("vf", Sample.stiffFraction(phase));
        if (route instanceof ModelRoute mr) {
            double predicted = mr.predicted(phase);
            m.put("predicted", predicted);
            m.put("predicted_minus_exact", predicted - exactValue);
        }
        return m;
    }

    /** eps_xx of the two-phase design, exact (for the figure and the .vti). */
    private double[] exactStrainXX(byte[] phase) {
        Solution s = new Hex8Solver(true, threads).solve(new Problem(size, size, size, phase, contrast, nu, Problem.unitStrain(0)), TOLERANCE);
        return java.util.Arrays.copyOf(s.strain(), phase.length);
    }

    private static void writeHistory(Path file, List<Designer.Step> history) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("iteration,beta,objective,vf,grey,change,solver_iterations,route_seconds,seconds");
        for (Designer.Step s : history)
            lines.add(String.format(Locale.ROOT, "%d,%s,%.9g,%.6f,%.6f,%.6f,%d,%.6f,%.6f", s.iteration(), fmt(s.beta()), s.objective(),
                    s.volumeFraction(), s.grey(), s.change(), s.solverIterations(), s.routeSeconds(), s.seconds()));
        AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
