"""One `transitions` machine shared by every conversation, and the diagram drawn from its data.

The machine holds no conversation: each step fires one trigger on a throwaway cursor carrying
the stored state. The cursor is never attached (add_model): attaching binds ~30 convenience
methods and, with model_override, logs a warning for each, on every message (measured by
bench/engine.py as the largest cost in the flow). A trigger not declared for the state raises
`MachineError`, so the flow cannot wander off the declared diagram.
"""

from __future__ import annotations

import threading
from typing import Final

from transitions import Machine

from flows.states import IntakeState
from flows.transitions_table import ANY, TRANSITIONS


class _Cursor:
    """The machine's model for the length of one trigger: only a state attribute."""

    def __init__(self) -> None:
        self.state: str = IntakeState.ROLE.value


_MACHINE: Final = Machine(
    model=None,
    states=[state.value for state in IntakeState],
    transitions=[dict(t) for t in TRANSITIONS],
    initial=IntakeState.ROLE.value,
    auto_transitions=False,
    model_override=True,
)
# Triggers run one at a time: the machine is shared by the threads of a worker.
_LOCK: Final = threading.Lock()


def fire(state: IntakeState, trigger: str) -> IntakeState:
    """The state after `trigger` from `state`, per the declared transitions."""
    cursor = _Cursor()
    cursor.state = state.value
    with _LOCK:
        _MACHINE.events[trigger].trigger(cursor)
    return IntakeState(cursor.state)


def mermaid() -> str:
    """A Mermaid state diagram of TRANSITIONS, deterministic so a committed copy can be checked."""
    lines = ["stateDiagram-v2", f"    [*] --> {IntakeState.ROLE.value}"]
    for t in TRANSITIONS:
        source = "any_state" if t["source"] == ANY else t["source"]
        lines.append(f"    {source} --> {t['dest']}: {t['trigger']}")
    lines += [
        f"    {IntakeState.DONE.value} --> [*]",
        f"    {IntakeState.GUIDED.value} --> [*]",
        f"    {IntakeState.CLOSED.value} --> [*]",
        '    state "any state" as any_state',
        "    note right of any_state",
        "        help, back (one step), withdraw consent and danger words",
        "        work in every state and keep or restore the question",
        "    end note",
    ]
    return "\n".join(lines) + "\n"
