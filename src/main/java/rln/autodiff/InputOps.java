package rln.autodiff;

import java.util.Arrays;
import rln.tensor.Tensor;

/**
 * The input of the proximal network (METHOD.md section 4): the products of the phase indicators m_p with the
 * fields y_j, stacked as channels, in one pass instead of P x J products and a concatenation:
 * <pre>
 *   out[n,z,r,c, j*P + p] = m_p[n,z,r,c] * y_j[n,z,r,c]        (every m_p and y_j of shape [N,D,H,W,1])
 *   dm_p += dout[..., c] * y_j,  then  dy_j += dout[..., c] * m_p      for c = j*P + p from the last channel down
 * </pre>
 * This is {@code concatChannels(mul(m_0, y_0), mul(m_1, y_0), ..., mul(m_(P-1), y_(J-1)))} to the bit, forward and
 * backward (InputOpsTest): the same products, and each gradient entry receives the same additions in the same
 * order as the tape gives them there (the products' backward maps run in reverse, each reading its share of
 * dout, which the concatenation's backward has added onto a zero: the same value, a gradient never being -0).
 */
public final class InputOps {
    private InputOps() {}

    public static Var phaseProducts(Var[] phases, Var[] fields) {
        if (phases.length == 0 || fields.length == 0) throw new IllegalArgumentException("phaseProducts: no phases or no fields");
        Var[] all = new Var[phases.length + fields.length];
        System.arraycopy(phases, 0, all, 0, phases.length);
        System.arraycopy(fields, 0, all, phases.length, fields.length);
        Checks.samePrecision("phaseProducts", all);
        int[] shape = phases[0].shape();
        for (Var v : all)
            if (!Arrays.equals(v.shape(), shape) || shape[shape.length - 1] != 1)
                throw new IllegalArgumentException("phaseProducts: every phase and field must have the shape [..., 1] of the first, got "
                        + Arrays.toString(v.shape()) + " and " + Arrays.toString(shape));
        int P = phases.length, J = fields.length, C = P * J;
        int[] outShape = shape.clone();
        outShape[shape.length - 1] = C;
        Tensor y = Tape.newTensor(phases[0].precision(), false, outShape);
        int voxels = phases[0].value().size();
        Values Y = Values.of(y);
        Values[] M = new Values[P], F = new Values[J];
        for (int p = 0; p < P; p++) M[p] = Values.of(phases[p].value());
        for (int j = 0; j < J; j++) F[j] = Values.of(fields[j].value());
        Loops.range(voxels, C, (chunk, from, to) -> {
            for (int v = from; v < to; v++)
                for (int j = 0; j < J; j++)
                    for (int p = 0; p < P; p++) Y.set(v * C + j * P + p, M[p].get(v) * F[j].get(v));
        });
        return Var.result("phaseProducts", y, dout -> {
            Values D = Values.of(dout);
            Values[] GM = gradients(phases), GF = gradients(fields);
            Loops.range(voxels, C, (chunk, from, to) -> {
                for (int v = from; v < to; v++)
                    for (int c = C - 1; c >= 0; c--) {
                        int p = c % P, j = c / P;
                        double d = D.get(v * C + c);
                        if (GM[p] != null) GM[p].add(v, D.fl(d * F[j].get(v)));
                        if (GF[j] != null) GF[j].add(v, D.fl(d * M[p].get(v)));
                    }
            });
        }, all);
    }

    /** The gradients to accumulate into (null for a Var without one). */
    private static Values[] gradients(Var[] vs) {
        Values[] g = new Values[vs.length];
        for (int i = 0; i < vs.length; i++) g[i] = vs[i].requiresGrad() ? Values.of(vs[i].gradForAccumulation()) : null;
        return g;
    }
}
