"""What the blank's capacity costs (issue 12): `pacxl new` and LibreOffice's open + recalculation
of the blank, with the tables pre-sized to their capacity against the sizes before issue 12.

    python benchmarks/bench_capacity.py [--quick]

Two blanks, both made by this checkout's `pacxl new` in a fresh interpreter:

* **baseline**: the table sizes before issue 12 (Objectives 10, Actions 30, Customers 30,
  Budget 20, KPI 12 rows), set by patching ``MIN_ROWS`` before the command runs;
* **capacity**: the shipped sizes (``pacxl.workbook.sheets._common.MIN_ROWS``: 30, 200, 500,
  150, 40).

Measures, best of 3 (``--quick``: 2): the `pacxl new` wall time (target < 1 s), and
``pacxl.recalc.recalculate`` of each blank (soffice start, load, recalculation of every formula,
save: what a user waits for when opening it, plus the save). Target: capacity within 2x the
baseline. Ratios are taken within the same run (the machine is shared: seconds drift, ratios
less).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_generate import best  # (run from benchmarks/, as run_all.py does)

from pacxl.recalc import INSTALL_HINT, recalculate, soffice_path
from pacxl.workbook.sheets._common import MIN_ROWS

BEFORE = {"tblObjectives": 10, "tblActions": 30, "tblCustomers": 30, "tblBudget": 20, "tblKPI": 12}


def new_command(path: Path, sizes: dict | None) -> list[str]:
    """`pacxl new path` in a fresh interpreter; ``sizes`` patches the table sizes first."""
    patch = f"import pacxl.workbook.sheets._common as c; c.MIN_ROWS.update({sizes!r}); " if sizes else ""
    code = f"{patch}from pacxl.cli import main; main(['new', {str(path)!r}, '--force'])"
    return [sys.executable, "-c", code]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = 2 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = {"baseline": folder / "baseline.xlsx", "capacity": folder / "capacity.xlsx"}
        sizes = {"baseline": BEFORE, "capacity": None}
        new = {}
        for case, path in paths.items():
            cmd = new_command(path, sizes[case])
            new[case] = best(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat)
        print(f"table rows: baseline {BEFORE}\n            capacity {dict(MIN_ROWS)}")
        print(f"\n{'measure':<34} {'baseline (s)':>12} {'capacity (s)':>12} {'ratio':>7} {'target':>10}")
        print(f"{'pacxl new (fresh interpreter)':<34} {new['baseline']:>12.3f} {new['capacity']:>12.3f} "
              f"{new['capacity'] / new['baseline']:>6.2f}x {'< 1 s':>10}")
        sizes_kib = {c: p.stat().st_size / 1024 for c, p in paths.items()}
        print(f"{'file size (KiB)':<34} {sizes_kib['baseline']:>12.0f} {sizes_kib['capacity']:>12.0f} "
              f"{sizes_kib['capacity'] / sizes_kib['baseline']:>6.2f}x")
        if soffice_path() is None:
            print(f"\nLibreOffice not found: no recalculation figures ({INSTALL_HINT})")
            return 0
        lo = {}
        for case, path in paths.items():
            out = folder / f"out-{case}"
            lo[case] = best(lambda: recalculate(path, out), repeat)
        print(f"{'LibreOffice open+recalc+save':<34} {lo['baseline']:>12.3f} {lo['capacity']:>12.3f} "
              f"{lo['capacity'] / lo['baseline']:>6.2f}x {'< 2x':>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
