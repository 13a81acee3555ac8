"""`make bench`: runs each benchmark, prints a table, writes bench/results.json.

Each benchmark module has `run() -> dict[str, float]` and measures its own baseline in the same
run, so the ratios mean the same on any machine.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from pathlib import Path

BENCHMARKS: tuple[str, ...] = ("tagger", "engine", "startup", "e2e", "e2e_pg")
RESULTS = Path(__file__).with_name("results.json")


def main(names: list[str]) -> int:
    results: dict[str, float] = {}
    failed: list[str] = []
    for name in names or BENCHMARKS:
        started = time.perf_counter()
        print(f"# {name} ...", flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            results.update(module.run())
        except Exception as exc:  # a benchmark that cannot run is reported, not hidden
            failed.append(f"{name}: {type(exc).__name__}: {exc}")
        print(f"#   {time.perf_counter() - started:.1f} s", flush=True)
    width = max((len(k) for k in results), default=10)
    for key, value in results.items():
        print(f"{key:<{width}}  {value:>12.3f}")
    for line in failed:
        print(f"FAILED {line}")
    if names and RESULTS.exists():
        # A partial run (`python -m bench faults`) updates its own numbers and keeps the rest.
        kept = json.loads(RESULTS.read_text("utf-8")).get("results", {})
        results = {**kept, **results}
    payload = {"machine": platform.platform(), "results": results, "failed": failed}
    RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {RESULTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
