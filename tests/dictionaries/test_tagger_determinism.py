"""The same message is read the same way in every process: nothing may depend on the
order of a set of strings, which Python's string hashing changes from process to process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Each of these was scored differently in some processes: 介護保険 and its A-split 介護
# matched the same words with equal weight, and the one scored went by set order.
TEXTS = ["介護保険けど母の介護で眠れないない",
         "特養の申し込みをしたいです。母は要介護4です。母の介護で仕事を辞めた。収入がなくなった"]
SCRIPT = ("import json, sys; from dictionaries.tagger import get_tagger; t = get_tagger(); "
          "print(json.dumps([t.tag(x).to_json() for x in json.loads(sys.argv[1])]))")
ROOT = Path(__file__).resolve().parents[2]


def _tag_in_process(hash_seed: str) -> object:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(TEXTS)], cwd=ROOT,
                         env=env, capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def test_scores_and_evidence_do_not_change_from_process_to_process() -> None:
    first = _tag_in_process("1")
    assert _tag_in_process("3") == first
    assert _tag_in_process("5") == first
