package rln.nn;

import rln.tensor.Tensor;

/**
 * Conversions between PyTorch's weight layouts and this project's channels-last ones
 * ({@link rln.kernels.ConvGeometry}). Both are one permutation of the axes:
 * <pre>
 *   Conv3d           PyTorch [Co, Ci, kd, kh, kw]  <->  ours [kd, kh, kw, Ci, Co]
 *   ConvTranspose3d  PyTorch [Ci, Co, kd, kh, kw]  <->  ours [kd, kh, kw, Co, Ci]   (ConvOps.convTranspose3d)
 *   ours[a,b,e,i,j] = torch[j,i,a,b,e]       (numpy: torch.transpose(2,3,4,1,0))
 * </pre>
 * Biases and PReLU slopes ([C]) are the same in both.
 */
public final class TorchLayout {
    private TorchLayout() {}

    /** The PyTorch shape of a tensor of ours. */
    public static int[] torchShape(int[] ours) {
        if (ours.length != 5) return ours.clone();
        return new int[] {ours[4], ours[3], ours[0], ours[1], ours[2]};
    }

    /** Our shape of a PyTorch weight tensor. */
    public static int[] ourShape(int[] torch) {
        if (torch.length != 5) return torch.clone();
        return new int[] {torch[2], torch[3], torch[4], torch[1], torch[0]};
    }

    /** ours[a,b,e,i,j] = torch[j,i,a,b,e] for a 5-d weight; a copy for anything else. */
    public static float[] fromTorch(float[] torch, int[] torchShape) {
        if (torchShape.length != 5) return torch.clone();
        int J = torchShape[0], I = torchShape[1], A = torchShape[2], B = torchShape[3], E = torchShape[4];
        float[] ours = new float[torch.length];
        for (int j = 0; j < J; j++)
            for (int i = 0; i < I; i++)
                for (int a = 0; a < A; a++)
                    for (int b = 0; b < B; b++)
                        for (int e = 0; e < E; e++)
                            ours[(((a * B + b) * E + e) * I + i) * J + j] = torch[(((j * I + i) * A + a) * B + b) * E + e];
        return ours;
    }

    /** The inverse of {@link #fromTorch}: torch[j,i,a,b,e] = ours[a,b,e,i,j]. */
    public static float[] toTorch(Tensor ours) {
        int[] s = ours.shape();
        float[] src = new float[ours.size()];
        for (int q = 0; q < src.length; q++) src[q] = (float) ours.get(q);
        if (s.length != 5) return src;
        int A = s[0], B = s[1], E = s[2], I = s[3], J = s[4];
        float[] torch = new float[src.length];
        for (int a = 0; a < A; a++)
            for (int b = 0; b < B; b++)
                for (int e = 0; e < E; e++)
                    for (int i = 0; i < I; i++)
                        for (int j = 0; j < J; j++)
                            torch[(((j * I + i) * A + a) * B + b) * E + e] = src[(((a * B + b) * E + e) * I + i) * J + j];
        return torch;
    }
}
