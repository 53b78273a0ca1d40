package rln.micro;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A dataset's worth of random microstructures: {@code count} samples on an n x n x n grid from one seed.
 * Sample i depends only on (seed, count, i): its parameters come from a Latin hypercube over the whole
 * dataset and its randomness from the stream (seed, SAMPLE, i) (see {@link SeededStreams}), so any shard of
 * the index range reproduces exactly what a single run makes there. Families are immutable and thread-safe.
 */
public abstract class Family {
    /** The kinds {@code rln generate --kind} accepts. */
    public static final String[] KINDS = {"grf", "spheres", "laminate"};

    protected final int n;
    protected final long seed;
    protected final LatinHypercube design;

    protected Family(int n, long seed, int count, int lhsDims) {
        if (n < 2) throw new IllegalArgumentException("size must be >= 2, got " + n);
        this.n = n;
        this.seed = seed;
        this.design = new LatinHypercube(seed, count, lhsDims);
    }

    /** The family named {@code kind} (one of {@link #KINDS}). */
    public static Family create(String kind, int n, long seed, int count) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "grf" -> new Grf(n, seed, count);
            case "spheres" -> new Spheres(n, seed, count);
            case "laminate" -> new Laminates(n, seed, count);
            default -> throw new IllegalArgumentException("unknown kind '" + kind + "' (expected grf, spheres or laminate)");
        };
    }

    public abstract String kind();

    /** The parameter ranges and mappings, as recorded in meta.json. */
    public abstract Map<String, Object> description();

    /** Sample {@code index} in [0, count). */
    public final Sample sample(int index) {
        if (index < 0 || index >= design.count()) throw new IndexOutOfBoundsException("sample " + index + " of " + design.count());
        SplittableRandom random = SeededStreams.stream(seed, SeededStreams.SAMPLE, index);
        return make(design.point(index, random), random);
    }

    /** Builds a sample from its Latin-hypercube point u in [0,1)^dims and its own random stream. */
    protected abstract Sample make(double[] u, SplittableRandom random);

    /** ceil(u * n) clamped to 1..n: the authors' map from a unit LHS coordinate to a grain size. */
    static int grainSize(double u, int n) {
        return Math.max(1, Math.min(n, (int) Math.ceil(u * n)));
    }

    // ---------------------------------------------------------------------------------------- the kinds

    /** Gaussian random fields: LHS over (g_x, g_y, g_z, vf), g_a = ceil(u n) in 1..n, vf = u in [0, 1). */
    static final class Grf extends Family {
        Grf(int n, long seed, int count) {
            super(n, seed, count, 4);
        }

        @Override public String kind() { return "grf"; }

        @Override
        public Map<String, Object> description() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", kind());
            d.put("method", "uniform noise, periodic Gaussian blur (sigma_a = g_a/(2 pi), window of g_a voxels), thresholded at the vf quantile");
            d.put("sampling", "latin hypercube over (gx, gy, gz, vf)");
            d.put("g_range", new int[] {1, n});
            d.put("g_map", "g = ceil(u * size)");
            d.put("vf_range", new double[] {0, 1});
            return d;
        }

        @Override
        protected Sample make(double[] u, SplittableRandom random) {
            int gx = grainSize(u[0], n), gy = grainSize(u[1], n), gz = grainSize(u[2], n);
            double vf = u[3];
            byte[] phase = GaussianRandomField.generate(n, n, n, gx, gy, gz, vf, random);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("gx", gx);
            p.put("gy", gy);
            p.put("gz", gz);
            p.put("vf_target", vf);
            p.put("vf", Sample.stiffFraction(phase));
            return new Sample(phase, p);
        }
    }

    /** Random periodic spheres: LHS over (target fraction in [0.05, 0.5], rMax in [2, max(2, n/4)]); rMin = rMax/2. */
    static final class Spheres extends Family {
        static final double VF_MIN = 0.05, VF_MAX = 0.5, R_MIN = 2;
        static final int MAX_COUNT = 10_000;

        Spheres(int n, long seed, int count) {
            super(n, seed, count, 2);
        }

        double rMaxLimit() {
            return Math.max(R_MIN, n / 4.0);
        }

        @Override public String kind() { return "spheres"; }

        @Override
        public Map<String, Object> description() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", kind());
            d.put("method", "periodic spheres, centres uniform, radius uniform in [r_max/2, r_max], overlaps allowed, added until the stiff fraction reaches the target");
            d.put("sampling", "latin hypercube over (vf_target, r_max)");
            d.put("vf_target_range", new double[] {VF_MIN, VF_MAX});
            d.put("r_max_range", new double[] {R_MIN, rMaxLimit()});
            d.put("max_count", MAX_COUNT);
            return d;
        }

        @Override
        protected Sample make(double[] u, SplittableRandom random) {
            double target = VF_MIN + u[0] * (VF_MAX - VF_MIN);
            double rMax = R_MIN + u[1] * (rMaxLimit() - R_MIN);
            Inclusions.Result r = Inclusions.spheres(n, n, n, MAX_COUNT, rMax / 2, rMax, target, random);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("vf_target", target);
            p.put("r_max", rMax);
            p.put("spheres", r.spheres());
            p.put("vf", Sample.stiffFraction(r.phase()));
            return new Sample(r.phase(), p);
        }
    }

    /** Laminates: LHS over (normal axis = floor(3u), layer fraction in [0, 1]); offset uniform in 0..n-1. */
    static final class Laminates extends Family {
        Laminates(int n, long seed, int count) {
            super(n, seed, count, 2);
        }

        @Override public String kind() { return "laminate"; }

        @Override
        public Map<String, Object> description() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("kind", kind());
            d.put("method", "stiff layers [offset, offset + round(f n)) normal to one axis");
            d.put("sampling", "latin hypercube over (axis, f); axis = floor(3u); offset uniform in 0..size-1");
            d.put("f_range", new double[] {0, 1});
            return d;
        }

        @Override
        protected Sample make(double[] u, SplittableRandom random) {
            int axis = Math.min(2, (int) (3 * u[0]));
            double f = u[1];
            int offset = random.nextInt(n);
            byte[] phase = Laminate.generate(n, n, n, axis, f, offset);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("axis", axis);
            p.put("f", f);
            p.put("offset", offset);
            p.put("vf", Sample.stiffFraction(phase));
            return new Sample(phase, p);
        }
    }
}
