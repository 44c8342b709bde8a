"""Kept for one release: ``contentcheck.dask_engine`` is now ``contentcheck.scale.dask``."""

import warnings

from .scale.dask import check_bag, check_inputs

__all__ = ["check_bag", "check_inputs"]

warnings.warn("contentcheck.dask_engine is now contentcheck.scale.dask", DeprecationWarning, stacklevel=2)
