"""What a benchmark checks after its load: each person who finished has a submitted case, and
the concern texts they sent are stored in the order they sent them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bench.people import Person
from storage.models import CaseRow
from storage.store import Store


@dataclass
class Verdict:
    people: int = 0
    submitted: int = 0  # people with a case (one each)
    in_order: int = 0  # cases whose concern text is the person's messages, in sent order
    problems: list[str] = field(default_factory=list)  # chat ids and what is wrong, no texts

    @property
    def all_well(self) -> bool:
        return not self.problems and self.submitted == self.in_order == self.people


def check_cases(store: Store, channel: str, people: Mapping[str, Person]) -> Verdict:
    verdict = Verdict(people=len(people))
    cases: dict[str, list[str]] = {}
    query = select(CaseRow.reporter_chat_id, CaseRow.concern_text).where(
        CaseRow.reporter_channel == channel
    )
    with Session(store.engine) as session:
        for chat_id, text in session.execute(query):
            if chat_id in people:
                cases.setdefault(chat_id, []).append(text or "")
    for chat_id, person in people.items():
        if person.gave_up:
            verdict.problems.append(f"{chat_id}: never reached the end of the intake")
            continue
        texts = cases.get(chat_id, [])
        if len(texts) != 1:
            verdict.problems.append(f"{chat_id}: {len(texts)} cases")
            continue
        verdict.submitted += 1
        if texts[0] == "\n".join(person.concern_sent):
            verdict.in_order += 1
        else:
            verdict.problems.append(f"{chat_id}: concern parts stored out of order or lost")
    return verdict
