"""The staff summary of a referral: HTML for a chat, plain text for a terminal.

Everything a person typed is escaped: staff chats render HTML, and a resident's words must never
become markup there.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from dictionaries.categories import category_label
from dictionaries.data_files import packaged_yaml
from flows.domain import Referral
from flows.prompts import choice_label

# Slots whose values are choice ids of a question: staff read the label the person saw.
CHOICE_SLOTS = {"age_group": "ask_age_group", "household": "ask_household"}


@cache
def labels() -> dict[str, Any]:
    data: dict[str, Any] = packaged_yaml("bot.handoff", "data/summary.yaml")
    return data


def render_summary(referral: Referral, *, status: str = "submitted", markup: str = "html") -> str:
    """The summary staff read. `markup` is "html" (chat) or "text" (terminal)."""
    esc: Callable[[str], str] = html.escape if markup == "html" else (lambda s: s)
    bold: Callable[[str], str] = (lambda s: f"<b>{s}</b>") if markup == "html" else (lambda s: s)
    return "\n".join(_lines(referral, status, esc, bold))


def _evidence_words(surfaces: Iterable[str]) -> list[str]:
    """The words a need was read from, in the order the person wrote them, each once: a word
    inside a longer one (「10年家から」 in 「10年家から出て」) tells staff nothing more."""
    unique = list(dict.fromkeys(surfaces))
    return [w for w in unique if not any(w != other and w in other for other in unique)]


def _lines(
    r: Referral, status: str, esc: Callable[[str], str], bold: Callable[[str], str]
) -> Iterable[str]:
    t = labels()
    f = t["fields"]
    yield bold(esc(t["title"]))
    yield f"{f['reference']}: {esc(r.reference)}"
    yield f"{f['created_at']}: {r.created_at:%Y-%m-%d %H:%M}"
    yield f"{f['urgency']}: {t['urgency']['urgent' if r.urgent else 'normal']}"
    yield f"{f['status']}: {t['status'].get(status, esc(status))}"
    yield f"{f['reporter']}: {t['reporter'][r.reporter]}"
    yield f"{f['subject']}: {esc(r.subject) or t['unknown']}"
    yield f"{f['needs']}:"
    for category in r.categories:
        words = _evidence_words(e.surface for e in r.evidence if e.category == category)
        quoted = "、".join(f"「{esc(w)}」" for w in words)
        yield f"  ・{category_label(category)} {quoted}".rstrip()
    details = {
        k: choice_label(CHOICE_SLOTS[k], v) if k in CHOICE_SLOTS else v
        for k, v in r.slots.items()
        if k in t["slots"]
    }
    if r.subject_consent:
        details["subject_consent"] = t["subject_consent"][r.subject_consent]
    if details:
        yield f"{f['details']}:"
        for key, value in details.items():
            yield f"  ・{t['slots'][key]}: {esc(value)}"
    area = r.slots.get("area_label") or r.area
    yield f"{f['area']}: {esc(area) if area else t['unknown']}"
    yield f"{f['sites']}:"
    others = [s for s in r.route.sites if s.id != r.route.primary.id]
    for site in (r.route.primary, *others):
        phone = f"（{esc(site.phone)}）" if site.phone else ""
        yield f"  ・{esc(site.name)}{phone}"
    if r.route.multi_agency:
        yield f"  ※{t['multi_agency']}"
    if r.route.outreach:
        yield f"  ※{t['outreach']}"
    yield f"{f['reasons']}:"
    for reason in r.route.reasons:
        yield f"  ・{esc(reason)}"
    yield f"{f['legal_basis']}: {t['legal_basis'][r.legal_basis]}"
    yield f"{f['consents']}:"
    for c in r.consents:
        withdrawn = f"（{t['withdrawn']}）" if c.withdrawn_at else ""
        yield (
            f"  ・{t['consent_scope'][c.scope]}／{t['consent_given_by'][c.given_by]}／"
            f"v{esc(c.text_version)}／{c.given_at:%Y-%m-%d %H:%M}{withdrawn}"
        )
    if not r.consents:
        yield f"  ・{t['none']}"
    yield f"{f['concern']}:"
    yield esc(r.concern_text) if r.concern_text else t["erased"]
    contact = t["contact_method"].get(r.contact.method, esc(r.contact.method))
    reach = " ".join(esc(x) for x in (r.contact.value, r.contact.when) if x)
    yield f"{f['contact']}: {contact} {reach}".rstrip()
