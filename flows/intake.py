"""The intake conversation: one inbound message in, the new state, replies and effects out.

Pure: time, the reference number and the channel come in as arguments; the tagger and the
router come in through the ports. The input conversation is never modified.
"""

from __future__ import annotations

from datetime import datetime

from flows import answers, commands, concern, steps
from flows.conversation import Conversation, Outcome
from flows.machine import mermaid as mermaid
from flows.messages import (
    ChoiceMessage,
    Command,
    CommandMessage,
    ContactMessage,
    InboundMessage,
    Reply,
    TextMessage,
    UnsupportedMessage,
)
from flows.ports import Router, Tagger
from flows.prompts import reply
from flows.render import question
from flows.states import TERMINAL_STATES
from flows.states import IntakeState as S
from flows.text import clean
from flows.turn import Turn
from flows.typed import Picked, interpret

_COMMAND_IDS = frozenset(c.value for c in Command)
MAX_ANSWER_CHARS = 200  # a typed answer to a choice question
_FIX_HINTS = {S.CONFIRM_NEEDS: "needs_fix_hint", S.REVIEW: "review_fix_hint"}


class IntakeFlow:
    def __init__(self, tagger: Tagger, router: Router) -> None:
        self._tagger = tagger
        self._router = router

    def current(self, conversation: Conversation | None) -> tuple[Reply, ...]:
        """The question the person is at, asked again (for a resumed chat)."""
        if conversation is None:
            return (reply("welcome"), question(Conversation(), self._router))
        return (question(conversation, self._router),)

    def handle(
        self,
        conversation: Conversation | None,
        message: InboundMessage,
        *,
        now: datetime,
        reference: str,
        channel: str,
    ) -> Outcome:
        conv = conversation.copy() if conversation is not None else Conversation()
        turn = Turn(conv, self._tagger, self._router, now, reference, channel)
        if conversation is None and not _answers_the_greeting(turn, message):
            self._greet(turn, message)
        else:
            self._dispatch(turn, message)
        return Outcome(turn.conv, tuple(turn.replies), tuple(turn.effects))

    def _greet(self, turn: Turn, message: InboundMessage) -> None:
        turn.say(reply("welcome"))
        command = _command_of(message)
        if command in (Command.DELETE, Command.WITHDRAW):
            commands.run(turn, command)
            return
        if isinstance(message, TextMessage):
            text = clean(message.text)[: concern.MAX_MESSAGE_CHARS]
            tag = self._tagger.tag(text) if text else None
            if tag is not None and tag.emergency:
                concern.danger(turn, tag)
        turn.ask()

    def _dispatch(self, turn: Turn, message: InboundMessage) -> None:
        command = _command_of(message)
        if command is not None:
            commands.run(turn, command)
        elif isinstance(message, ChoiceMessage):
            self._choice(turn, message.choice_id)
        elif isinstance(message, TextMessage):
            self._text(turn, message.text)
        elif isinstance(message, ContactMessage) and turn.conv.state in (
            S.CONTACT_METHOD, S.CONTACT_PHONE
        ):
            self._text(turn, message.phone)
        else:
            # A phone number shared out of turn is not kept: it is asked for when needed.
            unexpected = "contact_not_now" if isinstance(message, ContactMessage) else None
            assert unexpected or isinstance(message, UnsupportedMessage)
            turn.say(reply(unexpected or "error_unsupported"))
            turn.ask()

    def _choice(self, turn: Turn, choice_id: str) -> None:
        offered = {c.id for c in question(turn.conv, self._router).choices}
        if choice_id not in offered:
            turn.say(reply("error_unknown_choice"))
            turn.ask()
            return
        labels = {c.id: c.label for c in question(turn.conv, self._router).choices}
        # The area's name is kept with its id; other choices carry only their id.
        steps.answer(turn, choice_id, typed=labels[choice_id] if turn.conv.state is S.AREA else "")

    def _text(self, turn: Turn, raw: str) -> None:
        conv = turn.conv
        text = clean(raw)
        if not text:
            turn.say(reply("error_empty"))
            turn.ask()
            return
        cut = text[: concern.MAX_MESSAGE_CHARS]
        tag = self._tagger.tag(cut)
        if tag.emergency:
            concern.danger(turn, tag)
            if conv.consent_record and conv.state not in (S.CONCERN, *TERMINAL_STATES):
                # Said in answer to another question, but staff need these words too.
                conv.concern_parts.append(cut)
        if conv.state is S.CONCERN and answers.finishes_concern(text):
            steps.answer(turn, "done")
            return
        if conv.state is S.CONCERN:
            if len(text) > len(cut):
                turn.say(reply("concern_cut", limit=concern.MAX_MESSAGE_CHARS))
            concern.receive(turn, cut, tag)
            return
        if tag.emergency:
            # The crisis lines come first; then the same question, whatever the words were.
            turn.ask()
            return
        if len(text) > MAX_ANSWER_CHARS:
            turn.say(reply("error_too_long"))
            turn.ask()
            return
        picked = interpret(turn, text)
        if isinstance(picked, Picked) and picked.choice_id in _COMMAND_IDS:
            commands.run(turn, Command(picked.choice_id))  # 「2」 for 「一つ前に戻って直す」
        elif isinstance(picked, Picked):
            steps.answer(turn, picked.choice_id, typed=picked.typed)
        elif isinstance(picked, Reply):
            turn.say(picked)
        elif conv.state is S.CONFIRM_NEEDS and set(tag.categories) - set(conv.categories):
            # 「お金のことも心配です」: more of the concern; its needs are added to the list.
            concern.add_needs(turn, cut, tag)
            turn.ask()
        else:
            error = _error_for(turn, text)
            if error is not None:
                turn.say(reply(error))
            turn.ask()


def _answers_the_greeting(turn: Turn, message: InboundMessage) -> bool:
    """A button, or 「2」「家族です」: the channel showed current() already and this answers it."""
    if isinstance(message, ChoiceMessage):
        return True
    if not isinstance(message, TextMessage) or _command_of(message) is not None:
        return False
    return isinstance(interpret(turn, clean(message.text)[:MAX_ANSWER_CHARS]), Picked)


def _command_of(message: InboundMessage) -> Command | None:
    if isinstance(message, CommandMessage):
        return message.command
    if isinstance(message, ChoiceMessage) and message.choice_id in _COMMAND_IDS:
        return Command(message.choice_id)
    if isinstance(message, TextMessage) and len(message.text) <= 40:
        return answers.command(clean(message.text))
    return None


def _error_for(turn: Turn, text: str) -> str | None:
    """The kind word for a typed reply that picks nothing; None when the question alone will do."""
    if answers.is_thanks(text):
        return "thanks_reply"
    if answers.is_greeting(text):
        return "greeting_reply"
    if answers.is_unclear(text):
        return "answer_unclear"
    if answers.yes_no(text) == "no" and turn.conv.state in _FIX_HINTS:
        return _FIX_HINTS[turn.conv.state]  # 「ちがう」: how to put it right
    if turn.conv.state is S.CONTACT_PHONE and any(ch.isdigit() for ch in text):
        return "phone_invalid"
    if turn.conv.state in TERMINAL_STATES:
        return None
    return "error_not_understood"
