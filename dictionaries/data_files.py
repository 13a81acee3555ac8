"""Reading the YAML data files that ship inside the packages: texts, lexicons, tables."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def packaged_yaml(package: str, path: str) -> Any:
    """The parsed YAML file at `path` inside `package` (UTF-8)."""
    return yaml.safe_load(resources.files(package).joinpath(path).read_text("utf-8"))
