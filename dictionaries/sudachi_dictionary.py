"""Opening Sudachi's core dictionary with our user dictionary on top."""

from __future__ import annotations

import sudachipy
from sudachipy import Dictionary

from dictionaries import userdict


def open_dictionary(*, rebuild: bool = False) -> Dictionary:
    """core plus our user dictionary, building it when missing and rebuilding it when Sudachi
    says it was built against another system dictionary."""
    path = userdict.build(force=rebuild)
    try:
        return Dictionary(config=sudachipy.Config(user=[str(path)]), dict="core")
    except sudachipy.errors.SudachiError as exc:
        if rebuild or "compatible" not in str(exc):
            raise
    return open_dictionary(rebuild=True)
