"""Mutation scores per target, after ``mutmut run`` (see docs/mutation.md).

Reads ``mutmut results --all true`` and the equivalent mutants listed in docs/mutation.md (lines
of its table starting with ``| `pacxl.``), and prints for each target: killed, total, equivalent,
score = killed / (total - equivalent), and the surviving mutants that are not listed as
equivalent (the ones a test should kill). Exit 1 when a target is under ``--min`` (default 95).
Mutants not run yet (``mutmut run`` given some names only) are left out of the score and counted
apart; ``--modules`` adds one line per module.

    python tools/mutation_score.py [--min 95] [--modules]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

TARGETS = {
    "pacxl/calc/": ("pacxl.calc.",),
    "pacxl/udfs.py": ("pacxl.udfs.",),
    "parsers (pacxl/io/amounts.py, months.py)": ("pacxl.io.amounts.", "pacxl.io.months."),
}
KILLED = {"killed", "timeout"}  # a mutant that hangs the tests is caught too
NOT_RUN = "not checked"

DOC = Path(__file__).resolve().parent.parent / "docs" / "mutation.md"


def equivalents(doc: Path = DOC) -> set[str]:
    names: set[str] = set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`(pacxl\.[^`]+)`", line)
        if m:
            for name in re.findall(r"`(pacxl\.[^`]+)`", line.split("|")[1]):
                names.add(name)
    return names


def results() -> dict[str, str]:
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"],
                         capture_output=True, text=True, check=True).stdout
    status = {}
    for line in out.splitlines():
        name, _, state = line.strip().partition(": ")
        if name.startswith("pacxl."):
            status[name] = state.strip()
    return status


def _line(label: str, names: list[str], status: dict[str, str], equiv: set[str], not_run: int) -> float:
    killed = sum(status[n] in KILLED for n in names)
    eq = [n for n in names if n in equiv and status[n] not in KILLED]
    score = 100.0 * killed / max(len(names) - len(eq), 1)
    rest = f" ({not_run} mutants not run, left out)" if not_run else ""
    print(f"{label}: {killed} killed / {len(names)} mutants, {len(eq)} equivalent: {score:.1f} %{rest}")
    return score


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=95.0)
    parser.add_argument("--modules", action="store_true", help="also one line per module")
    args = parser.parse_args()
    status, equiv = results(), equivalents()
    unknown = sorted(e for e in equiv if e not in status)
    if unknown:
        print("listed as equivalent but no such mutant (the code moved? update docs/mutation.md):")
        for name in unknown:
            print("   ", name)
    worst = 100.0
    for target, prefixes in TARGETS.items():
        every = [n for n in status if n.startswith(prefixes)]
        names = [n for n in every if status[n] != NOT_RUN]
        if not names:
            print(f"{target}: not run")
            continue
        score = _line(target, names, status, equiv, len(every) - len(names))
        worst = min(worst, score)
        if args.modules:
            for module in sorted({n.split(".x")[0] for n in names}):
                _line("    " + module, [n for n in names if n.split(".x")[0] == module], status, equiv, 0)
        for n in sorted(n for n in names if status[n] not in KILLED and n not in equiv):
            print(f"    {status[n]:>10}  {n}")
    return 0 if worst >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
