package rln.design;

import java.util.Locale;

/** Development harness (not a test): java -cp ... rln.design.DesignExperiment N vf contrast objective seed iterations [key=value...] */
public final class DesignExperiment {
    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        double vf = Double.parseDouble(a[1]), c = Double.parseDouble(a[2]);
        Objective o = Objective.parse(a[3]);
        long seed = Long.parseLong(a[4]);
        DesignConfig d = DesignConfig.defaults(o, vf).withIterations(Integer.parseInt(a[5]));
        double R = d.filterRadius(), b0 = d.betaStart(), bmax = d.betaMax(), move = d.move(), q = d.penalization(), tolc = d.tolerance();
        int every = d.betaEvery();
        for (int i = 6; i < a.length; i++) {
            String[] kv = a[i].split("=");
            switch (kv[0]) {
                case "R" -> R = Double.parseDouble(kv[1]);
                case "b0" -> b0 = Double.parseDouble(kv[1]);
                case "bmax" -> bmax = Double.parseDouble(kv[1]);
                case "every" -> every = Integer.parseInt(kv[1]);
                case "move" -> move = Double.parseDouble(kv[1]);
                case "q" -> q = Double.parseDouble(kv[1]);
                case "tol" -> tolc = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException(kv[0]);
            }
        }
        DesignConfig cfg = new DesignConfig(o, vf, d.iterations(), R, b0, bmax, every, move, 0.5, q, tolc);
        byte[] start = Start.grf(n, vf, seed);
        FeRoute fe = new FeRoute(n, n, n, o, new Interpolation(c, q), 0.3, 8, true, 1e-8, 2);
        rln.util.Parallel.setThreads(2);
        long t0 = System.nanoTime();
        double j0 = fe.exact(start);
        Designer des = new Designer(n, n, n, cfg);
        FeRoute check = new FeRoute(n, n, n, o, new Interpolation(c, q), 0.3, 8, true, 1e-8, 2);
        des.observer = (rho, it) -> { if (it % 10 == 0) System.out.printf(Locale.ROOT, "   exact at %d: %.5f  (%.1f s)%n", it, check.exact(Designer.binarize(rho, vf)), (System.nanoTime() - t0) * 1e-9); };
        Designer.Result r = des.run(fe, start, s -> System.out.printf(Locale.ROOT,
                "%4d beta %5.1f J %.5f vf %.4f change %.3f grey %.3f it %d %.3fs%n", s.iteration(), s.beta(), s.objective(),
                s.volumeFraction(), s.change(), s.grey(), s.solverIterations(), s.seconds()));
        double j1 = fe.exact(r.design());
        System.out.printf(Locale.ROOT, "start exact %.5f  design exact %.5f  total %.1f s%n", j0, j1, (System.nanoTime() - t0) * 1e-9);
    }
}
