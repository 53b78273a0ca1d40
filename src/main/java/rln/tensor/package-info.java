/**
 * Tensors: dense float (fast path) or double (reference path) arrays with a shape, channels-last for volumes
 * ({@code [N, D, H, W, C]}, as {@link rln.kernels.ConvGeometry}), a version counter for in-place changes,
 * and a bounded {@link rln.tensor.BufferPool} so that a training step reuses the previous step's arrays.
 */
package rln.tensor;
