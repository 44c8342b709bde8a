"""Kept for one release: ``contentcheck.discover`` is now ``contentcheck.inputs.discover``."""

import warnings

from .inputs.discover import DEFAULT_EXTENSIONS, Input, display_path, iter_inputs

__all__ = ["DEFAULT_EXTENSIONS", "Input", "display_path", "iter_inputs"]

warnings.warn("contentcheck.discover is now contentcheck.inputs.discover", DeprecationWarning, stacklevel=2)
