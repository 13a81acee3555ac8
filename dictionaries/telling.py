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
from typing import Any

from dictionaries.data_files import packaged_yaml
from dictionaries.lexicon import DANGER, Rule
from dictionaries.patternset import PatternSet
from dictionaries.textfold import fold_pattern

_SENTENCE_ENDS = "。!?\n"
_QUOTE_PAIRS = (("「", "」"), ("『", "』"), ("“", "”"), ('"', '"'))
_RESOLVED_REACH = 160  # characters after the words in which 'it is over now' may be said
_DATA: dict[str, Any] = packaged_yaml("dictionaries", "data/telling.yaml")
_TAILS = {"past_before": "(?!から)"}  # 昔から, 前から: still going on


def _alternatives(words: list[str], tail: str = "") -> list[str]:
    """The words of one list as regexes, folded as texts are."""
    return [f"(?:{fold_pattern(str(w))}){tail}" for w in words]


def _words(key: str) -> re.Pattern[str]:
    """One regex of the alternatives listed under `key`."""
    return re.compile("|".join(_alternatives(_DATA[key], _TAILS.get(key, ""))))


_MEDIA = _words("media")
_TOPIC_AFTER = _words("topic_after")
_PREVENTION = _words("prevention")
_FICTION = _words("fiction")
_NEWS_SOURCE = _words("news_source")
_NEWS_REPORT = _words("news_report")
_NEWS_TOLD = _words("news_told")
_THOUGHT_BUT = _words("thought_but")
_FALSE_ALARM = _words("false_alarm")
_PAST_BEFORE = _words("past_before")
_SAID_THEN = _words("said_then")
_RESOLVED = _words("resolved")
_VOIDED_IN_SENTENCE = {rule_id: re.compile("|".join(_alternatives(words)))
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
for _key in ("topic_after", "fiction", "news_source", "thought_but", "false_alarm",
             "past_before", "said_then"):
    for _alternative in _alternatives(_DATA[_key], _TAILS.get(_key, "")):
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
