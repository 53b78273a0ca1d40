/**
 * The learned localization models of METHOD.md section 4: the Lippmann-Schwinger iteration unrolled, its
 * Green-operator convolution replaced by a small 3D V-net.
 * <ul>
 * <li>{@link rln.nn.ProximalNetwork}: the authors' "TinyVNet" (132,801 parameters), layer by layer, named as in
 *     their PyTorch state dict.</li>
 * <li>{@link rln.nn.LocalizationNetwork}: the recurrence y_(k+1) = 1 + p_k - mean(p_k) around it, for
 *     {@link rln.nn.ModelKind} FLN (1 pass), RLN-t (5 passes, tied) and RLN (5 passes, a network per pass);
 *     inference, and the loss and gradients of a training step pass by pass (optionally recomputing each pass's
 *     internals during backward to save memory).</li>
 * <li>{@link rln.nn.Models}: create (PyTorch's default initialization), save / load (model.json + one .npy per
 *     tensor in PyTorch layout, {@link rln.nn.TorchLayout}), import the authors' tensors, and the four published
 *     models shipped in the jar.</li>
 * <li>{@link rln.nn.InputAxes}: the loading-axis convention (ours: x = axis 0; the authors': x = last axis).</li>
 * <li>{@code rln.nn.mks}: the first-order MKS baseline.</li>
 * </ul>
 */
package rln.nn;
