"""The Sudachi user dictionary: CSV source in git, binary built here against the installed core.

`python -m dictionaries.userdict build` compiles `dictionaries/data/userdict.csv` into
`<TSUNAGU_SUDACHI_DIR or <repo>/var/sudachi>/user.dic`. The binary is never committed: Sudachi
0.7 refuses a user dictionary built against any other system.dic build, so it is built where it
is used and rebuilt when Sudachi says it is incompatible.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

SOURCE = Path(__file__).with_name("data") / "userdict.csv"
DIC_NAME = "user.dic"
DIR_ENV = "TSUNAGU_SUDACHI_DIR"


def sudachi_dir() -> Path:
    configured = os.environ.get(DIR_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "var" / "sudachi"


def dic_path() -> Path:
    return sudachi_dir() / DIC_NAME


def system_dic() -> Path:
    """The installed sudachidict_core's system.dic (the build the user dictionary must match)."""
    spec = importlib.util.find_spec("sudachidict_core")
    if spec is None or spec.origin is None:
        raise RuntimeError("sudachidict_core is not installed")
    return Path(spec.origin).parent / "resources" / "system.dic"


def is_fresh(target: Path, source: Path = SOURCE) -> bool:
    return target.exists() and target.stat().st_mtime >= source.stat().st_mtime


def build(*, force: bool = False, source: Path = SOURCE, target: Path | None = None) -> Path:
    """Compile the CSV unless the binary is newer; returns the binary's path."""
    target = target or dic_path()
    if not force and is_fresh(target, source):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # ubuild refuses to overwrite an existing output yet exits 0: delete first, check after.
    target.unlink(missing_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    # `sudachipy ubuild` in a child process: the build peaks near 720 MB, which is then freed.
    command = [
        sys.executable, "-c", "from sudachipy.command_line import main; main()",
        "ubuild", "-s", str(system_dic()), "-o", str(tmp), str(source),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not tmp.exists():
        tmp.unlink(missing_ok=True)
        raise RuntimeError(f"sudachipy ubuild failed ({done.returncode}): {done.stderr[-2000:]}")
    # Atomic rename, so a tagger starting in parallel never loads a half-written file.
    tmp.replace(target)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dictionaries.userdict",
        description="Build the Sudachi user dictionary from dictionaries/data/userdict.csv.",
        epilog="example:\n  python -m dictionaries.userdict build --force",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="compile the CSV into user.dic (skips if fresh)")
    build_cmd.add_argument("--force", action="store_true", help="rebuild even when fresh")
    sub.add_parser("path", help="print where user.dic lives")
    args = parser.parse_args(argv)
    if args.command == "path":
        print(dic_path())
        return 0
    print(build(force=args.force))
    return 0


if __name__ == "__main__":
    sys.exit(main())
