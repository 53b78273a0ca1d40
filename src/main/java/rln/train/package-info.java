/**
 * Training parts with PyTorch's semantics: {@link rln.train.Adam} (bias-corrected),
 * {@link rln.train.GradClip} (clip_grad_norm_), {@link rln.train.CosineAnnealing} (CosineAnnealingLR).
 * The training loop itself comes later.
 */
package rln.train;
