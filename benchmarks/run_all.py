"""Run every benchmark and print their tables, one after the other.

    python benchmarks/run_all.py            # full sizes (see docs/performance.md)
    python benchmarks/run_all.py --quick    # small sizes, a few minutes (CI prints this)

Each benchmark runs in its own process (so peak-memory figures are its own) and prints each
figure beside its baseline measured in the same process, as a ratio.
"""

from __future__ import annotations

import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    scripts = sorted(HERE.glob("bench_*.py"))
    print(f"pacxl benchmarks ({'quick' if quick else 'full'}) on {platform.platform()}, "
          f"Python {platform.python_version()}, {platform.processor() or platform.machine()}")
    failed = 0
    for script in scripts:
        print(f"\n== {script.name} ==", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(script), *(["--quick"] if quick else [])])
        print(f"({script.name}: {time.perf_counter() - t0:.1f} s)", flush=True)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
