"""How the console reads a line and lays out Japanese for a terminal."""

from __future__ import annotations

from bot.channels.console_io import display_width, parse_typed, wrap
from flows.messages import Choice, ChoiceMessage, Command, CommandMessage, TextMessage

CHOICES = (Choice("self", "ご自身のこと"), Choice("family", "ご家族のこと"))


def test_a_number_picks_the_offered_choice_even_in_full_width() -> None:
    assert parse_typed("2", CHOICES) == ChoiceMessage("family")
    assert parse_typed("１", CHOICES) == ChoiceMessage("self")


def test_a_number_with_no_such_choice_is_kept_as_words() -> None:
    assert parse_typed("3", CHOICES) == TextMessage("3")


def test_slash_commands_are_commands() -> None:
    assert parse_typed("/back", CHOICES) == CommandMessage(Command.BACK)


def test_wrapped_lines_fit_the_terminal_and_never_start_with_a_closing_mark() -> None:
    text = "相談先へ伝えるのは、このあと「伝えてよい」とお答えいただいた場合だけです。" * 3
    lines = wrap(text, width=20).split("\n")
    assert "".join(lines) == text
    assert all(display_width(line) <= 22 for line in lines)
    assert not any(line[:1] in "。、」" for line in lines)


def test_a_command_or_a_phone_number_is_never_broken_across_lines() -> None:
    text = "あとから「同意の撤回」や「/delete」で消すこともできます。電話は090-1234-5678です。"
    for width in range(10, 40):
        lines = wrap(text, width=width).split("\n")
        assert "".join(lines) == text
        assert any("/delete" in line for line in lines)
        assert any("090-1234-5678" in line for line in lines)
