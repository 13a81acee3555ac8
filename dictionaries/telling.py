"""How words a rule matched are told: as the writer's trouble now, or as something else.

Words can be quoted from a work or told of a story's character, reported from the news, name a
subject (自殺防止, 孤独死の特集, 虐待防止の研修), sit beside a harmless reason (a fast before a
check-up), turn out a false alarm (と思ったら…だけでした), or tell a past episode the text says
is over (「去年は死にたいと思ったこともあったけど、今は落ち着いています」). A danger match so
told raises no alarm (the need it showed stays when the episode is over); a need so told is
no need, or only a weak cue when it is over. Recall comes first: each check needs the words
that make it, in the same sentence or just after. Texts are folded (katakana as hiragana).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from dictionaries.lexicon import DANGER, Rule
from dictionaries.patternset import PatternSet
from dictionaries.textfold import fold_pattern

TELLING_FILE = Path(__file__).with_name("data") / "telling.yaml"
_SENTENCE_ENDS = "。!?\n"
_QUOTE_PAIRS = (("「", "」"), ("『", "』"), ("“", "”"), ('"', '"'))
_RESOLVED_REACH = 160  # characters after the words in which 'it is over now' may be said


def _load(path: Path = TELLING_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


_DATA_ALTERNATIVES: dict[re.Pattern[str], list[str]] = {}


def _words(alternatives: list[str], tail: str = "") -> re.Pattern[str]:
    """One regex of the alternatives, folded as texts are."""
    folded = [f"(?:{fold_pattern(str(a))}){tail}" for a in alternatives]
    regex = re.compile("|".join(folded))
    _DATA_ALTERNATIVES[regex] = folded
    return regex


_DATA = _load()
_MEDIA = _words(_DATA["media"])
_TOPIC_AFTER = _words(_DATA["topic_after"])
_PREVENTION = _words(_DATA["prevention"])
_FICTION = _words(_DATA["fiction"])
_NEWS_SOURCE = _words(_DATA["news_source"])
_NEWS_REPORT = _words(_DATA["news_report"])
_NEWS_TOLD = _words(_DATA["news_told"])
_THOUGHT_BUT = _words(_DATA["thought_but"])
_FALSE_ALARM = _words(_DATA["false_alarm"])
_PAST_BEFORE = _words(_DATA["past_before"], "(?!から)")  # 昔から, 前から: still going on
_SAID_THEN = _words(_DATA["said_then"])
_RESOLVED = _words(_DATA["resolved"])
_VOIDED_IN_SENTENCE = {rule_id: _words(words)
                       for rule_id, words in _DATA["voided_in_sentence"].items()}


def _sentence_start(folded: str, start: int) -> int:
    return max(folded.rfind(c, 0, start) for c in _SENTENCE_ENDS) + 1


def _told_as_no_sign(rule: Rule, folded: str, start: int, end: int) -> bool:
    """Whether the danger words at folded[start:end] are quoted from a work, told of a story's
    character or from the news, name a subject, have a harmless reason beside them or turn
    out a false alarm."""
    topic = _TOPIC_AFTER.match(folded, end)
    if topic and (rule.category == DANGER or not _PREVENTION.fullmatch(topic[0])):
        return True
    sentence = _sentence_start(folded, start)
    ends = [i for i in (folded.find(c, end) for c in _SENTENCE_ENDS) if i >= 0]
    stop = min(ends) if ends else len(folded)
    voided = _VOIDED_IN_SENTENCE.get(rule.id)
    if voided is not None and voided.search(folded, sentence, stop):
        return True
    if _FICTION.search(folded, sentence, start):
        return True
    source = _NEWS_SOURCE.search(folded, sentence, start)
    if source and (_NEWS_REPORT.search(folded, end, stop)
                   or _NEWS_TOLD.search(folded, source.end(), start)):
        return True
    if _THOUGHT_BUT.match(folded, end) or _FALSE_ALARM.search(folded, end, end + _RESOLVED_REACH):
        return True
    return any(folded.rfind(opening, sentence, start) >= 0
               and folded.find(closing, start, stop) >= 0
               and _MEDIA.search(folded, sentence, stop) is not None
               for opening, closing in _QUOTE_PAIRS)


def _told_as_over(folded: str, start: int, end: int) -> bool:
    """Whether the danger words at folded[start:end] tell a past episode the text says is
    over: the need it showed may remain, the emergency does not."""
    sentence = _sentence_start(folded, start)
    past = _PAST_BEFORE.search(folded, sentence, start) or _SAID_THEN.match(folded, end)
    return bool(past) and _RESOLVED.search(folded, end, end + _RESOLVED_REACH) is not None


def danger_as_told(rule: Rule, folded: str, start: int, end: int) -> Rule | None:
    """The rule a danger match counts for: itself, the need it shows when the episode is
    over, or None when the words are no sign."""
    if _told_as_no_sign(rule, folded, start, end):
        return None
    if _told_as_over(folded, start, end):
        return _need_shown(rule)
    return rule


def need_as_told(rule: Rule, folded: str, start: int, end: int) -> Rule | None:
    """The rule a need match counts for: itself, a weak cue when it tells a past episode the
    text says is over (借金は前にあったけど今は完済), or None when the words are no need of
    anyone's (a story, the news, a subject: 孤独死のニュース, 介護の資格)."""
    if rule.id.startswith(f"{DANGER}."):
        return rule  # the need a danger sign showed (danger_as_told): judged already
    if _told_as_no_sign(rule, folded, start, end):
        return None
    if rule.weight > _CUE and _told_as_over(folded, start, end):
        return _as_cue(rule)
    return rule


_CUE = 0.5
_cues: dict[str, Rule] = {}


def _as_cue(rule: Rule) -> Rule:
    cue = _cues.get(rule.id)
    if cue is None:
        cue = _cues[rule.id] = replace(rule, id=f"{rule.id}.past", weight=_CUE)
    return cue


# Any one of the words the checks above look for: a text with none of them (most texts) is
# told as written, and no match of it need be looked at. Each alternative is keyed like a
# lexicon pattern, so a text is asked only for the few it may hold (one search of them all
# costs more than the rest of the check).
TOLD_OTHERWISE: PatternSet[None] = PatternSet()
for _regex in (_TOPIC_AFTER, _FICTION, _NEWS_SOURCE, _THOUGHT_BUT, _FALSE_ALARM, _PAST_BEFORE,
               _SAID_THEN):
    for _alternative in _DATA_ALTERNATIVES[_regex]:
        TOLD_OTHERWISE.add(_alternative, None)
TOLD_OTHERWISE.add("[「『“\"]", None)


def may_be_told_otherwise(folded: str, grams: AbstractSet[str]) -> bool:
    """Whether `folded` holds any word the checks look for (`grams` as for a PatternSet)."""
    return any(regex.search(folded) for _, regex, _ in TOLD_OTHERWISE.candidates(folded, grams))


_as_need: dict[str, Rule] = {}


def _need_shown(rule: Rule) -> Rule | None:
    """The danger rule as a plain cue of the need it also shows (health for a past wish to
    die, abuse for past blows), or None when it shows none."""
    if rule.also is None:
        return None
    need = _as_need.get(rule.id)
    if need is None:
        need = replace(rule, id=f"{rule.id}.past", category=rule.also, also=None)
        _as_need[rule.id] = need
    return need
