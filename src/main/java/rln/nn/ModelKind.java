package rln.nn;

/**
 * The three localization models of METHOD.md section 4. They share the proximal network and the recurrence
 * y_(k+1) = 1 + p_k - mean(p_k); they differ in how many passes run and how many networks there are.
 */
public enum ModelKind {
    /** Feed-forward localization network: one pass, one network. */
    FLN("fln"),
    /** Recurrent localization network, tied: every pass runs the same network. */
    RLN_T("rln-t"),
    /** Recurrent localization network: a separate network per pass. */
    RLN("rln");

    /** The name used on the command line and in model.json. */
    public final String id;

    ModelKind(String id) {
        this.id = id;
    }

    /** The kind named {@code id} ("fln", "rln-t" or "rln"). */
    public static ModelKind parse(String id) {
        for (ModelKind k : values()) if (k.id.equals(id)) return k;
        throw new IllegalArgumentException("unknown model kind '" + id + "' (expected " + names() + ")");
    }

    /** Number of proximal networks for {@code passes} passes: one, except for the untied RLN (one per pass). */
    public int networks(int passes) {
        return this == RLN ? passes : 1;
    }

    /** The passes a kind allows: FLN exactly 1, the recurrent kinds 1 or more (the paper: 5). */
    public void checkPasses(int passes) {
        if (this == FLN && passes != 1) throw new IllegalArgumentException("an FLN has exactly 1 pass, got " + passes);
        if (passes < 1 || passes > 100) throw new IllegalArgumentException(id + ": passes must be in 1..100, got " + passes);
    }

    /** The paper's number of passes: 1 for FLN, 5 for RLN-t and RLN. */
    public int defaultPasses() {
        return this == FLN ? 1 : 5;
    }

    /** The passes of a model of this kind: {@code requested}, checked ({@link #checkPasses}), or the default when null. */
    public int passes(Integer requested) {
        if (requested == null) return defaultPasses();
        checkPasses(requested);
        return requested;
    }

    /** The kinds' names as the command line takes them: "fln, rln-t or rln". */
    public static String names() {
        return FLN.id + ", " + RLN_T.id + " or " + RLN.id;
    }

    @Override
    public String toString() {
        return id;
    }
}
