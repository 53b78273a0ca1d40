#!/usr/bin/python3
"""Reads a .vti written by `rln vti` with VTK's own reader and compares its cell arrays with the .npy inputs.

usage: vti_check.py FILE.vti MICRO.npy SAMPLE [STRAIN.npy]
Needs VTK's Python bindings (Debian: apt-get install python3-vtk9) and /usr/bin/python3.
VTK lists cells x fastest, so a cell array reshapes to (nz, ny, nx) and transposes to our (x, y, z).
"""
import sys

import numpy as np
import vtk
from vtk.util.numpy_support import vtk_to_numpy


def main(vti, micro, sample, strain=None):
    r = vtk.vtkXMLImageDataReader()
    r.SetFileName(vti)
    r.Update()
    img = r.GetOutput()
    m = np.load(micro)
    m = m[int(sample)] if m.ndim == 4 else m
    nx, ny, nz = m.shape
    assert img.GetDimensions() == (nx + 1, ny + 1, nz + 1), img.GetDimensions()
    assert img.GetSpacing() == (1.0, 1.0, 1.0) and img.GetOrigin() == (0.0, 0.0, 0.0)
    cd = img.GetCellData()
    as_xyz = lambda name: vtk_to_numpy(cd.GetArray(name)).reshape(nz, ny, nx).transpose(2, 1, 0)
    print("arrays:", [cd.GetArrayName(i) for i in range(cd.GetNumberOfArrays())])
    print("phase equal:", np.array_equal(as_xyz("phase"), m))
    if strain is not None:
        s = np.load(strain)
        if s.ndim == 5:              # (n, 6, nx, ny, nz) solver output
            exx = s[int(sample), 0]
        elif s.ndim == 4:            # (n, nx, ny, nz) eps_xx
            exx = s[int(sample)]
        else:
            exx = s
        print("exx_fe max |diff|:", np.abs(as_xyz("exx_fe") - exx).max())


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
