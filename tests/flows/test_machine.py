"""One transitions machine, declared as data, serves every conversation; the diagram is drawn
from the same data."""

from __future__ import annotations

import pytest
from transitions import MachineError

from flows import machine
from flows.intake import mermaid
from flows.states import IntakeState
from flows.transitions_table import QUESTION_ORDER, TRANSITIONS
from tests.flows.flow_channel import REACH, reach


def test_the_questions_follow_the_declared_order() -> None:
    state = IntakeState.ROLE
    for expected in QUESTION_ORDER[1:]:
        state = machine.fire(state, "next")
        assert state is expected


def test_a_trigger_not_declared_for_a_state_is_refused() -> None:
    with pytest.raises(MachineError):
        machine.fire(IntakeState.ROLE, "submit")
    with pytest.raises(MachineError):
        machine.fire(IntakeState.DONE, "next")


def test_global_triggers_work_from_every_state() -> None:
    for state in IntakeState:
        assert machine.fire(state, "restart") is IntakeState.ROLE
        assert machine.fire(state, "cancel") is IntakeState.CLOSED


def test_conversations_do_not_stay_attached_to_the_shared_machine() -> None:
    for state in REACH:
        reach(state)
    assert machine._MACHINE.models == []


def test_every_state_is_reachable_in_the_declared_transitions() -> None:
    dests = {t["dest"] for t in TRANSITIONS}
    assert {s.value for s in IntakeState} - {IntakeState.ROLE.value} <= dests


def test_the_diagram_shows_every_state_and_transition_and_is_stable() -> None:
    diagram = mermaid()
    assert diagram == mermaid()
    assert diagram.startswith("stateDiagram-v2\n")
    for t in TRANSITIONS:
        source = "any_state" if t["source"] == "*" else t["source"]
        assert f"{source} --> {t['dest']}: {t['trigger']}" in diagram
