"""The README shows the conversation as the code runs it, never an older drawing."""

from __future__ import annotations

from pathlib import Path

from bot.commands.flow import README_BLOCK, readme_diagram
from flows.intake import mermaid

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_diagram_matches_the_flow() -> None:
    found = README_BLOCK.search(README.read_text("utf-8"))
    assert found is not None, "README lost its flow-diagram markers"
    committed = found[0].removeprefix(found[1]).removesuffix(found[2])
    assert committed == readme_diagram(mermaid()), (
        "README's flow diagram is stale: run `make flow-diagram`"
    )


def test_diagram_names_every_state_of_the_intake() -> None:
    from flows.states import IntakeState

    diagram = mermaid()
    for state in IntakeState:
        assert state.value in diagram
