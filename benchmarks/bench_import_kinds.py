"""Each import kind (budget, actuals, customers) at 1k / 10k / 50k rows: wall time, peak memory, growth.

    python benchmarks/bench_import_kinds.py            # 1,000 / 10,000 / 50,000 rows
    python benchmarks/bench_import_kinds.py --quick    # 1,000 / 5,000 rows (CI)

Files as finance sends them (French CSV, Windows-1252, ``;``, decimal comma, thousands
separated by a space): a long budget export (one row per line and month), invoices to sum into
the budget lines' spend (actuals), a customer list. Each import runs into a fresh copy of the
demo workbook, in its own process, so that its peak memory (max RSS) is its own; the time is
measured inside that process (interpreter start and library imports excluded). Baseline, in a process of its own
too: ``pandas.read_csv`` of the same file (reading only: no checks, no workbook). The growth
exponent is the log-log slope of the time against the rows (1 = linear).
``bench_import.py`` has the 50,000-line budget against its targets, CSV and XLSX.
"""

from __future__ import annotations

import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def money(cents: int) -> str:
    """French amount: ``12 345,67`` (thousands separated by a space, decimal comma)."""
    return f"{cents // 100:,}".replace(",", " ") + f",{cents % 100:02d}"


def write_csv(path: Path, header: str, rows) -> None:
    with open(path, "w", encoding="cp1252", newline="") as fh:
        fh.write(header + "\r\n")
        for row in rows:
            fh.write(";".join(row) + "\r\n")


def make_file(kind: str, n: int, folder: Path, plan) -> Path:
    """A CSV of ``n`` data rows for ``kind``, valid for the demo ``plan``."""
    rng = random.Random(n)
    year = plan.settings.year
    path = folder / f"{kind}_{n}.csv"
    if kind == "budget":
        cats = plan.settings.budget_categories

        def rows():
            for i in range(n):
                line, month = divmod(i, 12)
                yield (f"L{line:05d}", cats[line % len(cats)], f"Poste {line}",
                       f"{rng.randint(1, 28):02d}/{month + 1:02d}/{year}", money(rng.randint(100, 5_000_000)))

        write_csv(path, "Ligne;Catégorie;Poste budgétaire;Date;Montant HT", rows())
    elif kind == "actuals":
        ids = [b.id for b in plan.budget]
        last_month = plan.settings.tracking_month

        def rows():
            for i in range(n):
                yield (ids[i % len(ids)], f"{rng.randint(1, 28):02d}/{rng.randint(1, last_month):02d}/{year}",
                       money(rng.randint(100, 200_000)))

        write_csv(path, "Ligne;Date;Montant", rows())
    else:
        segs = plan.settings.segments

        def rows():
            for i in range(n):
                yield (f"{i:06d}", f"Client {i} SARL", segs[i % len(segs)],
                       money(int(rng.paretovariate(1.2) * 100_000)))

        write_csv(path, f"Code client;Raison sociale;Segment;CA HT {year - 1}", rows())
    return path


def child(kind: str, workbook: str, source: str) -> None:
    # libraries imported before the clock starts: the figures are the work on the file
    if kind == "pandas":
        import pandas as pd

        t0 = time.perf_counter()
        df = pd.read_csv(source, sep=";", encoding="cp1252", dtype=str)
        extra = {"rows": len(df)}
    else:
        from pacxl.io import import_file

        t0 = time.perf_counter()
        s = import_file(kind, workbook, source, backup=False)
        extra = {"rows": s.rows_read}
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    print(json.dumps({"seconds": seconds, "peak": peak, **extra}))


def run_child(kind: str, workbook: Path | None, source: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(workbook or ""), str(source)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{kind} {source.name}: {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def slope(xs, ys) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    sizes = [1_000, 5_000] if quick else [1_000, 10_000, 50_000]
    from pacxl.demo import demo_plan
    from pacxl.workbook.build import build_workbook

    plan = demo_plan("fr")
    res: dict[tuple[str, int], tuple[dict, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="pacxl-bench-kinds-") as tmp:
        folder = Path(tmp)
        demo = build_workbook(plan, folder / "demo.xlsx")
        for kind in ("budget", "actuals", "customers"):
            for n in sizes:
                src = make_file(kind, n, folder, plan)
                wb = folder / f"wb_{kind}_{n}.xlsx"
                wb.write_bytes(demo.read_bytes())
                ours = run_child(kind, wb, src)
                assert ours["rows"] == n, (kind, n, ours)
                base = run_child("pandas", None, src)
                assert base["rows"] == n
                res[kind, n] = ours, base
    print(f"{'import':<11} {'rows':>7} {'pacxl (s)':>10} {'read_csv (s)':>13} {'ratio':>7} "
          f"{'pacxl MiB':>10} {'read_csv MiB':>13} {'us/row':>7}")
    for (kind, n), (ours, base) in res.items():
        print(f"{kind:<11} {n:>7,} {ours['seconds']:>10.2f} {base['seconds']:>13.3f} "
              f"{ours['seconds'] / base['seconds']:>6.0f}x {ours['peak'] / 2**20:>10.0f} "
              f"{base['peak'] / 2**20:>13.0f} {ours['seconds'] / n * 1e6:>7.0f}")
    print("\ngrowth (log-log slope of the time against the rows; 1 = linear):")
    for kind in ("budget", "actuals", "customers"):
        t = [res[kind, n][0]["seconds"] for n in sizes]
        m = [res[kind, n][0]["peak"] for n in sizes]
        # between the two largest sizes: the fixed cost (opening the workbook) weighs less there
        top = slope(sizes[-2:], t[-2:])
        print(f"  {kind:<10} time {slope(sizes, t):.2f} (largest two sizes {top:.2f}), "
              f"peak memory {slope(sizes, m):.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
