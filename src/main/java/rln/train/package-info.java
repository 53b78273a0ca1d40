/**
 * Training and scoring (METHOD.md section 4). Parts with PyTorch's semantics: {@link rln.train.Adam}
 * (bias-corrected), {@link rln.train.GradClip} (clip_grad_norm_), {@link rln.train.CosineAnnealing}
 * (CosineAnnealingLR). The loop: {@link rln.train.Trainer} (epochs, best and final model, one progress line,
 * curve.csv and curve.png per epoch) with {@link rln.train.Checkpoint} (atomic, bitwise resume) and
 * {@link rln.train.TrainingConfig}; data in memory: {@link rln.train.TrainingData}. Scores:
 * {@link rln.train.Metrics} (MASE), {@link rln.train.Evaluation} (a model over a set, per pass), and
 * {@link rln.train.MksLocalization} (the MKS baseline scored like the networks).
 */
package rln.train;
