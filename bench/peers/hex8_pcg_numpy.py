"""The hex8 (B-bar or full) FFT-preconditioned CG solver written independently in numpy, as a peer for the Java
solver (rln.solve.Hex8Solver): same FE system, same preconditioner, same stopping rule ||f - K w|| / ||f|| <= tol.

Usage (repository root, numpy 1.24):
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/peers/hex8_pcg_numpy.py [sizes, default 15,21,31,63]
Prints, per case, one JSON line: n, contrast, iterations, residual, seconds (median wall time of 3) and
cpu_seconds (median process CPU time), and for the fe21 test samples the max |difference| to the reference
strain fields in testdata/fe21. The microstructure is a numpy Gaussian random field like the Java bench's
(sigma 2 voxels, 50 % stiff) but from another random generator: compare seconds per iteration.
"""
import json, sys, time
import numpy as np


def isotropic(E, nu):
    lam, mu = E * nu / ((1 + nu) * (1 - 2 * nu)), E / (2 * (1 + nu))
    D = np.zeros((6, 6))
    D[:3, :3] = lam
    D[range(3), range(3)] += 2 * mu
    D[range(3, 6), range(3, 6)] = 2 * mu  # tensor shear
    return D


def element(nu, bbar):
    """B_g (6x24, tensor shear) at the 2x2x2 Gauss points of the unit cube; K_e, f_e per unit strain; <B>."""
    corners = np.array([[(n >> 2) & 1, (n >> 1) & 1, n & 1] for n in range(8)])
    g1 = [0.5 - 0.5 / np.sqrt(3), 0.5 + 0.5 / np.sqrt(3)]
    Bs = []
    for g in range(8):
        p = np.array([g1[(g >> 2) & 1], g1[(g >> 1) & 1], g1[g & 1]])
        L = np.where(corners == 1, p, 1 - p)             # (8,3) 1D shape values
        S = np.where(corners == 1, 1.0, -1.0)            # 1D slopes
        grad = np.stack([S[:, 0] * L[:, 1] * L[:, 2], L[:, 0] * S[:, 1] * L[:, 2], L[:, 0] * L[:, 1] * S[:, 2]], 1)
        B = np.zeros((6, 24))
        for n in range(8):
            gx, gy, gz = grad[n]
            B[0, 3*n] = gx; B[1, 3*n+1] = gy; B[2, 3*n+2] = gz
            B[3, 3*n+1] = gz/2; B[3, 3*n+2] = gy/2
            B[4, 3*n] = gz/2; B[4, 3*n+2] = gx/2
            B[5, 3*n] = gy/2; B[5, 3*n+1] = gx/2
        Bs.append(B)
    Bs = np.array(Bs)
    Bm = Bs.mean(0)
    if bbar:
        m = np.array([1, 1, 1, 0, 0, 0.0])
        P = np.outer(m, m) / 3
        Bs = Bs - P @ Bs + P @ Bm
    WD = np.diag([1, 1, 1, 2, 2, 2.0]) @ isotropic(1, nu)
    K = sum(B.T @ WD @ B for B in Bs) / 8
    return K, Bs, WD, Bm, corners


class Hex8PCG:
    def __init__(self, n, nu=0.3, bbar=True):
        self.n, N = n, n ** 3
        self.K, self.Bs, self.WD, self.Bm, corners = element(nu, bbar)
        i, j, k = np.meshgrid(range(n), range(n), range(n), indexing='ij')
        idx = lambda a, b, c: ((a % n) * n + b % n) * n + c % n
        self.en = np.stack([idx(i + c[0], j + c[1], k + c[2]).ravel() for c in corners], 1)   # (N,8)
        self.ne = np.stack([idx(i - c[0], j - c[1], k - c[2]).ravel() for c in corners], 1)
        # preconditioner: symbol of the 27-point stencil of the assembled unit-modulus operator
        th = 2 * np.pi * np.fft.fftfreq(n)
        tz = 2 * np.pi * np.arange(n // 2 + 1) / n
        TX, TY, TZ = np.meshgrid(th, th, tz, indexing='ij')
        H = np.zeros(TX.shape + (3, 3), complex)
        for a in range(8):
            for b in range(8):
                d = corners[b] - corners[a]
                H += self.K[3*a:3*a+3, 3*b:3*b+3] * np.exp(1j * (TX * d[0] + TY * d[1] + TZ * d[2]))[..., None, None]
        H[0, 0, 0] = np.eye(3)
        self.Hinv = np.linalg.inv(H)
        self.Hinv[0, 0, 0] = 0

    def apply(self, mod, w):                       # y = K w, element by element, gathered per node
        U = w[self.en].reshape(-1, 24)
        Y = (U @ self.K) * mod[:, None]
        y = np.zeros_like(w)
        for m in range(8):
            y += Y[self.ne[:, m], 3*m:3*m+3]
        return y

    def precondition(self, r):
        n = self.n
        R = np.fft.rfftn(r.reshape(n, n, n, 3), axes=(0, 1, 2))
        Z = np.einsum('xyzab,xyzb->xyza', self.Hinv, R)
        return np.fft.irfftn(Z, s=(n, n, n), axes=(0, 1, 2)).reshape(-1, 3)

    def solve(self, phase, contrast, E, tol=1e-8):
        mod = np.where(phase.ravel() == 1, contrast, 1.0)
        fe = -sum(B.T @ self.WD @ E for B in self.Bs) / 8
        f = np.zeros((self.n ** 3, 3))
        for m in range(8):
            f += mod[self.ne[:, m], None] * fe[3*m:3*m+3]
        f -= f.mean(0)
        nf = np.linalg.norm(f)
        w = np.zeros_like(f); r = f.copy(); z = self.precondition(r); p = z.copy(); rz = np.vdot(r, z)
        it, res = 0, 1.0
        while res > tol:
            q = self.apply(mod, p)
            alpha = rz / np.vdot(p, q)
            w += alpha * p; r -= alpha * q; it += 1
            res = np.linalg.norm(r) / nf
            if res <= tol:
                break
            z = self.precondition(r); rzn = np.vdot(r, z); p = z + (rzn / rz) * p; rz = rzn
        res = np.linalg.norm(f - self.apply(mod, w)) / nf
        strain = E[:, None] + self.Bm @ w[self.en].reshape(-1, 24).T      # (6, N)
        return strain, it, res


def grf(n, sigma=2.0, frac=0.5, seed=1):
    x = np.random.default_rng(seed).random((n, n, n))
    k = 2 * np.pi * np.fft.fftfreq(n)
    K2 = k[:, None, None] ** 2 + k[None, :, None] ** 2 + k[None, None, :] ** 2
    y = np.real(np.fft.ifftn(np.fft.fftn(x) * np.exp(-0.5 * sigma ** 2 * K2)))
    return (y >= np.quantile(y, 1 - frac)).astype(np.uint8)


if __name__ == '__main__':
    E = np.eye(6)[0]
    for c in (10, 50):
        micro = np.load(f'testdata/fe21/micro_c{c}.npy')
        ref = np.load(f'testdata/fe21/strain_hex8bbar_c{c}.npy')
        s = Hex8PCG(21)
        diffs = [float(np.abs(s.solve(micro[i], c, E)[0] - ref[i].reshape(6, -1)).max()) for i in range(len(micro))]
        print(json.dumps({'check': 'fe21 hex8-bbar', 'contrast': c, 'max_abs_diff': max(diffs)}))
    sizes = [int(v) for v in sys.argv[1].split(',')] if len(sys.argv) > 1 else [15, 21, 31, 63]
    for n in sizes:
        s = Hex8PCG(n)
        phase = grf(n)
        for c in (10, 50, 1000):
            times, cpu = [], []
            for _ in range(3):
                t0, c0 = time.perf_counter(), time.process_time()
                _, it, res = s.solve(phase, c, E)
                times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
            print(json.dumps({'peer': 'numpy', 'n': n, 'contrast': c, 'iterations': it, 'residual': float(res),
                              'seconds': sorted(times)[1], 'cpu_seconds': sorted(cpu)[1],
                              'cpu_seconds_per_iteration': sorted(cpu)[1] / it}))
