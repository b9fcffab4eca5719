"""Workbook generation: `pacxl new` / `pacxl demo` wall time, write_rows, and the Clients sheet's
recalculation in LibreOffice as the customer list grows.

    python benchmarks/bench_generate.py [--quick]

* ``pacxl new`` / ``pacxl demo``: wall time of the command in a fresh interpreter (what a user
  waits for), best of 3, against ``python -c "import openpyxl"`` (the floor: interpreter start
  and the one library the generator needs). Targets: new < 1 s, demo < 2 s.
* ``write_rows``: filling tblCustomers / tblBudget of a loaded workbook, against writing the same
  number of plain cells with openpyxl (``ws.cell(row, column, value)``).
* Clients recalculation: LibreOffice headless recalculates a blank workbook holding n customers,
  sorted (O(1)-per-row ABC) and unsorted (every row falls back to SUMIF: the quadratic
  formulation), minus the same conversion of the workbook with no customer (LibreOffice's start).
  Target (issue 7): 10k customers in < 1.5 s, growth close to linear.
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
from pacxl.recalc import recalculate, soffice_path
from pacxl.workbook.build import build_workbook, make_workbook
from pacxl.workbook.tables import find_table, write_rows


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


def unsort(path: Path) -> None:
    """Move the largest customer to the bottom: the order check fails, SUMIF everywhere."""
    wb = openpyxl.load_workbook(path)
    ws, tbl = find_table(wb, "tblCustomers")
    last = int(tbl.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    for c in range(1, 5):
        ws.cell(row=5, column=c).value, ws.cell(row=last, column=c).value = (
            ws.cell(row=last, column=c).value, ws.cell(row=5, column=c).value)
    wb.save(path)


def recalc_time(path: Path, folder: Path) -> float:
    return best(lambda: recalculate(path, folder / f"out-{path.stem}"), 2)


def clients(sizes: list[int], folder: Path) -> None:
    if soffice_path() is None:
        print("\n(LibreOffice not installed: Clients recalculation skipped)")
        return
    base_path = build_workbook(blank_plan("fr"), folder / "c0.xlsx", force=True)
    base = recalc_time(base_path, folder)
    print(f"\nLibreOffice start + empty workbook: {base:.2f} s (subtracted below)")
    print(f"{'Clients sheet recalculation':<40} {'sorted (s)':>10} {'SUMIF (s)':>10} {'ratio':>7} {'per 1k':>8}")
    for n in sizes:
        wb = make_workbook(blank_plan("fr"))
        write_rows(wb, "tblCustomers", customers(n))
        path = folder / f"c{n}.xlsx"
        wb.save(path)
        fast = max(recalc_time(path, folder) - base, 0.0)
        slow_path = folder / f"u{n}.xlsx"
        wb.save(slow_path)
        unsort(slow_path)
        slow = max(recalc_time(slow_path, folder) - base, 0.0)
        ratio = f"{slow / fast:>6.1f}x" if fast > 0 else "   n/a"
        print(f"{f'{n:,} customers':<40} {fast:>10.2f} {slow:>10.2f} {ratio} {fast / n * 1000:>7.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        commands(folder)
        if args.quick:
            writes([10_000], [10_000])
            clients([1_000, 5_000], folder)
        else:
            writes([10_000, 50_000], [10_000, 50_000])
            clients([1_000, 5_000, 10_000], folder)


if __name__ == "__main__":
    main()
