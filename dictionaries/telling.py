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
from dataclasses import replace

from dictionaries.lexicon import DANGER, Rule

_SENTENCE_ENDS = "。!?\n"
_QUOTE_PAIRS = (("「", "」"), ("『", "』"), ("“", "”"), ('"', '"'))
_MEDIA = re.compile(
    "どらま|映画|えいが|あにめ|漫画|まんが|小説|歌詞|曲|番組|ばんぐみ|しーん|せりふ|台詞|主人公"
    "|にゅーす|記事|げーむ|動画|どうが|作品|映像|えいぞう")
# Prevention names a subject beside a danger word (自殺防止), but beside a need it is often the
# need itself: 介護予防 is a service for older people, 認知症予防 a wish of one.
_PREVENTION = re.compile("(?:の)?(?:予防|対策)")
_TOPIC_AFTER = re.compile(
    "(?:の)?(?:特集|にゅーす|番組|記事|報道|どらま|映画|防止|予防|対策|統計|事件)"
    "|を(?:扱|あつか|題材|てーま)")
# A character of a story, not a person one knows (主人公が橋から飛び降りようとする場面).
_FICTION = re.compile("(?:主人公|登場人物|きゃら(?:くたー)?)(?:が|は|の)")
# A sentence that reports the news: where it was seen before the sign, the report after it.
_NEWS_SOURCE = re.compile(
    "(?:にゅーす|新聞|しんぶん|てれび|記事|きじ|番組|ばんぐみ|らじお)(?:で|を見|をみ)")
_NEWS_REPORT = re.compile(
    "事件|じけん|報道|ほうどう|とのこと|という|(?:の|を|が)(?:見|み)(?:た|て|まし)|やって(?:い)?た"
    "|と(?:見|み|知|し|聞|き)(?:た|まし)|亡くな")
# Between where the news was seen and the sign: the report itself (事件をやっていて胸が痛んだ).
_NEWS_TOLD = re.compile("事件|じけん|報道|ほうどう|特集|とくしゅう|やって(?:い)?(?:て|た)")
# After the sign: it was a false alarm (…と思ったら, 昼寝していただけでした, お騒がせしました).
_THOUGHT_BUT = re.compile("[!?…。、]*(?:な)?(?:と|って)(?:思ったら|おもったら)")
_FALSE_ALARM = re.compile(
    "(?:てい|て|で|てた)ただけ(?:でした|だった|みたい|らしい|です|で、)"
    "|(?:てい|でい)るだけ(?:でした|だった)"
    "|お騒がせ|おさわがせ|(?:泊まり|とまり)に(?:行って|いって)(?:いる|いた|る)"
    "|無事(?:に)?(?:見つか|帰って|戻って|でした|だった)|ぶじ(?:に)?(?:みつか|かえって|もどって)"
    "|ちゃんと(?:帰って|かえって)き")
# Before the sign in its sentence: when it happened (not 昔から / 前から: still going on).
_PAST_BEFORE = re.compile(
    "(?:昔|むかし|以前|前は|前に|当時|とうじ|その頃|そのころ|あの頃|あのころ|若い頃|若いころ"
    "|小さい頃|小さいころ|子どもの頃|子供の頃|こどものころ|学生の頃|学生時代|去年|きょねん|昨年"
    "|おととし|一昨年|先月|せんげつ|先週|せんしゅう|先日|せんじつ|この前|このまえ|こないだ|一時は"
    "|前の(?:夫|妻|彼|職場|会社)|(?:小学|中学|高校|大学)(?:生)?(?:の|時代の)?(?:頃|ころ|とき|時)"
    "|[0-9一二三四五六七八九十何数]+(?:年|か月|ヶ月|かげつ|週間|日)前)(?!から)")
_SAID_THEN = re.compile("[^。]{0,2}(?:って|と)(?:言って|いって|言っ|いっ)(?:い)?(?:た|まし)")
# After the sign: the text says it is over now, or came to nothing.
_RESOLVED = re.compile(
    "(?:今は|いまは|現在は|今では|いまでは)[^。]{0,24}?(?:落ち着|おちつ|元気|げんき|回復"
    "|かいふく|元どおり|元通り|もとどおり|仲良|なかよ|穏やか|おだやか|安定|あんてい|別れ|わかれ"
    "|離れ|はなれ|離婚|りこん|減っ|減り|戻れ|もどれ|戻っ|もどっ|通院|つういん|治療|ちりょう|克服"
    "|平気|へいき|大丈夫|だいじょうぶ|良くなっ|よくなっ|ぴんぴん)(?![^。、]{0,3}(?:ない|なく|ません|じゃ|では))"
    "|幸い|さいわい|大事に(?:は)?(?:至ら|至り)|だいじに(?:は)?(?:いたら|いたり)"
    "|事なきを得|ことなきをえ|命に別状|いのちにべつじょう|入院(?:して|しとる|中)"
    "|(?:けが|怪我|ケガ)は[^。]{0,8}だけ|なんともな|何ともな"
    "|(?:そういう|そんな|その)(?:気持ち|考え|思い)(?:は|も)(?:もう)?(?:ない|ありません|なくな|消え)"
    "|亡くなり|亡くなっ|他界|葬儀|葬式|四十九日")
_RESOLVED_REACH = 160
# A reason in the same sentence that makes a rule's words no sign: a fast before a check-up
# or an operation is no hunger.
_VOIDED_IN_SENTENCE = {
    "danger.no_food": re.compile(
        "健康診断|健診|けんしん|検査|けんさ|手術|しゅじゅつ|内視鏡|断食(?!じゃ|では)|絶食|ぜっしょく"
        "|だいえっと|減量|げんりょう|らまだん"),
    # mail piling up at a house whose owner is known to be away
    "danger.lone_death": re.compile(
        "入院|にゅういん|旅行|りょこう|出張|しゅっちょう|帰省|留守|転送"),
    # breathless with delight, not with illness
    "danger.body": re.compile("推し|尊|とうと|笑いすぎ|わらいすぎ|爆笑"),
}


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
# told as written, and no match of it need be looked at.
MAY_BE_TOLD_OTHERWISE = re.compile("|".join(f"(?:{r.pattern})" for r in (
    _TOPIC_AFTER, _FICTION, _NEWS_SOURCE, _THOUGHT_BUT, _FALSE_ALARM, _PAST_BEFORE, _SAID_THEN,
    re.compile("[「『“\"]"))))


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
