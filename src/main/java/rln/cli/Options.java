package rln.cli;

import rln.io.InputException;
import rln.solve.Element;

/** Checks of option values shared by the commands; each failure names the option and what was expected. */
final class Options {
    private Options() {}

    static void contrast(double c) {
        if (!(c > 0) || !Double.isFinite(c)) throw new InputException("--contrast: must be a finite number > 0, got " + c);
    }

    static void nu(double nu) {
        if (!(nu > -1 && nu < 0.5)) throw new InputException("--nu: Poisson's ratio must be in (-1, 0.5), got " + nu);
    }

    static void tolerance(double tol) {
        if (!(tol > 0 && tol < 1)) throw new InputException("--tol: must be in (0, 1), got " + tol);
    }

    static int threads(Integer t) {
        if (t == null) return Runtime.getRuntime().availableProcessors();
        if (t < 1) throw new InputException("--threads: must be >= 1, got " + t);
        return t;
    }

    static Element element(String name) {
        try {
            return Element.parse(name);
        } catch (IllegalArgumentException e) {
            throw new InputException("--element: " + e.getMessage());
        }
    }

    /** The Voigt index of a strain component name xx, yy, zz, yz, xz, xy. */
    static int strainComponent(String name) {
        String[] names = {"xx", "yy", "zz", "yz", "xz", "xy"};
        for (int i = 0; i < 6; i++) if (names[i].equalsIgnoreCase(name)) return i;
        throw new InputException("--strain: unknown component '" + name + "' (expected xx, yy, zz, yz, xz or xy)");
    }

    /** The passes of a model kind: FLN has 1; RLN-t and RLN 5 unless {@code --passes} says otherwise. */
    static int passes(String kind, Integer passes) {
        switch (kind) {
            case "fln" -> {
                if (passes != null && passes != 1) throw new InputException("--passes: FLN has one pass, got " + passes);
                return 1;
            }
            case "rln-t", "rln" -> {
                if (passes != null && passes < 1) throw new InputException("--passes: must be >= 1, got " + passes);
                return passes == null ? 5 : passes;
            }
            default -> throw new InputException("--model: unknown model '" + kind + "' (expected fln, rln-t, rln or cnn)");
        }
    }
}
