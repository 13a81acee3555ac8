"""One-time enrolment codes for staff and volunteers. Only a code's hash is ever stored.

A code reads like TSG-7KQ2-MX4P-9HRT: 12 characters of an alphabet without 0/O or 1/I, so it
can be read out over the phone; 60 bits, tried against an expiry, is out of guessing reach.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage import staff_repo
from storage.store import Store

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PREFIX = "TSG"
GROUPS = 3
GROUP_LENGTH = 4
CODE_PATTERN = re.compile(rf"{PREFIX}-?(?:[{ALPHABET}]{{{GROUP_LENGTH}}}-?){{{GROUPS}}}")
ROLES = ("staff", "volunteer")


@dataclass(frozen=True)
class Invite:
    code: str
    role: str
    site_id: str | None
    expires_at: datetime


def new_code() -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join((PREFIX, *groups))


def normalise(text: str) -> str | None:
    """The canonical code in `text` (full-width, lower case and stray spaces forgiven), or None.

    The code may follow a command or a mention ("/start TSG-...", "@bot TSG-..."): a bot in a
    group with Telegram's privacy mode on only sees messages addressed to it."""
    words = unicodedata.normalize("NFKC", text).strip().split()
    while words and words[0][:1] in ("/", "@"):
        words = words[1:]
    folded = "".join(words).upper().replace("ー", "-").replace("−", "-")
    if not CODE_PATTERN.fullmatch(folded):
        return None
    bare = folded.replace("-", "")[len(PREFIX) :]
    groups = [bare[i : i + GROUP_LENGTH] for i in range(0, len(bare), GROUP_LENGTH)]
    return "-".join((PREFIX, *groups))


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def create_invite(
    store: Store, *, role: str, site_id: str | None, now: datetime, valid_for: timedelta
) -> Invite:
    """Store a new invite's hash and return the code, which exists nowhere else."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    if role == "staff" and not site_id:
        raise ValueError("a staff invite names its site")
    if valid_for <= timedelta(0):
        raise ValueError("an invite must be valid for some time")
    code = new_code()
    expires_at = now + valid_for
    with store.unit_of_work() as uow:
        staff_repo.add_invite(
            uow.session,
            code_hash=code_hash(code),
            role=role,
            site_id=site_id,
            now=now,
            expires_at=expires_at,
        )
        uow.audit("cli", "invite_created", at=now, detail=f"role={role} site={site_id or '-'}")
        uow.commit()
    return Invite(code=code, role=role, site_id=site_id, expires_at=expires_at)
