/**
 * The cell problem every scheme solves, and what it returns: {@link rln.solve.problem.Problem} (a periodic
 * two-phase microstructure, the phases' stiffness and the applied mean strain E), {@link rln.solve.problem.Solution}
 * (the strain field and the iteration count) and the {@link rln.solve.problem.Solver} interface the schemes of
 * {@code rln.solve.hex8} and {@code rln.solve.spectral} implement. It sits below both, and {@link rln.solve.Solvers}
 * (the factory that knows the schemes) above them, so the solve packages depend one way.
 */
package rln.solve.problem;
