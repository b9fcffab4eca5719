"""`pacxl new`, `pacxl demo` and LibreOffice's open + recalculation of their workbooks, before and
after: the same measures on an earlier commit and on this checkout, in one run.

    python benchmarks/bench_before_after.py [--before e582c6e] [--repeat 3] [--quick]

``--before``: the commit to compare with (default ``e582c6e``, the last commit before the issues
that made the template grow: capacity, follow-up, pipeline, team, customers). It is checked out
in a temporary git worktree and run from there with this interpreter (same libraries), so the
two versions are timed on the same machine, in the same minute. Every command runs in a fresh
interpreter (what a user waits for); best of ``--repeat``. LibreOffice: ``soffice --headless
--convert-to xlsx`` of the workbook each version made (load, recalculation of every formula,
save), the same engine call for both.

Targets (issue 16): new < 1 s, demo < 2 s after; LibreOffice after <= 2x before.
Needs git and the repository's history (not a shallow clone) and LibreOffice.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_generate import best  # noqa: E402  (the benchmarks' one best-of-n timer)


def pacxl(src: Path, *args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(src))
    subprocess.run([sys.executable, "-m", "pacxl", *args], check=True, capture_output=True, env=env, cwd=src)


def soffice(path: Path, out: Path) -> None:
    from pacxl.recalc import recalculate

    recalculate(path, out)


def measure(src: Path, folder: Path, repeat: int) -> dict[str, float]:
    folder.mkdir(parents=True, exist_ok=True)
    blank, demo = folder / "blank.xlsx", folder / "demo.xlsx"
    got = {
        "new": best(lambda: pacxl(src, "new", str(blank), "--force"), repeat),
        "demo": best(lambda: pacxl(src, "demo", str(demo), "--force"), repeat),
    }
    got["lo_blank"] = best(lambda: soffice(blank, folder / "lo_blank"), repeat)
    got["lo_demo"] = best(lambda: soffice(demo, folder / "lo_demo"), repeat)
    got["size_blank"] = blank.stat().st_size / 1024
    got["size_demo"] = demo.stat().st_size / 1024
    return got


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="e582c6e", help="the commit to compare with")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run of each (CI)")
    args = parser.parse_args()
    if args.quick:
        args.repeat = 1
    from pacxl.recalc import soffice_path

    if soffice_path() is None:
        print("LibreOffice is not installed: nothing measured")
        return 0
    with tempfile.TemporaryDirectory(prefix="pacxl-before-after-") as tmp:
        tree = Path(tmp) / "before"
        made = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.before],
                              capture_output=True, text=True)
        if made.returncode != 0:  # a shallow clone, or not a git checkout
            print(f"cannot check out {args.before} ({made.stderr.strip()[:200]}): nothing measured")
            return 0
        try:
            before = measure(tree, Path(tmp) / "b", args.repeat)
            after = measure(ROOT, Path(tmp) / "a", args.repeat)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    print(f"before = {args.before}, after = {head}; best of {args.repeat}, each command in a fresh interpreter")
    print(f"{'measure':<44} {'before':>9} {'after':>9} {'after/before':>13}  target")
    rows = [("pacxl new (s)", "new", "< 1 s"), ("pacxl demo (s)", "demo", "< 2 s"),
            ("LibreOffice open+recalc+save, blank (s)", "lo_blank", "<= 2x before"),
            ("LibreOffice open+recalc+save, demo (s)", "lo_demo", "<= 2x before"),
            ("blank workbook (KiB)", "size_blank", ""), ("demo workbook (KiB)", "size_demo", "")]
    for label, key, target in rows:
        b, a = before[key], after[key]
        print(f"{label:<44} {b:>9.2f} {a:>9.2f} {a / b:>12.2f}x  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
