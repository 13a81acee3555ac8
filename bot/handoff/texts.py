"""The Japanese texts of the handoff (staff chats, enrolment, status for reporters)."""

from __future__ import annotations

from functools import cache
from typing import Any

from dictionaries.data_files import packaged_yaml
from dictionaries.directory import load_directory


@cache
def staff_texts() -> dict[str, Any]:
    data: dict[str, Any] = packaged_yaml("bot.handoff", "data/staff_texts.yaml")
    return data


def text(section: str, name: str, **values: str) -> str:
    template: str = staff_texts()[section][name]
    return template.format(**values)


def site_name(site_id: str) -> str:
    """The site's Japanese name; its id when the directory no longer has it."""
    site = load_directory().find(site_id)
    return site.name if site is not None else site_id
