"""Matrix products for the parser: numpy's OpenBLAS on one thread instead of thinc's bundled BLIS.

On this project's machines (AMD EPYC, AVX2) BLIS runs the tok2vec and parser products about 3x
slower than OpenBLAS on a single thread, and the parses come out the same (checked token by token on
the seeds, the ACLED notes and the bench corpora: tests/nlp/test_cascade.py). fogline scales by
processes (batch/), one per core, so OpenBLAS is held to one thread; more threads per process only
spin. When numpy's OpenBLAS cannot be found or limited (an MKL or Accelerate build), thinc keeps BLIS.
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_",
           "openblas_set_num_threads")


def _openblas_libraries() -> list[str]:
    import numpy  # noqa: F401 - loads numpy's OpenBLAS into the process

    maps = Path("/proc/self/maps")
    if not maps.is_file():
        return []
    return sorted({line.split()[-1] for line in maps.read_text().splitlines() if "openblas" in line.lower()
                   and line.split()[-1].startswith("/")})


def single_thread_openblas() -> bool:
    """Hold numpy's OpenBLAS to one thread; False when there is none to hold."""
    done = False
    for path in _openblas_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in SETTERS:
            if hasattr(lib, name):
                getattr(lib, name)(1)
                done = True
                break
    return done


def parser_ops() -> Any:
    """The thinc Ops to build the spaCy models with: OpenBLAS on one thread where possible, else BLIS."""
    from thinc.api import NumpyOps

    return NumpyOps(use_blis=not single_thread_openblas())
