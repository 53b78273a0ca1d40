package rln.design;

import rln.nn.LocalizationModel;
import rln.tensor.Tensor;

/**
 * The surrogate route: a trained localization network predicts eps_xx for the relaxed density, fed as its phase
 * indicators m1 = rho, m0 = 1 - rho, and the tape differentiates the prediction with respect to them
 * ({@link LocalizationModel#inputGradient}):
 * <pre>
 *   y = y_P(rho)                                   (the last pass; eps_xx / E_xx, mean 1)
 *   J = MatrixPeak(rho, y)
 *   dJ/drho = dJ/drho|explicit + (dy/drho)^T dJ/dy
 * </pre>
 * Only {@link Objective#MATRIX_PEAK}: the networks predict eps_xx alone, no stress. The networks were trained on
 * two-phase inputs; how far their predictions for grey voxels and their optimum are from the exact solver is what
 * the design report measures.
 */
public final class ModelRoute implements Route {
    private final LocalizationModel model;
    private final String name;
    private final int nx, ny, nz, n;
    private final double p;

    /** @param name how the model was given (a directory, trained:NAME, published:NAME), for reports */
    public ModelRoute(LocalizationModel model, String name, int nx, int ny, int nz, double p) {
        this.model = model;
        this.name = name;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.n = nx * ny * nz;
        this.p = p;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Evaluation evaluate(double[] rho) {
        double[] exx = new double[n], dJdExx = new double[n], dJdRho = new double[n], objective = new double[1];
        LocalizationModel.InputGradient g = model.inputGradient(Tensor.wrap(rho.clone(), 1, nx, ny, nz, 1), y -> {
            for (int e = 0; e < n; e++) exx[e] = y.get(e);
            objective[0] = MatrixPeak.value(rho, exx, p, dJdExx, dJdRho);
            return Tensor.wrap(dJdExx, 1, nx, ny, nz, 1);
        });
        double[] gradient = new double[n];
        for (int e = 0; e < n; e++) gradient[e] = dJdRho[e] + g.gradient().get(e);
        return new Evaluation(objective[0], gradient, exx, 0);
    }

    /** The surrogate's objective of a two-phase microstructure (no gradient). */
    public double predicted(byte[] phase) {
        float[] m = new float[n];
        for (int e = 0; e < n; e++) m[e] = phase[e];
        Tensor y = model.predict(Tensor.wrap(m, 1, nx, ny, nz, 1)).get(model.passes() - 1);
        double[] rho = new double[n], exx = new double[n];
        for (int e = 0; e < n; e++) {
            rho[e] = phase[e];
            exx[e] = y.get(e);
        }
        return MatrixPeak.value(rho, exx, p, null, null);
    }
}
