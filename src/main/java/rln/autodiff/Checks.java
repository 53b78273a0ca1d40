package rln.autodiff;

import java.util.Arrays;

/** Argument checks shared by the ops: one clear message naming the op and the offending shapes. */
final class Checks {
    private Checks() {}

    static void samePrecision(String op, Var... vs) {
        Var first = null;
        for (Var v : vs) {
            if (v == null) continue;
            if (first == null) first = v;
            else if (v.precision() != first.precision())
                throw new IllegalArgumentException(op + ": mixed precisions " + first.precision() + " and " + v.precision());
        }
    }

    static void rank(String op, Var v, int rank, String layout) {
        if (v.value().rank() != rank)
            throw new IllegalArgumentException(op + ": expected a " + layout + " tensor, got shape " + Arrays.toString(v.shape()));
    }

    static void sameShape(String op, Var a, Var b) {
        if (!a.value().sameShape(b.value()))
            throw new IllegalArgumentException(op + ": shapes differ " + Arrays.toString(a.shape()) + " vs " + Arrays.toString(b.shape()));
    }
}
