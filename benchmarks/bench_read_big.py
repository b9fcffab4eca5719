"""Reading a big CSV: peak memory against the file's size (issue 11: a 2 GB CSV was decoded and
copied four times, MemoryError at 9 GB).

    python benchmarks/bench_read_big.py            # a 100 MiB file, then a 300 MiB one (refused)
    python benchmarks/bench_read_big.py --quick    # 20 MiB

Each reading runs in its own process, so that its peak memory (max RSS) is its own. Printed:
the peak over the file's size, beside the same for a baseline that only reads the bytes whole
(`Path.read_bytes`, what the old reader started with) and for `pandas.read_csv`. What pacxl
keeps is the table of cells (one Python string per cell): the figure to watch is the part of the
peak beyond that table, measured with tracemalloc in the same process.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_file(path: Path, mib: int) -> int:
    """A long budget export in Windows-1252: long labels, so that the rows are few for the size."""
    line = "L{n:07d};Salons et événements;" + "Stand et aménagement " * 20 + ";15/03/2027;1 234,56\r\n"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        fh.write("Ligne;Catégorie;Poste budgétaire;Date;Montant HT\r\n")
        n = 0
        while fh.tell() < mib * 2**20:
            for _ in range(1000):
                fh.write(line.format(n=n))
                n += 1
    return n


def child(kind: str, source: str) -> None:
    t0 = time.perf_counter()
    extra: dict = {}
    if kind == "pacxl":
        import tracemalloc

        from pacxl.errors import PacxlError
        from pacxl.io.read import read_table

        tracemalloc.start()
        try:
            table = read_table(source)
            current, peak = tracemalloc.get_traced_memory()
            extra = {"rows": len(table.rows), "beyond_table": peak - current}
        except PacxlError as exc:
            current, peak = tracemalloc.get_traced_memory()
            extra = {"refused": str(exc), "beyond_table": peak}
    elif kind == "read_bytes":
        data = Path(source).read_bytes()
        extra = {"bytes": len(data)}
    elif kind == "pandas":
        import pandas as pd

        extra = {"rows": len(pd.read_csv(source, sep=";", encoding="cp1252", dtype=str))}
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peak": peak, **extra}))


def run_child(kind: str, source: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(source)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    sizes = [20] if quick else [100, 300]
    print(f"{'file':<26}{'reader':<14}{'seconds':>9}{'peak MiB':>10}{'peak/size':>11}{'beyond table/size':>19}")
    with tempfile.TemporaryDirectory(prefix="pacxl-bench-read-") as d:
        for mib in sizes:
            path = Path(d) / f"budget_{mib}.csv"
            make_file(path, mib)
            size = path.stat().st_size
            for kind in ("pacxl", "read_bytes", "pandas"):
                r = run_child(kind, path)
                beyond = f"{r['beyond_table'] / size:.2f}" if "beyond_table" in r else ""
                label = f"{size / 2**20:.0f} MiB CSV" + (" (refused)" if "refused" in r else "")
                print(f"{label:<26}{kind:<14}{r['seconds']:>9.2f}{r['peak'] / 2**20:>10.0f}"
                      f"{r['peak'] / size:>11.2f}{beyond:>19}")
            path.unlink()
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        sys.exit(main())
