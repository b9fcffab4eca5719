"""Consolidating 10 and 100 individual plans (demo workbooks) into a team workbook.

    python benchmarks/bench_consolidate.py [--quick]

Baseline, measured in the same process: just opening the same files with
``openpyxl.load_workbook`` (the least any reader of the tables must do). Target: 100 plans in
under 60 s. Also prints ``check`` and ``report`` on one demo workbook.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from pacxl.check import check_workbook
from pacxl.consolidate import consolidate_files
from pacxl.demo import demo_plan
from pacxl.report import report_workbook
from pacxl.workbook.build import build_workbook


def make_plans(folder: Path, n: int) -> list[str]:
    """``n`` demo plans, each owned by one salesperson (build one per owner, copy the file)."""
    import shutil

    base = demo_plan("fr")
    first = folder / "plan_000.xlsx"
    build_workbook(base, first)
    paths = [str(first)]
    for i in range(1, n):
        p = folder / f"plan_{i:03d}.xlsx"
        shutil.copyfile(first, p)
        paths.append(str(p))
    return paths


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    sizes = (3, 10) if args.quick else (10, 100)
    with tempfile.TemporaryDirectory(prefix="pacxl-bench-") as tmp:
        folder = Path(tmp)
        paths = make_plans(folder, max(sizes))
        t_check = timed(lambda: check_workbook(paths[0]))
        t_report = timed(lambda: report_workbook(paths[0]))
        print(f"{'case':<34} {'pacxl (s)':>10} {'baseline (s)':>13} {'ratio':>7} {'target':>8}")
        print(f"{'check on the demo':<34} {t_check:>10.2f}")
        print(f"{'report on the demo':<34} {t_report:>10.2f}")
        for n in sizes:
            out = folder / f"team_{n}.xlsx"
            t = timed(lambda: consolidate_files(paths[:n], out, force=True))
            base = timed(lambda: [openpyxl.load_workbook(p) for p in paths[:n]])
            target = "< 60 s" if n == 100 else ""
            ok = "" if n != 100 else ("  met" if t < 60 else "  MISSED")
            print(f"{f'consolidate {n} plans':<34} {t:>10.2f} {base:>13.2f} {t / base:>6.2f}x {target:>8}{ok}")
        print(f"peak memory of the process: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
