package rln.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import rln.elastic.Voigt;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.OutputLock;
import rln.io.MicroFile;
import rln.io.Npy;
import rln.solve.EffectiveStiffness;
import rln.solve.Element;
import rln.solve.problem.Problem;
import rln.solve.problem.Solution;
import rln.solve.problem.Solver;
import rln.solve.Solvers;
import rln.util.Parallel;

/** {@code rln solve}: the strain fields (or effective stiffness) of given microstructures. */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve periodic two-phase elasticity on voxel microstructures for a unit applied strain.",
                "Output: (n, 6, nx, ny, nz) float64, components xx, yy, zz, yz, xz, xy (tensor shear)."})
final class SolveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--micro", required = true, paramLabel = "M.npy", description = "uint8 phases 0/1, (n, nx, ny, nz) or (nx, ny, nz)")
    Path micro;

    @Option(names = "--contrast", required = true, description = "Young's modulus of phase 1 over phase 0 (> 0)")
    double contrast;

    @Option(names = "--nu", defaultValue = "0.3", description = "Poisson's ratio of both phases (default ${DEFAULT-VALUE})")
    double nu;

    @Option(names = "--element", defaultValue = "hex8-bbar", description = "hex8-bbar | hex8 | spectral | basic (default ${DEFAULT-VALUE})")
    Element element;

    @Option(names = "--strain", defaultValue = "xx", description = "applied unit strain component: xx|yy|zz|yz|xz|xy (default ${DEFAULT-VALUE})")
    Voigt.Component strain;

    @Option(names = "--tol", defaultValue = "1e-8", description = "relative solver tolerance (default ${DEFAULT-VALUE})")
    double tol;

    @Option(names = "--threads", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "S.npy", description = "output .npy: strain fields, or with --effective the (n, 6, 6) stiffnesses")
    Path out;

    @Option(names = "--effective", description = "solve the six load cases and print the 6x6 effective stiffness per sample")
    boolean effective;

    @Override
    public Integer call() throws Exception {
        Options.contrast(contrast);
        Options.nu(nu);
        Options.tolerance(tol);
        int t = Options.threads(threads);
        Element el = element;
        int component = strain.index();
        if (out == null && !effective) throw new InputException("--out: required (where to write the strain fields)");
        try (OutputLock lock = out == null ? null : Outputs.file(spec, "--out", out)) {
            return solve(t, el, component);
        }
    }

    private int solve(int t, Element el, int component) throws java.io.IOException {
        MicroFile m = MicroFile.read(micro);
        try {
            Problem.checkGrid(m.nx(), m.ny(), m.nz());
        } catch (IllegalArgumentException e) {
            throw InputException.of(micro, e.getMessage());
        }
        if (out != null && !effective) Outputs.space(out, 48L * m.count() * m.voxels(), "the strain fields");
        Parallel.setThreads(t);
        Solver solver = Solvers.create(el, t);
        PrintWriter o = spec.commandLine().getOut();
        int n = m.voxels();
        if (effective) {
            double[] all = new double[36 * m.count()];
            for (int i = 0; i < m.count(); i++) {
                long start = System.nanoTime();
                double[][] c = EffectiveStiffness.compute(solver, m.nx(), m.ny(), m.nz(), m.sample(i), contrast, nu, tol);
                o.printf(Locale.ROOT, "sample %d: effective stiffness C_eff (<sigma> = C_eff E, tensor shear; 6 load cases, %.3f s)%n",
                        i, (System.nanoTime() - start) * 1e-9);
                for (int r = 0; r < 6; r++) {
                    StringBuilder line = new StringBuilder("  ");
                    for (int col = 0; col < 6; col++) {
                        line.append(String.format(Locale.ROOT, "%13.6e", c[r][col]));
                        all[36 * i + 6 * r + col] = c[r][col];
                    }
                    o.println(line);
                }
                o.flush();
            }
            if (out != null) Npy.writeDoubles(out, all, m.count(), 6, 6);
            return 0;
        }
        // stream sample by sample into a temporary file; it replaces --out only when every solve succeeded
        AtomicFiles.write(out, stream -> {
            Npy.writeHeader(stream, Npy.DType.F8, new int[] {m.count(), 6, m.nx(), m.ny(), m.nz()});
            for (int i = 0; i < m.count(); i++) {
                Problem p = new Problem(m.nx(), m.ny(), m.nz(), m.sample(i), contrast, nu, Problem.unitStrain(component));
                Solution s = solver.solve(p, tol);
                ByteBuffer b = ByteBuffer.allocate(8 * 6 * n).order(ByteOrder.LITTLE_ENDIAN);
                b.asDoubleBuffer().put(s.strain(), 0, 6 * n);
                stream.write(b.array());
                o.printf(Locale.ROOT, "sample %d: %d iterations, residual %.3e, %.3f s%n", i, s.iterations(), s.residual(), s.seconds());
                o.flush();
            }
        });
        return 0;
    }
}
