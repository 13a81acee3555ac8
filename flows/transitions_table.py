"""The intake's transitions as plain data: the machine and the diagram are both built from this.

Triggers:
- `next`: the question was answered (or does not apply) and the next one in order comes.
- `guide`: nothing may be shared (no consent to record, or sharing declined); tell where to go.
- `submit`: the reviewed referral is sent.
- `fix`: from the review, the details are asked again (they may have come from the concern's
  words, and a question passed over cannot be reached with 戻る).
- `restart`, `cancel`, `erase`: global commands, from any state.

`back` is not a transition: it restores the snapshot saved before the last answer.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

from flows.states import IntakeState as S

ANY: Final = "*"

# The order of the questions; `next` walks it, skipping what is already known.
QUESTION_ORDER: Final[tuple[S, ...]] = (
    S.ROLE,
    S.CONSENT_RECORD,
    S.CONCERN,
    S.CONFIRM_NEEDS,
    S.SUBJECT,
    S.AGE_GROUP,
    S.HOUSEHOLD,
    S.AREA,
    S.CONTACT_METHOD,
    S.CONTACT_PHONE,
    S.CONTACT_WHEN,
    S.SUBJECT_CONSENT,
    S.SHARE_CONSENT,
    S.REVIEW,
)

TRANSITIONS: Final[tuple[dict[str, str], ...]] = (
    *(
        {"trigger": "next", "source": source.value, "dest": dest.value}
        for source, dest in pairwise(QUESTION_ORDER)
    ),
    {"trigger": "guide", "source": S.SHARE_CONSENT.value, "dest": S.GUIDED.value},
    {"trigger": "guide", "source": S.REVIEW.value, "dest": S.GUIDED.value},
    {"trigger": "submit", "source": S.REVIEW.value, "dest": S.DONE.value},
    {"trigger": "fix", "source": S.REVIEW.value, "dest": S.SUBJECT.value},
    {"trigger": "restart", "source": ANY, "dest": S.ROLE.value},
    {"trigger": "cancel", "source": ANY, "dest": S.CLOSED.value},
    {"trigger": "erase", "source": ANY, "dest": S.CLOSED.value},
)
