"""Workbook generation: `pacxl new` / `pacxl demo` wall time and write_rows.

    python benchmarks/bench_generate.py [--quick]

* ``pacxl new`` / ``pacxl demo``: wall time of the command in a fresh interpreter (what a user
  waits for), best of 3, against ``python -c "import openpyxl"`` (the floor: interpreter start
  and the one library the generator needs). Targets: new < 1 s, demo < 2 s.
* ``write_rows``: filling tblCustomers / tblBudget of a loaded workbook, against writing the same
  number of plain cells with openpyxl (``ws.cell(row, column, value)``).

The Clients sheet's recalculation in LibreOffice is measured by ``bench_clients_recalc.py``.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from pacxl.defaults import blank_plan
from pacxl.workbook.build import make_workbook
from pacxl.workbook.tables import write_rows


def best(fn, repeat: int = 3) -> float:
    out = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def commands(folder: Path) -> None:
    exe = sys.executable
    floor = best(lambda: run([exe, "-c", "import openpyxl"]))
    new = best(lambda: run([exe, "-m", "pacxl", "new", str(folder / "n.xlsx"), "--force"]))
    demo = best(lambda: run([exe, "-m", "pacxl", "demo", str(folder / "d.xlsx"), "--force"]))
    print(f"{'command (fresh interpreter)':<40} {'wall (s)':>9} {'floor (s)':>10} {'ratio':>7} {'target':>8}")
    print(f"{'pacxl new':<40} {new:>9.3f} {floor:>10.3f} {new / floor:>6.2f}x {'< 1 s':>8}")
    print(f"{'pacxl demo':<40} {demo:>9.3f} {floor:>10.3f} {demo / floor:>6.2f}x {'< 2 s':>8}")


def customers(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    return [{"code": f"C{i:06d}", "name": f"Customer {i}", "segment": "Segment A",
             "amount": float(rng.choice([rng.randint(1, 500_000), 1_000, 2_500]))} for i in range(n)]


def plain_cells(n_rows: int, n_cols: int) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(1, n_rows + 1):
        for c in range(1, n_cols + 1):
            ws.cell(row=r, column=c, value=1.0)


def writes(sizes_c: list[int], sizes_b: list[int]) -> None:
    print(f"\n{'write_rows':<40} {'pacxl (s)':>9} {'plain (s)':>10} {'ratio':>7}")
    for n in sizes_c:
        rows = customers(n)
        wb = make_workbook(blank_plan("fr"))
        t = best(lambda: write_rows(wb, "tblCustomers", rows), 1)
        base = best(lambda: plain_cells(n, 13), 1)
        print(f"{f'tblCustomers, {n:,} rows x 13 columns':<40} {t:>9.3f} {base:>10.3f} {t / base:>6.2f}x")
    for n in sizes_b:
        rows = [{"id": f"L{i}", "category": "Digital", "label": "x", "m01": 100.0, "m06": 50.0,
                 "actual": 20.0} for i in range(n)]
        wb = make_workbook(blank_plan("fr"))
        t = best(lambda: write_rows(wb, "tblBudget", rows), 1)
        base = best(lambda: plain_cells(n, 21), 1)
        print(f"{f'tblBudget, {n:,} rows x 21 columns':<40} {t:>9.3f} {base:>10.3f} {t / base:>6.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        commands(folder)
        if args.quick:
            writes([10_000], [10_000])
        else:
            writes([10_000, 50_000], [10_000, 50_000])


if __name__ == "__main__":
    main()
