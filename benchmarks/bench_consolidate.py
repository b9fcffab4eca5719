"""Consolidating 10 and 100 individual plans (demo workbooks) into a team workbook.

    python benchmarks/bench_consolidate.py [--quick] [--sizes 10,100,300]

Baseline, measured in the same process: just opening the same files with
``openpyxl.load_workbook`` in one process (the least any reader of the tables must do). Each
size is consolidated with one process and with every core (``--jobs``); target (issue 16): 100
plans in under 15 s on the 2-core machine. ``--sizes 10,100,300`` measures the growth and
extrapolates to 5,000 plans. Also prints ``check`` and ``report`` on one demo workbook.
"""

from __future__ import annotations

import argparse
import math
import os
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
    parser.add_argument("--sizes", type=lambda t: tuple(int(x) for x in t.split(",")),
                        help="numbers of plans, e.g. 10,100,300")
    args = parser.parse_args()
    sizes = args.sizes or ((3, 10) if args.quick else (10, 100))
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="pacxl-bench-") as tmp:
        folder = Path(tmp)
        paths = make_plans(folder, max(sizes))
        t_check = timed(lambda: check_workbook(paths[0]))
        t_report = timed(lambda: report_workbook(paths[0]))
        print(f"{'case':<40} {'pacxl (s)':>10} {'baseline (s)':>13} {'ratio':>7} {'target':>8}")
        print(f"{'check on the demo':<40} {t_check:>10.2f}")
        print(f"{'report on the demo':<40} {t_report:>10.2f}")
        measured = []
        for n in sizes:
            out = folder / f"team_{n}.xlsx"
            base = timed(lambda: [openpyxl.load_workbook(p) for p in paths[:n]])
            one = timed(lambda: consolidate_files(paths[:n], out, force=True, jobs=1))
            every = timed(lambda: consolidate_files(paths[:n], out, force=True, jobs=cores))
            measured.append((n, every))
            target = "< 15 s" if n == 100 else ""
            ok = "" if n != 100 else ("  met" if every < 15 else "  MISSED")
            print(f"{f'consolidate {n} plans, 1 process':<40} {one:>10.2f} {base:>13.2f} {one / base:>6.2f}x")
            print(f"{f'consolidate {n} plans, {cores} processes':<40} {every:>10.2f} {base:>13.2f} "
                  f"{every / base:>6.2f}x {target:>8}{ok}")
        if len(measured) >= 2:
            (n0, t0), (n1, t1) = measured[0], measured[-1]
            per_plan = (t1 - t0) / (n1 - n0)
            print(f"growth: {per_plan:.3f} s per plan beyond {n0} (log-log slope "
                  f"{math.log(t1 / t0) / math.log(n1 / n0):.2f}); 5,000 plans: about "
                  f"{(t1 + per_plan * (5000 - n1)) / 60:.0f} min on this machine")
        print(f"peak memory of this process: {peak_mb():.0f} MB (the workers read the plans: each holds one)")


if __name__ == "__main__":
    main()
