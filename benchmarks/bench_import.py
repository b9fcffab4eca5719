"""Import a 50,000-line long budget export (CSV and XLSX) into the demo workbook.

    python benchmarks/bench_import.py            # 50,000 lines
    python benchmarks/bench_import.py --quick    # 5,000 lines

Targets (issue 4): under 15 s wall time and under 1 GiB peak memory for the 50,000-line file.
Each import runs in its own process so that its peak memory (max RSS) is its own. Baselines in
the same machine: pandas.read_csv of the CSV, and openpyxl (read-only) reading the XLSX that
python-calamine reads for pacxl.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 15.0
TARGET_BYTES = 2**30


def make_files(folder: Path, n: int, year: int) -> tuple[Path, Path]:
    """A long export: one row per line and month (and several invoices a month for some)."""
    import openpyxl

    rng = random.Random(42)
    cats = ["Salons et événements", "Publicité", "Digital", "Supports commerciaux", "Déplacements"]
    rows = []
    line = 0
    while len(rows) < n:
        line += 1
        cat = cats[line % len(cats)]
        for month in range(1, 13):
            for _ in range(1 + (line % 3 == 0)):
                cents = rng.randint(100, 5_000_000)
                rows.append((f"L{line:05d}", cat, f"Poste {line} ({cat})", f"{rng.randint(1, 28):02d}/{month:02d}/{year}",
                             cents))
                if len(rows) == n:
                    break
            if len(rows) == n:
                break
    csv_path = folder / "budget_long.csv"
    with open(csv_path, "w", encoding="cp1252", newline="") as fh:
        fh.write("Ligne;Catégorie;Poste budgétaire;Date;Montant HT\r\n")
        for lid, cat, label, date, cents in rows:
            euros = f"{cents // 100:,}".replace(",", "\u00a0").replace("\u00a0", " ")
            fh.write(f"{lid};{cat};{label};{date};{euros},{cents % 100:02d}\r\n")
    xlsx_path = folder / "budget_long.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Export")
    ws.append(["Ligne", "Catégorie", "Poste budgétaire", "Date", "Montant HT"])
    for lid, cat, label, date, cents in rows:
        ws.append([lid, cat, label, date, cents / 100])
    wb.save(xlsx_path)
    total = sum(r[4] for r in rows) / 100
    (folder / "total.json").write_text(json.dumps(total))
    return csv_path, xlsx_path


def child(kind: str, workbook: str, source: str) -> None:
    t0 = time.perf_counter()
    if kind == "import":
        from pacxl.io import import_file

        s = import_file("budget", workbook, source, backup=False)
        extra = {"rows": s.rows_imported, "lines": s.table_rows.get("tblBudget"), "total": s.total}
    elif kind == "pandas_csv":
        import pandas as pd

        df = pd.read_csv(source, sep=";", encoding="cp1252", dtype=str)
        extra = {"rows": len(df)}
    elif kind == "calamine":
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(source).get_sheet_by_index(0).to_python()
        extra = {"rows": len(rows) - 1}
    elif kind == "openpyxl":
        import openpyxl

        wb = openpyxl.load_workbook(source, read_only=True)
        rows = list(wb.worksheets[0].iter_rows(values_only=True))
        extra = {"rows": len(rows) - 1}
    else:
        raise SystemExit(f"unknown child {kind}")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak": peak, **extra}))


def run_child(kind: str, workbook: Path | None, source: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(workbook or ""), str(source)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    n = 5_000 if quick else 50_000
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import build_workbook

    with tempfile.TemporaryDirectory(prefix="pacxl-bench-import-") as d:
        folder = Path(d)
        plan = demo_plan("fr")
        demo = folder / "demo.xlsx"
        build_workbook(plan, demo)
        t0 = time.perf_counter()
        csv_path, xlsx_path = make_files(folder, n, plan.settings.year)
        print(f"{n:,} lines generated in {time.perf_counter() - t0:.1f} s "
              f"(CSV {csv_path.stat().st_size / 2**20:.1f} MiB, XLSX {xlsx_path.stat().st_size / 2**20:.1f} MiB)")
        total = json.loads((folder / "total.json").read_text())
        results = {}
        for label, source in (("CSV", csv_path), ("XLSX", xlsx_path)):
            wb = folder / f"plan_{label}.xlsx"
            wb.write_bytes(demo.read_bytes())
            results[label] = r = run_child("import", wb, source)
            assert r["rows"] == n, r
            assert abs(r["total"] - total) < 0.01, (r["total"], total)
        base = {
            "pandas.read_csv": run_child("pandas_csv", None, csv_path),
            "calamine (XLSX)": run_child("calamine", None, xlsx_path),
            "openpyxl read-only (XLSX)": run_child("openpyxl", None, xlsx_path),
        }
    print(f"\n{'figure':<42}{'value':>12}{'target':>12}{'ratio':>9}")
    for label, r in results.items():
        print(f"{'import ' + label + ' wall time (s)':<42}{r['seconds']:>12.2f}{TARGET_S:>12.1f}{r['seconds'] / TARGET_S:>9.2f}")
        print(f"{'import ' + label + ' peak memory (MiB)':<42}{r['peak'] / 2**20:>12.0f}"
              f"{TARGET_BYTES / 2**20:>12.0f}{r['peak'] / TARGET_BYTES:>9.2f}")
    print(f"\n{'baseline (same file, reading only)':<42}{'seconds':>12}{'import/base':>12}")
    for label, r in base.items():
        ref = results["CSV" if "csv" in label else "XLSX"]["seconds"]
        print(f"{label:<42}{r['seconds']:>12.2f}{ref / r['seconds']:>12.1f}")
    calamine, opx = base["calamine (XLSX)"]["seconds"], base["openpyxl read-only (XLSX)"]["seconds"]
    print(f"\ncalamine reads the XLSX {opx / calamine:.1f}x faster than openpyxl read-only")
    print(f"{results['CSV']['lines']} budget lines written (tblBudget body rows)")
    ok = all(r["seconds"] < TARGET_S and r["peak"] < TARGET_BYTES for r in results.values())
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(main())
