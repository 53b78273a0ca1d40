package rln.data;

/**
 * Shard i of k of a dataset of n samples: the contiguous block of global indices
 * <pre>
 *   [ floor(i n / k), floor((i + 1) n / k) )
 * </pre>
 * so the k shards tile 0..n-1 in order, sizes differing by at most one. {@code rln generate --shard i/k} makes
 * exactly these samples, identical to the ones a single run makes at those indices.
 */
public record Shard(int index, int of) {

    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (of < 1 || index < 0 || index >= of) throw new IllegalArgumentException("shard must be i/k with 0 <= i < k, got " + index + "/" + of);
    }

    /** Parses "i/k" (0-based i). */
    public static Shard parse(String s) {
        String[] p = s.trim().split("/", -1);
        if (p.length != 2) throw new IllegalArgumentException("expected i/k (e.g. 0/4), got '" + s + "'");
        int i, k;
        try {
            i = Integer.parseInt(p[0].trim());
            k = Integer.parseInt(p[1].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected i/k with integers (e.g. 0/4), got '" + s + "'");
        }
        if (k < 1 || i < 0 || i >= k) throw new IllegalArgumentException("expected i/k with 0 <= i < k, got '" + s + "'");
        return new Shard(i, k);
    }

    public int from(int n) {
        return (int) ((long) index * n / of);
    }

    public int to(int n) {
        return (int) ((long) (index + 1) * n / of);
    }

    /** "i/k", or null for the whole dataset (so a one-shard run writes the same meta.json as a plain run). */
    public String label() {
        return of == 1 ? null : index + "/" + of;
    }
}
