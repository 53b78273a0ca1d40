package rln.nn.mks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rln.fft.RealFft3;
import rln.io.AtomicFiles;
import rln.io.InputException;
import rln.io.Json;
import rln.io.Npy;
import rln.util.Parallel;

/**
 * The first-order Materials Knowledge System (MKS) localization baseline, as in PyMKS's LocalizationRegressor
 * with the two-state primitive basis:
 * <pre>
 *   eps_xx(x) = sum_{h=0,1} (alpha_h * m_h)(x) = sum_h sum_r alpha_h(r) m_h(x - r)       (periodic)
 *   in Fourier space, per wave vector k:   P(k) = sum_h alpha_h(k) M_h(k)
 * </pre>
 * with m_0, m_1 the phase indicators (m_0 = 1 on the soft phase) and alpha_h the influence coefficients,
 * fitted by least squares over the training set independently for every k:
 * <pre>
 *   alpha(k) = argmin_a  sum_n | Y_n(k) - sum_h a_h M_{h,n}(k) |^2
 * </pre>
 *
 * <p><b>Which k are rank-deficient.</b> Because m_0 + m_1 = 1, M_0(k) + M_1(k) = V delta(k) (V voxels):
 * <ul>
 * <li>k != 0: M_1(k) = -M_0(k) for every sample, so the two columns are parallel: only the difference
 *   beta(k) = alpha_0(k) - alpha_1(k) is determined, beta(k) = sum_n conj(M_0n) Y_n / sum_n |M_0n|^2.
 *   We take the minimum-norm solution alpha_0 = beta/2, alpha_1 = -beta/2 (what PyMKS's SVD-based lstsq
 *   returns without a redundancy function). When sum_n |M_0n(k)|^2 is at round-off level (no training sample
 *   has Fourier content at k; cut-off {@link #RCOND} relative to its largest possible value V^2 n), that k is
 *   unobserved and alpha(k) = 0, the minimum-norm solution of the zero system.</li>
 * <li>k = 0: M_h(0) = V f_h (volume fractions) and Y_n(0) = V mean(y_n): the fit is the regression of the mean
 *   strain on the volume fraction, mean(y) = alpha_0(0) f_0 + alpha_1(0) f_1, full rank whenever the training
 *   set holds at least two different volume fractions; solved in centred form (slope cov(f_0, mean y) /
 *   var(f_0)) for accuracy. If all volume fractions are equal it is rank 1 and we take the minimum-norm
 *   solution alpha(0) = mean(y) (f_0, f_1) / (f_0^2 + f_1^2).</li>
 * </ul>
 * The model's single source of truth is the real-space influence kernel alpha_h(x) (saved as is); its
 * spectrum is recomputed from it, so a saved-and-loaded model predicts bit for bit like the fitted one.
 * Instances are immutable and thread-safe.
 */
public final class MksModel {
    /** Number of local states (phases): the primitive basis of a two-phase composite. */
    public static final int STATES = 2;
    /** Relative cut-off below which a wave vector counts as unobserved in the training set (see class doc). */
    public static final double RCOND = 1e-10;
    /** Format tag written to model.json. */
    public static final String KIND = "mks-first-order";

    private final int nx, ny, nz;
    private final double[][] influence;
    private final double[][] influenceSpectrum;
    private final int trainingSamples;
    private final String k0Solution;
    /** One transform per thread (a RealFft3 holds scratch space and its set-up is not free): predict is thread-safe. */
    private final ThreadLocal<RealFft3> transforms;

    private MksModel(int nx, int ny, int nz, double[][] influence, int trainingSamples, String k0Solution) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.influence = influence;
        this.trainingSamples = trainingSamples;
        this.k0Solution = k0Solution;
        this.transforms = ThreadLocal.withInitial(() -> RealFft3.create(nx, ny, nz));
        RealFft3 fft = transforms.get();
        this.influenceSpectrum = new double[STATES][fft.spectrumLength()];
        for (int h = 0; h < STATES; h++) fft.forward(influence[h], influenceSpectrum[h]);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    public int trainingSamples() { return trainingSamples; }
    /** "least-squares" (distinct volume fractions in the training set) or "minimum-norm" (all equal). */
    public String k0Solution() { return k0Solution; }

    /** A copy of the real-space influence coefficients alpha_h(x), C order. */
    public double[] influence(int h) {
        return influence[h].clone();
    }

    /** The phase-h indicator m_h(x) = [micro(x) == h] as doubles. */
    public static double[] indicator(byte[] micro, int h) {
        double[] m = new double[micro.length];
        for (int x = 0; x < micro.length; x++) m[x] = micro[x] == h ? 1.0 : 0.0;
        return m;
    }

    // ------------------------------------------------------------------------------------------ fitting

    /**
     * Fits the influence coefficients to training pairs (micros[n], exx[n]) on an nx x ny x nz grid.
     * Neither input is modified. Deterministic: the samples are split into a fixed number of groups whose
     * sums are added in order, whatever the thread count.
     */
    public static MksModel fit(byte[][] micros, double[][] exx, int nx, int ny, int nz) {
        int n = micros.length;
        if (n == 0) throw new IllegalArgumentException("no training samples");
        if (exx.length != n) throw new IllegalArgumentException(n + " microstructures but " + exx.length + " strain fields");
        int v = nx * ny * nz;
        for (int s = 0; s < n; s++) {
            if (micros[s].length != v) throw new IllegalArgumentException("microstructure " + s + " has " + micros[s].length + " voxels, grid " + v);
            if (exx[s].length != v) throw new IllegalArgumentException("strain field " + s + " has " + exx[s].length + " voxels, grid " + v);
            checkPhases(micros[s], s);
        }
        int len = RealFft3.create(nx, ny, nz).spectrumLength();

        // k != 0 accumulators: g(k) = sum_n |M_0n(k)|^2, b(k) = sum_n conj(M_0n(k)) Y_n(k); fixed groups, summed in order.
        int groups = Math.min(n, 8);
        double[][] g = new double[groups][len / 2];
        double[][] b = new double[groups][len];
        Parallel.forChunks(n, groups, (c, from, to) -> {
            RealFft3 fft = RealFft3.create(nx, ny, nz);
            double[] m0 = new double[len], y = new double[len];
            for (int s = from; s < to; s++) {
                fft.forward(indicator(micros[s], 0), m0);
                fft.forward(exx[s], y);
                for (int k = 0; k < len / 2; k++) {
                    double mr = m0[2 * k], mi = m0[2 * k + 1], yr = y[2 * k], yi = y[2 * k + 1];
                    g[c][k] += mr * mr + mi * mi;
                    b[c][2 * k] += mr * yr + mi * yi;      // Re(conj(M) Y)
                    b[c][2 * k + 1] += mr * yi - mi * yr;  // Im(conj(M) Y)
                }
            }
        });
        for (int c = 1; c < groups; c++)
            for (int k = 0; k < len / 2; k++) {
                g[0][k] += g[c][k];
                b[0][2 * k] += b[c][2 * k];
                b[0][2 * k + 1] += b[c][2 * k + 1];
            }

        double[][] alpha = new double[STATES][len];
        double cutoff = RCOND * RCOND * (double) v * v * n;   // on sigma^2 = g: sigma <= RCOND * V sqrt(n)
        for (int k = 1; k < len / 2; k++) {
            if (g[0][k] <= cutoff) continue;                   // unobserved wave vector: alpha(k) = 0
            double betaRe = b[0][2 * k] / g[0][k], betaIm = b[0][2 * k + 1] / g[0][k];
            alpha[0][2 * k] = betaRe / 2;
            alpha[0][2 * k + 1] = betaIm / 2;
            alpha[1][2 * k] = -betaRe / 2;
            alpha[1][2 * k + 1] = -betaIm / 2;
        }

        // k = 0: regress the mean strain on the volume fraction f_0 (f_1 = 1 - f_0).
        double[] f0 = new double[n], meanY = new double[n];
        boolean allEqual = true;
        for (int s = 0; s < n; s++) {
            int count0 = 0;
            for (byte p : micros[s]) if (p == 0) count0++;
            f0[s] = (double) count0 / v;
            double sum = 0;
            for (double e : exx[s]) sum += e;
            meanY[s] = sum / v;
            if (f0[s] != f0[0]) allEqual = false;
        }
        double fBar = mean(f0), yBar = mean(meanY);
        String k0;
        double a0, a1;
        if (allEqual) {
            double f1 = 1 - fBar;
            a0 = yBar * fBar / (fBar * fBar + f1 * f1);
            a1 = yBar * f1 / (fBar * fBar + f1 * f1);
            k0 = "minimum-norm";
        } else {
            double cov = 0, var = 0;
            for (int s = 0; s < n; s++) {
                cov += (f0[s] - fBar) * (meanY[s] - yBar);
                var += (f0[s] - fBar) * (f0[s] - fBar);
            }
            double slope = cov / var;            // mean y = intercept + slope * f_0 = alpha_1(0) + (alpha_0(0) - alpha_1(0)) f_0
            a1 = yBar - slope * fBar;
            a0 = a1 + slope;
            k0 = "least-squares";
        }
        // the stored alpha_h(k = 0) is the sum over voxels of alpha_h(x), the coefficient of V f_h in P(0)
        alpha[0][0] = a0;
        alpha[1][0] = a1;

        RealFft3 fft = RealFft3.create(nx, ny, nz);
        double[][] kernel = new double[STATES][v];
        for (int h = 0; h < STATES; h++) fft.inverse(alpha[h].clone(), kernel[h]);
        return new MksModel(nx, ny, nz, kernel, n, k0);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s / a.length;
    }

    private static void checkPhases(byte[] micro, int sample) {
        for (int x = 0; x < micro.length; x++)
            if (micro[x] != 0 && micro[x] != 1)
                throw new IllegalArgumentException("microstructure " + sample + " voxel " + x + " holds " + (micro[x] & 0xff) + ", expected 0 or 1");
    }

    // ------------------------------------------------------------------------------------------ predicting

    /**
     * eps_xx(x) = sum_h (alpha_h * m_h)(x). With m_1 = 1 - m_0 this is
     * <pre>
     *   eps_xx(x) = ((alpha_0 - alpha_1) * m_0)(x) + sum_r alpha_1(r)
     *             = F^-1[ (alpha_0(k) - alpha_1(k)) M_0(k) ](x) + alpha_1(k = 0)
     * </pre>
     * one forward and one inverse FFT ({@link InfluenceConvolution#predict} is the literal sum over h, the
     * reference this is tested against). {@code micro} is not modified.
     */
    public double[] predict(byte[] micro) {
        if (micro.length != nx * ny * nz)
            throw new IllegalArgumentException("microstructure has " + micro.length + " voxels, model grid " + nx + "x" + ny + "x" + nz);
        checkPhases(micro, 0);
        RealFft3 fft = transforms.get();
        int len = fft.spectrumLength();
        double[] m0 = new double[len], p = new double[len];
        fft.forward(indicator(micro, 0), m0);
        double[] a0 = influenceSpectrum[0], a1 = influenceSpectrum[1];
        for (int k = 0; k < len; k += 2) {               // P(k) = (alpha_0(k) - alpha_1(k)) M_0(k)   (complex product)
            double dr = a0[k] - a1[k], di = a0[k + 1] - a1[k + 1];
            p[k] = dr * m0[k] - di * m0[k + 1];
            p[k + 1] = dr * m0[k + 1] + di * m0[k];
        }
        double[] out = new double[nx * ny * nz];
        fft.inverse(p, out);
        double alpha1Sum = a1[0];                          // alpha_1(k = 0) = sum_r alpha_1(r)
        for (int x = 0; x < out.length; x++) out[x] += alpha1Sum;
        return out;
    }

    /** {@link #predict(byte[])} rounded to float (the layout of model predictions on disk). */
    public float[] predictFloat(byte[] micro) {
        double[] p = predict(micro);
        float[] f = new float[p.length];
        for (int x = 0; x < p.length; x++) f[x] = (float) p[x];
        return f;
    }

    // ------------------------------------------------------------------------------------------ save / load

    /**
     * Writes {@code dir}/influence.npy ((2, nx, ny, nz) float64, alpha_0 then alpha_1) and then
     * {@code dir}/model.json, each atomically; model.json is written last and names the shape, so a reader
     * never takes a half-written model for a whole one.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        int v = nx * ny * nz;
        double[] both = new double[STATES * v];
        for (int h = 0; h < STATES; h++) System.arraycopy(influence[h], 0, both, h * v, v);
        Npy.writeDoubles(dir.resolve("influence.npy"), both, STATES, nx, ny, nz);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("states", STATES);
        m.put("shape", List.of(nx, ny, nz)); // a list, not an int[]: the object then spans lines, as model.json always has
        m.put("training_samples", trainingSamples);
        m.put("k0_solution", k0Solution);
        m.put("rcond", RCOND);
        m.put("influence", "influence.npy (states, nx, ny, nz) float64, alpha_h(x) in real space");
        AtomicFiles.writeString(dir.resolve("model.json"), Json.write(m));
    }

    /** True when {@code dir}/model.json describes an MKS model (and not a network). */
    public static boolean isModelDirectory(Path dir) {
        Path jsonFile = dir.resolve("model.json");
        return Files.exists(jsonFile) && KIND.equals(readJson(jsonFile).get("kind"));
    }

    /** Reads a model written by {@link #save(Path)}; bad or missing files raise an {@link InputException}. */
    public static MksModel load(Path dir) {
        Path jsonFile = dir.resolve("model.json");
        Map<String, Object> json = readJson(jsonFile);
        if (!KIND.equals(json.get("kind"))) throw InputException.of(jsonFile, "\"kind\" is not \"" + KIND + "\"");
        if (!(json.get("shape") instanceof List<?> shape) || shape.size() != 3 || !shape.stream().allMatch(x -> x instanceof Long l && l >= 1 && l <= 1 << 20))
            throw InputException.of(jsonFile, "\"shape\" must be [nx, ny, nz], found " + json.get("shape"));
        int nx = (int) (long) (Long) shape.get(0), ny = (int) (long) (Long) shape.get(1), nz = (int) (long) (Long) shape.get(2);
        int samples = json.get("training_samples") instanceof Long t ? (int) (long) t : 0;
        if (!(json.get("k0_solution") instanceof String k0)) throw InputException.of(jsonFile, "no \"k0_solution\" entry");
        Path npy = dir.resolve("influence.npy");
        Npy.Array a = Npy.read(npy);
        if (a.dtype != Npy.DType.F8 || a.rank() != 4 || a.shape[0] != STATES || a.shape[1] != nx || a.shape[2] != ny || a.shape[3] != nz)
            throw InputException.of(npy, "expected shape (" + STATES + ", " + nx + ", " + ny + ", " + nz + ") float64 as model.json says, found "
                    + a.shapeString() + " " + a.dtype.descr);
        double[] both = a.toDoubles();
        int v = nx * ny * nz;
        double[][] kernel = new double[STATES][];
        for (int h = 0; h < STATES; h++) {
            kernel[h] = java.util.Arrays.copyOfRange(both, h * v, (h + 1) * v);
            for (double x : kernel[h]) if (!Double.isFinite(x)) throw InputException.of(npy, "holds a non-finite coefficient");
        }
        return new MksModel(nx, ny, nz, kernel, samples, k0);
    }

    private static Map<String, Object> readJson(Path jsonFile) {
        try {
            return Json.parseObject(jsonFile, Files.readString(jsonFile));
        } catch (IOException e) {
            throw InputException.of(jsonFile, e instanceof java.nio.file.NoSuchFileException ? "missing (not an MKS model directory)" : "cannot read (" + e.getMessage() + ")");
        }
    }
}
