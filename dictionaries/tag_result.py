"""What the tagger says about one text. Plain data, JSON-ready, shared with `flows`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORY_IDS: tuple[str, ...] = (
    "elderly",
    "disability",
    "child",
    "poverty",
    "health",
    "isolation",
    "abuse",
    "general",
)


@dataclass(frozen=True)
class Evidence:
    """One match: the lexicon term, what the person wrote, where, and for which category.

    `category` is a need category id, or "danger" for an entry of the danger lexicon.
    """

    term: str
    surface: str
    start: int
    end: int
    category: str


@dataclass(frozen=True)
class TagResult:
    categories: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    emergency: bool = False
    evidence: tuple[Evidence, ...] = ()
    negated: tuple[Evidence, ...] = ()
    danger: tuple[Evidence, ...] = ()
    # age_group, age, relation, duration, district, household, pregnancy ... (strings)
    slots: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The `tsunagu tag` line shape (evidence of danger is listed with the rest)."""
        return {
            "categories": list(self.categories),
            "scores": dict(self.scores),
            "emergency": self.emergency,
            "evidence": [asdict(e) for e in (*self.evidence, *self.danger)],
            "negated": [asdict(e) for e in self.negated],
            "slots": dict(self.slots),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TagResult:
        evidence = [Evidence(**e) for e in data.get("evidence", [])]
        return cls(
            categories=tuple(data.get("categories", [])),
            scores=dict(data.get("scores", {})),
            emergency=bool(data.get("emergency", False)),
            evidence=tuple(e for e in evidence if e.category != "danger"),
            negated=tuple(Evidence(**e) for e in data.get("negated", [])),
            danger=tuple(e for e in evidence if e.category == "danger"),
            slots=dict(data.get("slots", {})),
        )
