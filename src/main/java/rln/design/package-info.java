/**
 * Microstructure design by gradient descent (the poster's closing claim, issue 9): a relaxed density per voxel,
 * optimized by MMA, with the gradient taken exactly through the FE solver's adjoint or through a trained network on
 * the tape.
 * <ul>
 * <li>The design variables and what they stand for: {@link rln.design.DensityFilter} (cone filter, periodic),
 *     {@link rln.design.Projection} (smoothed Heaviside, continuation in beta), {@link rln.design.Interpolation}
 *     (SIMP between the two solids), chained in {@link rln.design.DensityMap}.</li>
 * <li>What is optimized: {@link rln.design.Objective}, {@link rln.design.MatrixPeak} (the strain p-mean in the
 *     matrix), {@link rln.design.EffectiveC11}.</li>
 * <li>How it is evaluated: {@link rln.design.Route}, {@link rln.design.FeRoute} (hex8 B-bar and
 *     rln.solve.hex8.Hex8Adjoint), {@link rln.design.ModelRoute} (LocalizationModel.inputGradient).</li>
 * <li>The optimizer and the loop: {@link rln.design.Mma} (Svanberg), {@link rln.design.Designer},
 *     {@link rln.design.DesignConfig}; the seeded start {@link rln.design.Start}; a whole run with its files,
 *     {@link rln.design.DesignRun} and {@link rln.design.DesignFigure}.</li>
 * </ul>
 * It sits above nn/train (it uses solve, io, nn) and below cli; nothing below imports it.
 */
package rln.design;
