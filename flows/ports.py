"""The small interfaces through which the flow uses language knowledge and routing."""

from __future__ import annotations

from typing import Protocol

from dictionaries.tag_result import TagResult
from flows.routing_types import AreaChoice, CrisisLine, RouteDecision, RouteRequest


class Tagger(Protocol):
    def tag(self, text: str) -> TagResult: ...


class Router(Protocol):
    def route(self, request: RouteRequest) -> RouteDecision: ...

    def crisis_lines(self, categories: tuple[str, ...] = ()) -> tuple[CrisisLine, ...]:
        """Confirmed crisis lines to show at once on a danger sign, most relevant first."""
        ...

    def areas(self) -> tuple[AreaChoice, ...]:
        """Area names a person may give, for the 地区 question."""
        ...

    def match_area(self, text: str) -> AreaChoice | None:
        """The area a typed answer names (「水橋」, 「水橋のほう」), or None."""
        ...
