"""Match a compiled lexicon against one analysed text: terms, phrases, patterns, negation.

Negation is decided per match, never as a flag on the whole text: a negation marker negates a
match only when it sits in the same clause and attaches to the matched word itself or to a
predicate the rule lists in `negated_by` (必要, 困る, 要る ...). 「介護は必要ない」 negates 介護;
in 「お金がない」 the ない belongs to the phrase お金がない, which states the need.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Set as AbstractSet
from dataclasses import replace

from dictionaries.kana_danger import KanaDanger, is_kana_only, without_spaces
from dictionaries.lexicon import DANGER, NEG, Lexicon, Phrase, Rule, Token, WordHits

# Plain tuples: a text makes several, and even a NamedTuple costs twice as much to build.
WordMatch = tuple[Rule, str, int, int, bool]  # rule, term, first and last token, negated
PatternMatch = tuple[Rule, str, int, int]  # rule, folded words matched, start, end (chars)


# Politeness puts no distance between a phrase's words: 貯金はもうありません is 貯金はもうない.
_POLITE = frozenset({"ます", "です"})


def _match_phrase(
    tokens: list[Token], start: int, phrase: Phrase, max_gap: int, consumed: AbstractSet[int]
) -> list[int] | None:
    """Token indices of the phrase's elements if it matches from `start`, else None."""
    hit = [start]
    i = start + 1
    n = len(tokens)
    for element in phrase.elements[1:]:
        gap = 0
        want_neg = NEG in element
        while i < n:
            tok = tokens[i]
            if (tok.is_neg and i not in consumed) if want_neg else not element.isdisjoint(
                    tok.forms):
                break
            if tok.is_break or not tok.skippable:
                return None
            if tok.norm not in _POLITE:
                if gap >= max_gap:
                    return None
                gap += 1
            i += 1
        else:
            return None
        hit.append(i)
        i += 1
    return hit


def _idiomatic_negations(tokens: list[Token], negs: list[int], lex: Lexicon) -> set[int]:
    """Negation markers inside かもしれない, しなければならない ...: they negate nothing.
    Only windows around an actual marker (`negs`, their indices) are tried."""
    out: set[int] = set()
    by_prev = lex.neg_exceptions_by_prev
    by_next = lex.neg_exceptions_by_next
    n_tokens = len(tokens)
    for j in negs:
        before = tokens[j - 1].norm if j > 0 else ""
        after = tokens[j + 1].norm if j + 1 < n_tokens else ""
        for exc, k in (*by_prev.get(before, ()), *by_next.get(after, ())):
            i = j - k
            window = tokens[i : i + len(exc)]
            if i >= 0 and len(window) == len(exc) and all(
                (t.is_neg if NEG in e else not e.isdisjoint(t.forms))
                for t, e in zip(window, exc, strict=True)
            ):
                out.update(i + n for n, t in enumerate(window) if t.is_neg)
    return out


# After these a 非自立 verb is an auxiliary:
# 困って[い]ない, 払えそうに[あり]ません, では[あり]ません.
_TE = frozenset({"て", "で", "てる", "だ", "は", "も"})

# A denial someone else made, or one the person once held, that the sentence then disputes
# (「心配ないと言われたけど不安」「必要ないと思っていたが」) denies nothing.
_QUOTE = frozenset({"と", "って"})
_SAY_THINK = frozenset({"言う", "思う", "聞く", "考える", "診断"})
_ADVERSATIVE = frozenset({"けれど", "けど", "けれども", "が", "のに", "ても", "でも"})
_ADVERSATIVE_OPENERS = frozenset({"でも", "しかし", "だけど", "けど", "けれど", "ですが", "だが",
                                  "ただ", "ところが"})

# A denial word that is what the person asks for is no denial: 「介護ボランティアに来て
# ほしい」 wants volunteers. 為る makes it their own work again (ボランティアをしたい).
_ASKED_FOR = frozenset({"欲しい", "頼む", "依頼", "派遣", "願う", "貰う", "呉れる", "下さる",
                        "頂く", "紹介"})
_ASK_REACH = 7  # ボランティア|の|方|に|来|て|もらえ

# A topic (「母の介護は」) is what the main clause says, even past a reason clause:
# 「母の介護は姉がいるから心配ない」 settles 介護. Only these predicates settle a need so;
# 「介護は母が嫌がるから頼めない」 is a need still.
_TOPIC = frozenset({"は", "も"})
_REASONS = frozenset({"から", "ので", "し"})
_SETTLED = frozenset({"心配", "必要", "要る", "問題", "困る", "入る"})
_TOPIC_WINDOW = 14


def _is_negated(tokens: list[Token], marks: list[int], first: int, last: int, rule: Rule,
                lex: Lexicon, consumed: set[int]) -> bool:
    """`marks` are the indices of the only tokens that can decide it: clause breaks,
    negation markers and denials, in order (any other token is stepped over)."""
    limit = last + 1 + lex.negation_window
    n_tokens = len(tokens)
    for j in marks[bisect_right(marks, last):]:
        if j >= limit:
            break
        tok = tokens[j]
        if tok.is_break:
            return _topic_settled(tokens, last, lex, consumed)
        if tok.norm in lex.denials:
            # 「お金は大丈夫」 denies the need, 「お金は大丈夫じゃない」 does not.
            k = j + 1
            while k < n_tokens and tokens[k].skippable:
                k += 1
            if (k < n_tokens and tokens[k].is_neg) or _asked_for(tokens, j):
                continue
        elif j in consumed:
            continue
        p = _predicate(tokens, j, last)
        if first <= p <= last or not tokens[p].forms.isdisjoint(rule.negated_by):
            return not _disputed(tokens, j)
        if tok.norm in lex.denials and _in_noun_phrase_before(tokens, p, last):
            return True  # 「障害者スポーツ大会のボランティア」: the whole phrase is denied
    return _topic_settled(tokens, last, lex, consumed)


def _predicate(tokens: list[Token], j: int, last: int) -> int:
    """The predicate the marker at `j` attaches to: step back over particles and
    auxiliaries, but not over a verb used as a verb (保育園に[行き]たがらない)."""
    p = j - 1
    while p > last and (tokens[p].is_neg or (tokens[p].skippable and (
            not tokens[p].aux_verb or tokens[p - 1].norm in _TE))):
        p -= 1
    return p


def _disputed(tokens: list[Token], j: int) -> bool:
    """Whether the denial at `j` is quoted (と言われた, って思ってた) and then disputed in the
    same sentence (けど, のに, ても, or a でも opening the next clause)."""
    n_tokens = len(tokens)
    k = j + 1
    while k < n_tokens and tokens[k].skippable and tokens[k].norm not in _QUOTE:
        k += 1
    if k >= n_tokens or tokens[k].norm not in _QUOTE:
        return False
    k += 1
    while k < n_tokens and tokens[k].skippable:
        k += 1
    if k >= n_tokens or tokens[k].norm not in _SAY_THINK:
        return False
    while k < n_tokens and not tokens[k].is_break:
        k += 1
    if k >= n_tokens:
        return False
    if tokens[k].norm in _ADVERSATIVE:
        return True
    if tokens[k - 1].norm == "に" and tokens[k - 2].norm == "の":
        return True  # のに, which Sudachi may read の|に
    opener = "".join(t.norm for t in tokens[k + 1 : k + 3])  # Sudachi may read でも as で|も
    return k + 1 < n_tokens and (tokens[k + 1].norm in _ADVERSATIVE_OPENERS or opener == "でも")


def _asked_for(tokens: list[Token], j: int) -> bool:
    """Whether the denial word at `j` is the object of a request in its clause."""
    for k in range(j + 1, min(len(tokens), j + 1 + _ASK_REACH)):
        tok = tokens[k]
        if tok.is_break or tok.norm == "為る":
            return False
        if tok.norm in _ASKED_FOR:
            return True
    return False


def _topic_settled(tokens: list[Token], last: int, lex: Lexicon,
                   consumed: set[int]) -> bool:
    """Whether a match that is the topic of its sentence (介護は, 介護のことは) is settled by
    the main clause after a reason clause: 「介護は姉がいるから心配ない / 大丈夫」."""
    n_tokens = len(tokens)
    k = last + 1
    if k + 1 < n_tokens and tokens[k].norm == "の" and tokens[k + 1].norm in ("こと", "事"):
        k += 2
    if k >= n_tokens or tokens[k].norm not in _TOPIC:
        return False
    reason_end = -1
    for j in range(k + 1, min(n_tokens, last + 1 + _TOPIC_WINDOW)):
        tok = tokens[j]
        if tok.is_break:
            if tok.norm not in _REASONS:
                return False
            reason_end = j
        elif tok.norm == "だ" and tokens[j - 1].norm == "の":
            reason_end = j  # ので, which Sudachi reads の|で(だ)
        elif reason_end < 0:
            continue
        elif tok.is_neg and j not in consumed:
            p = _predicate(tokens, j, last)
            return p > reason_end and tokens[p].norm in _SETTLED and not _disputed(tokens, j)
        elif tok.norm in lex.denials and not tok.skippable:
            return all(t.skippable for t in tokens[reason_end + 1 : j]) and not (
                j + 1 < n_tokens and tokens[j + 1].is_neg) and not _disputed(tokens, j)
    return False


def _in_noun_phrase_before(tokens: list[Token], p: int, last: int) -> bool:
    """Whether the match ending at `last` is inside the run of content words and の that
    ends at `p`: a denial word such as ボランティア denies the phrase it heads."""
    while p > last and (tokens[p].content or tokens[p].norm == "の"):
        p -= 1
    return p == last


def _reach(tokens: list[Token], i: int, max_gap: int, n_tokens: int) -> frozenset[str]:
    """The forms of the tokens a phrase starting at `i` can take its second word from:
    those `_match_phrase` looks at. A phrase whose second word is none of them fails, and
    most do (母 starts many phrases), so one set test spares each of them the walk."""
    j = i + 1
    if j < n_tokens:
        tok = tokens[j]
        if tok.is_break or not tok.skippable or max_gap <= 0:
            return tok.forms
    forms: set[str] = set()
    gap = 0
    while j < n_tokens:
        tok = tokens[j]
        forms |= tok.forms
        if tok.is_break or not tok.skippable:
            break
        if tok.norm not in _POLITE:
            if gap >= max_gap:
                break
            gap += 1
        j += 1
    return frozenset(forms)


_NONE: frozenset[int] = frozenset()


def _consumed(tokens: list[Token], lex: Lexicon, negs: list[int] | None = None) -> set[int]:
    if negs is None:
        negs = [j for j, tok in enumerate(tokens) if tok.is_neg]
    return _idiomatic_negations(tokens, negs, lex) if negs and lex.neg_exceptions else set()


def match_words(tokens: list[Token], words: list[tuple[Token, WordHits]],
                relevant: list[int], lex: Lexicon) -> list[WordMatch]:
    """The term and phrase matches in one analysed text: `words[i]` is `tokens[i]` and what
    it can start (`hits_for`, kept per word by the tagger), `relevant` the indices where that
    is anything. In the order phrases and terms of fixed rules, then negatable ones."""
    found: list[WordMatch] = []
    pending: list[tuple[Rule, str, int, int]] = []  # negatable: decided once phrases are known
    # Markers that negate nothing (idioms, and those phrases own), found when first needed:
    # most texts have no phrase with a marker and no negatable match.
    consumed: set[int] | None = None
    max_gap = lex.max_gap
    n_tokens = len(tokens)
    for i in relevant:
        phrases = words[i][1].phrases
        if not phrases:
            continue
        reach = _reach(tokens, i, max_gap, n_tokens)
        for phrase in phrases:
            second = phrase.second
            if second is not None and second.isdisjoint(reach):
                continue
            rule = phrase.rule
            if phrase.has_neg:
                if consumed is None:
                    consumed = _consumed(tokens, lex)
                hit = _match_phrase(tokens, i, phrase, max_gap, consumed)
                if hit is None:
                    continue
                # The phrase owns its negation: it states a lack, and that ない negates
                # nothing else (お金がない is poverty, and お金 in it is not negated).
                consumed.update(k for k, el in zip(hit, phrase.elements, strict=True)
                                if NEG in el)
                found.append((rule, phrase.term, i, hit[-1], False))
                continue
            # only a phrase with a marker asks which markers are consumed
            hit = _match_phrase(tokens, i, phrase, max_gap, _NONE)
            if hit is None:
                continue
            if rule.negation == "fixed":
                found.append((rule, phrase.term, i, hit[-1], False))
            else:
                pending.append((rule, phrase.term, i, hit[-1]))

    for i in relevant:
        word = words[i][1]
        for rule, term in word.fixed_terms:
            found.append((rule, term, i, i, False))
        for rule, term in word.negatable_terms:
            pending.append((rule, term, i, i))

    if pending:
        denials = lex.denials
        # an adverb is no denial: 「介護が結構大変」 is quite hard, 「介護は結構です」 declines
        marks = [j for j, tok in enumerate(tokens)
                 if tok.is_neg or tok.is_break or (tok.norm in denials and not tok.skippable)]
        if consumed is None:
            consumed = _consumed(tokens, lex, [j for j in marks if tokens[j].is_neg])
        for rule, term, first, last in pending:
            negated = bool(marks) and _is_negated(tokens, marks, first, last, rule, lex,
                                                  consumed)
            found.append((rule, term, first, last, negated))
    return found


# A danger sign is never negated, but some words of one are told as no sign at all: quoted
# from a song or a drama, named as the subject of a programme or a prevention scheme (自殺防止,
# 孤独死の特集), or told as a past episode the text then says is over (「去年は死にたいと思った
# こともあったけど、今は落ち着いています」). The texts are folded: katakana as hiragana.
_SENTENCE_ENDS = "。!?\n"
_QUOTE_PAIRS = (("「", "」"), ("『", "』"), ("“", "”"), ('"', '"'))
_MEDIA = re.compile(
    "どらま|映画|えいが|あにめ|漫画|まんが|小説|歌詞|曲|番組|ばんぐみ|しーん|せりふ|台詞|主人公"
    "|にゅーす|記事|げーむ|動画|どうが|作品|映像|えいぞう")
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
    if _TOPIC_AFTER.match(folded, end):
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


def _danger_as_told(rule: Rule, folded: str, start: int, end: int) -> Rule | None:
    """The rule a danger match counts for: itself, the need it shows when the episode is
    over, or None when the words are no sign."""
    if _told_as_no_sign(rule, folded, start, end):
        return None
    if _told_as_over(folded, start, end):
        return _need_shown(rule)
    return rule


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


def match_patterns(folded: str, index: list[int] | None, lex: Lexicon,
                   grams: AbstractSet[str] | None) -> list[PatternMatch]:
    """Patterns cover dialect and slang Sudachi cannot see; they never take negation."""
    out: list[PatternMatch] = []
    for _, regex, pattern in lex.pattern_set.candidates(folded, grams):
        # Most candidates do not match, and search() costs half of finditer().
        if regex.search(folded) is None:
            continue
        for m in regex.finditer(folded):
            start, end = m.span()
            if start == end:
                continue
            rule = pattern.rule
            if rule.category == DANGER:
                as_told = _danger_as_told(rule, folded, start, end)
                if as_told is None:
                    continue
                rule = as_told
            if index is not None:
                start, end = index[start], index[end]
            # The folded words matched are the evidence's term (ｼﾆﾀｲ -> しにたい).
            out.append((rule, m[0], start, end))
    if is_kana_only(folded):
        out += _match_kana_danger(folded, index, lex)
    elif _SPACED.search(folded):
        out += _match_danger_unspaced(folded, index, lex)
    return out


# A space between two Japanese characters: 「母が　転んで　起き上がれない」 spaces its words
# as some older people and phones do, and the danger patterns expect none.
_SPACED = re.compile("[^\x00-\x7f][ \u3000]+[^\x00-\x7f]")
_MIN_ACROSS = 4


def _match_danger_unspaced(folded: str, index: list[int] | None,
                           lex: Lexicon) -> list[PatternMatch]:
    """The danger patterns on the text with its spaces dropped."""
    text, back = without_spaces(folded)
    out: list[PatternMatch] = []
    for _, regex, pattern in lex.pattern_set.candidates(text):
        if pattern.rule.category != DANGER:
            continue
        for m in regex.finditer(text):
            start, end = m.span()
            if start == end:
                continue
            if end - start < _MIN_ACROSS and back[end - 1] - back[start] >= end - start:
                continue  # a short match across a space joins two words: ない ふつか is no ナイフ
            rule = _danger_as_told(pattern.rule, text, start, end)
            if rule is None:
                continue
            start, end = back[start], back[end - 1] + 1
            if index is not None:
                start, end = index[start], index[end]
            out.append((rule, m[0], start, end))
    return out


_kana_danger: dict[int, tuple[Lexicon, KanaDanger]] = {}


def _match_kana_danger(folded: str, index: list[int] | None, lex: Lexicon) -> list[PatternMatch]:
    """Danger patterns read in kana, on a text written in kana with its spaces dropped."""
    kept = _kana_danger.get(id(lex))
    if kept is None or kept[0] is not lex:
        kept = _kana_danger[id(lex)] = (lex, KanaDanger(lex))
    text, back = without_spaces(folded)
    out = _match_danger_unspaced(folded, index, lex) if " " in folded or "\u3000" in folded else []
    for m, pattern in kept[1].variants().finditer(text):
        start, end = m.span()
        if start == end:
            continue
        if end - start < _MIN_ACROSS and back[end - 1] - back[start] >= end - start:
            continue
        rule = _danger_as_told(pattern.rule, text, start, end)
        if rule is None:
            continue
        start, end = back[start], back[end - 1] + 1
        if index is not None:
            start, end = index[start], index[end]
        out.append((rule, m[0], start, end))
    return out
