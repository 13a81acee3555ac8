"""The commands that work in every state: ヘルプ, 戻る, 最初から, やめる, /delete, 同意の撤回."""

from __future__ import annotations

from flows import steps
from flows.conversation import Conversation
from flows.domain import ErasureRequested, IntakeCancelled
from flows.machine import fire
from flows.messages import Command
from flows.prompts import reply
from flows.states import TERMINAL_STATES
from flows.states import IntakeState as S
from flows.turn import Turn


def run(turn: Turn, command: Command) -> None:
    conv = turn.conv
    if command is Command.HELP:
        turn.say(reply("help"))
    elif command is Command.BACK:
        if conv.back and conv.state is not S.DONE:
            conv.restore(conv.back.pop())
        else:
            turn.say(reply("back_none"))
    elif command is Command.RESTART:
        turn.conv = Conversation(state=fire(conv.state, "restart"))
        turn.say(reply("restarted"))
    elif command is Command.CANCEL:
        # Nothing of this intake is kept: a fresh conversation, closed.
        turn.conv = Conversation(state=fire(conv.state, "cancel"))
        turn.effects.append(IntakeCancelled())
        turn.say(reply("cancelled"))
    elif command is Command.DELETE:
        turn.conv = Conversation(state=fire(conv.state, "erase"))
        turn.effects.append(ErasureRequested())
        turn.say(reply("erased"))
    else:
        withdraw(turn)
        return
    turn.ask()


def withdraw(turn: Turn) -> None:
    """Withdraw every consent in force, drop the person's words, and go on without sharing."""
    conv = turn.conv
    scopes = dict.fromkeys(c.scope for c in conv.consents if c.withdrawn_at is None)
    if not scopes:
        turn.say(reply("withdraw_none"))
        turn.ask()
        return
    for scope in scopes:
        steps.withdraw(turn, scope)
    if conv.consent_record:
        conv.consent_record = False
    conv.consent_share = None
    conv.forget_personal_data()
    turn.say(reply("withdrawn"))
    if conv.state in TERMINAL_STATES:
        turn.ask()
    else:
        turn.settle()  # the questions that need consent are passed; the end is guidance
