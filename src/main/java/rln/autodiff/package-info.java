/**
 * Reverse-mode automatic differentiation, micrograd style: every op is a static method that computes its
 * result and, right beside it, a closure holding its local chain rule; the formula sits in the Javadoc.
 * <pre>
 *   Parameter w = new Parameter("conv1.weight", Tensor.zeros(Precision.FLOAT, 3, 3, 3, 6, 16));
 *   try (Tape tape = Tape.open()) {
 *       Var h = ActivationOps.prelu(ConvOps.conv3d(x, w, b, 1, 1, Padding.CIRCULAR), slope);
 *       Var loss = LossOps.mse(h, target);
 *       tape.backward(loss);                // w.grad() += dloss/dw
 *   }                                       // the step's buffers go back to the pool
 * </pre>
 * <ul>
 * <li>{@link rln.autodiff.Tape}: records results in creation order (a topological order); backward seeds 1,
 *     walks it in reverse, accumulates (+=), then releases the graph.</li>
 * <li>{@link rln.autodiff.Var}, {@link rln.autodiff.Parameter}: values and gradients; parameters keep
 *     theirs across steps. {@link rln.autodiff.NoGrad}: a scope that records nothing (inference).</li>
 * <li>Ops by family: {@link rln.autodiff.ConvOps}, {@link rln.autodiff.ActivationOps},
 *     {@link rln.autodiff.ArithmeticOps} (NumPy broadcasting), {@link rln.autodiff.ShapeOps},
 *     {@link rln.autodiff.ReductionOps}, {@link rln.autodiff.LossOps}.</li>
 * <li>Each op is one loop for both precisions, written over {@link rln.autodiff.Values} (a tensor's numbers
 *     read as doubles, written rounded once to the tensor's precision). DOUBLE is the reference (gradient
 *     checks run there); FLOAT is float arithmetic term by term, with every sum over many terms (broadcast
 *     backward, reductions, the loss) accumulated in double over fixed blocks and rounded once. Only the
 *     kernels differ by precision: {@link rln.kernels.ReferenceConv3d} vs {@link rln.kernels.Kernels#conv3d()},
 *     the PReLU reference vs {@link rln.kernels.PointwisePrelu}, each pair held together by one test contract.</li>
 * <li>Saved tensors remember their version: changing one in place before backward fails loudly.</li>
 * <li>Determinism: pointwise work is split into fixed ranges and every sum runs over fixed blocks added in
 *     order, so the same inputs give the same bits (for these ops, whatever the thread count).</li>
 * </ul>
 */
package rln.autodiff;
