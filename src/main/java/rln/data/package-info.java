/**
 * Datasets: where they are made, and where the rest of their code lives. A dataset is a directory (INTERFACES.md):
 * micro.npy, strain.npy or exx.npy, meta.json. Its code is split by what each piece needs, so that the packages
 * depend one way (micro -> solve -> io -> data -> cli, and io -> train):
 * <ul>
 * <li><b>here, {@code rln.data}: making one.</b> {@link rln.data.DatasetBuilder} generates microstructures
 *     ({@code rln.micro}), solves them ({@code rln.solve}) in parallel and writes the directory, checkpointed and
 *     resumable; {@link rln.data.Shard} is the index range of one shard of a run.</li>
 * <li><b>{@code rln.io}: the format.</b> {@link rln.io.Dataset} opens and checks a directory (or a directory of
 *     shards) and reads it one sample at a time; {@link rln.io.DatasetWriter} writes one atomically;
 *     {@link rln.io.Fields} names what it stores (all six components, or eps_xx). Training, evaluation and every
 *     command read datasets through these, without the solver.</li>
 * <li><b>{@code rln.train.TrainingData}: the training view.</b> A dataset in memory as the trainer batches it
 *     (phases and eps_xx / E_xx as float, read out in batches).</li>
 * </ul>
 * Nothing below {@code rln.cli} and {@code rln.demo} uses this package (pinned by {@code rln.ArchitectureTest}).
 */
package rln.data;
