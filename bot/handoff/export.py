"""The JSON export of a case: the shape documented in docs/case-export.md (schema version 1)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from flows.domain import Referral

SCHEMA_VERSION = 1


def export_case(referral: Referral, *, status: str) -> dict[str, Any]:
    data = asdict(referral)
    data["schema_version"] = SCHEMA_VERSION
    data["status"] = status
    return _jsonable(data)  # type: ignore[no-any-return]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value
