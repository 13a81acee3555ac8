"""The fault run (`python -m bench faults`): 40 simulated people, each playing a whole intake to
"submitted" through the real `tsunagu run` process polling the fake Bot API, while the bot is
killed with SIGKILL at random moments (at least 12 times) and restarted, and the server answers
429 (retry_after 1 s), 500, slowly (0.3-2 s) or not within the bot's 5 s timeout for about one
call in nine. People who get no answer within 6 s send again.

Counted afterwards (tests/e2e/fault_checks.py): submitted conversations, cases, referrals
delivered to the bound staff chat (sendMessage deliveries the server accepted carrying the
referral's 受理 button, by reference), lost referrals, corrupted conversations (a stored state
that is not a declared IntakeState or whose JSON does not load back), crashes (the bot ending
without being killed), and repeats: `duplicates` (a reference in more than one staff-chat
message), split into `resent_after_kill` (a kill near the first delivery: what the two-step
delivery, placeholder then content, is there to prevent) and `duplicates_unexplained`;
`placeholders_left` counts placeholders a dying bot left empty. Bounded in time: a deadline
ends the load phase, and people who did not finish are counted as unfinished, not hidden.

A killed dispatcher's lease (2 minutes) and retry backoff are not waited out: while the bot is
down, pending outbox rows are made due (`leases_expired`), as if the restart came later.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.e2e.fault_run import FaultRunConfig, run_faults

CONFIG = FaultRunConfig(users=40, min_kills=12, arrival_s=60.0, deadline_s=300.0, drain_s=90.0)


def run() -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="tsunagu-faults-") as workdir:
        findings = run_faults(CONFIG, Path(workdir))
    for problem in findings.problems:
        print(f"#   PROBLEM {problem}", flush=True)
    counts = findings.counts
    print("#   users {users:.0f}, submitted {submitted:.0f}, kills {kills:.0f}, injected faults "
          "{faults_injected:.0f}, duplicates {duplicates:.0f} ({resent_after_kill:.0f} resent "
          "after a kill, {duplicates_unexplained:.0f} unexplained), lost {lost:.0f}, corrupted "
          "{corrupted:.0f}, crashes {crashes:.0f}".format(**counts), flush=True)
    return {f"faults_{key}" if not key.startswith("faults_") else key: float(value)
            for key, value in counts.items()}


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:<28} {value:>10.1f}")
