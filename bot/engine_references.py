"""Case references: short, random, and easy to read out over the phone."""

from __future__ import annotations

import secrets
from datetime import datetime

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_reference(now: datetime) -> str:
    """A case reference a person can read out: TS-YYMMDD-XXXX."""
    suffix = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(4))
    return f"TS-{now:%y%m%d}-{suffix}"
