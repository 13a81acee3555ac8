"""The intake's words, loaded once from flows/data/prompts.yaml when the module is imported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from dictionaries.data_files import packaged_yaml
from flows.messages import Choice, Reply


@dataclass(frozen=True)
class Prompt:
    key: str
    text: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class ConsentText:
    version: str
    text: str


def _load() -> dict[str, Any]:
    data: dict[str, Any] = packaged_yaml("flows", "data/prompts.yaml")
    return data


_DATA: Final = _load()
PROMPTS: Final[dict[str, Prompt]] = {
    key: Prompt(
        key=key,
        text=str(entry["text"]),
        choices=tuple(Choice(str(i), str(label)) for i, label in entry.get("choices", {}).items()),
    )
    for key, entry in _DATA["prompts"].items()
}
CONSENTS: Final[dict[str, ConsentText]] = {
    scope: ConsentText(str(entry["version"]), str(entry["text"]))
    for scope, entry in _DATA["consents"].items()
}
_LABELS: Final[dict[str, Any]] = _DATA["labels"]


def prompt(key: str) -> Prompt:
    return PROMPTS[key]


def choice_ids(key: str) -> tuple[str, ...]:
    return tuple(c.id for c in PROMPTS[key].choices)


def choice_label(key: str, choice_id: str) -> str:
    for choice in PROMPTS[key].choices:
        if choice.id == choice_id:
            return choice.label
    return choice_id


def label(key: str, /, **values: object) -> str:
    return str(_LABELS[key]).format(**values)


def label_map(name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in _LABELS[name].items()}


def reply(key: str, /, *, choices: tuple[Choice, ...] | None = None,
          request_contact: bool = False, **values: object) -> Reply:
    """The reply `key`, its text filled with `values`; its own choices unless `choices` is given."""
    entry = PROMPTS[key]
    return Reply(
        key=key,
        text=entry.text.format(**values),
        choices=entry.choices if choices is None else choices,
        request_contact=request_contact,
    )
