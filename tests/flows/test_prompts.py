"""Every state has its words in prompts.yaml, and every text there is said somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.prompts import CONSENTS, PROMPTS
from flows.states import STATE_PROMPTS, IntakeState

FLOWS = Path(__file__).resolve().parents[2] / "flows"
JAPANESE_WORD = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff]")  # kana, kanji


def code_literals() -> set[str]:
    text = "\n".join(p.read_text("utf-8") for p in FLOWS.glob("*.py"))
    return set(re.findall(r'"([a-z_]+)"', text))


@pytest.mark.parametrize("state", list(IntakeState))
def test_every_state_has_a_question_in_the_prompts_file(state: IntakeState) -> None:
    assert STATE_PROMPTS[state] in PROMPTS


def test_every_prompt_key_is_used_by_the_flow() -> None:
    used = code_literals() | set(STATE_PROMPTS.values())
    assert set(PROMPTS) - used == set()


def test_no_japanese_text_lives_in_the_intake_code() -> None:
    # Docstrings and comments may quote what a person says; string literals may not.
    for path in set(FLOWS.glob("*.py")) - set(FLOWS.glob("routing*.py")):
        code = re.sub(r'""".*?"""', "", path.read_text("utf-8"), flags=re.S)
        code = "\n".join(line.split("#")[0] for line in code.splitlines())
        literals = re.findall(r'"[^"\n]*"', code)
        assert not [s for s in literals if JAPANESE_WORD.search(s)], path


def test_every_consent_text_has_a_version() -> None:
    assert {"record", "share", "share_meeting"} <= set(CONSENTS)
    assert all(c.version and c.text for c in CONSENTS.values())
    assert len({c.version for c in CONSENTS.values()}) == len(CONSENTS)


def test_every_question_with_choices_labels_each_choice() -> None:
    for prompt in PROMPTS.values():
        assert all(c.id and c.label for c in prompt.choices), prompt.key
