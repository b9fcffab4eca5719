"""Every command as a user runs it: a new Python process, interpreter start included, with its
peak memory.

    python benchmarks/bench_cli.py            # best of 5 runs (3 for consolidate)
    python benchmarks/bench_cli.py --quick    # best of 3 (1 for consolidate) (CI)

``pacxl new`` and ``pacxl demo`` (each language, with and without the UDF sheet, from the YAML
example), ``check`` and ``report`` on the demo, ``consolidate`` of 10 demo plans. Baselines
measured in the same run: ``python -c pass`` (the interpreter alone) and ``python -c "import
pacxl.cli"`` (importing the CLI and what it loads at start). Wall time is the best of the runs,
interleaved; peak memory is the child's maximum resident set size (``os.wait4``), the largest of
the runs. ``bench_generate.py`` has the in-process figures of the generator, ``bench_consolidate.py``
those of consolidate at 100 plans.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(argv: list[str], cwd: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS bytes) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # (stderr is read after the exit: a command writing more than a pipe's buffer would block)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in ((0, 1) if "check" in argv else (0,)):  # check: 1 = findings
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.strip()[-300:]}")
    kib = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return wall, kib * 1024


def measure(cases: dict[str, list[str]], repeat: dict[str, int], cwd: Path) -> dict[str, tuple[float, int]]:
    """Best wall time and largest peak memory of each case, the runs interleaved."""
    best = {k: (float("inf"), 0) for k in cases}
    for i in range(max(repeat.values())):
        for name, argv in cases.items():
            if i < repeat[name]:
                wall, peak = run(argv, cwd)
                best[name] = (min(best[name][0], wall), max(best[name][1], peak))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (CI)")
    args = parser.parse_args()
    repeat = 3 if args.quick else 5
    py = sys.executable
    pacxl = [py, "-m", "pacxl"]
    with tempfile.TemporaryDirectory(prefix="pacxl-bench-gen-") as tmp:
        cwd = Path(tmp)
        cases = {
            "python -c pass": [py, "-c", "pass"],
            "python -c 'import pacxl.cli'": [py, "-c", "import pacxl.cli"],
            "pacxl --help": [*pacxl, "--help"],
            "pacxl new pac.xlsx": [*pacxl, "new", "pac.xlsx", "--force", "--year", "2027"],
            "pacxl new pac.xlsx --lang en --udfs": [*pacxl, "new", "pac_en.xlsx", "--force", "--lang", "en",
                                                    "--udfs", "--year", "2027"],
            "pacxl new --from example_plan.yaml": [*pacxl, "new", "from_yaml.xlsx", "--force", "--from",
                                                   str(ROOT / "docs" / "example_plan.yaml")],
            "pacxl demo demo.xlsx": [*pacxl, "demo", "demo.xlsx", "--force"],
            "pacxl demo demo.xlsx --udfs": [*pacxl, "demo", "demo_udfs.xlsx", "--force", "--udfs"],
            "pacxl demo demo_en.xlsx --lang en": [*pacxl, "demo", "demo_en.xlsx", "--force", "--lang", "en"],
            "pacxl check demo.xlsx": [*pacxl, "check", "demo.xlsx", "--today", "2026-10-15"],
            "pacxl check demo.xlsx --json": [*pacxl, "check", "demo.xlsx", "--today", "2026-10-15", "--json"],
            "pacxl report demo.xlsx": [*pacxl, "report", "demo.xlsx"],
            "pacxl report demo.xlsx --html": [*pacxl, "report", "demo.xlsx", "--json", "--html", "r.html"],
            "pacxl consolidate 10 plans": [*pacxl, "consolidate", *(f"plan_{i}.xlsx" for i in range(10)),
                                           "-o", "team.xlsx", "--force"],
        }
        run(cases["pacxl demo demo.xlsx"], cwd)  # warm-up: bytecode and disk caches; the demo for check
        for i in range(10):
            (cwd / f"plan_{i}.xlsx").write_bytes((cwd / "demo.xlsx").read_bytes())
        heavy = {"pacxl consolidate 10 plans"}
        res = measure(cases, {k: repeat - 2 if k in heavy else repeat for k in cases}, cwd)
        sizes = {name: (cwd / argv[4]).stat().st_size for name, argv in cases.items()
                 if len(argv) > 4 and argv[3] in ("new", "demo")}
        sizes["pacxl consolidate 10 plans"] = (cwd / "team.xlsx").stat().st_size
    base_t, base_m = res["python -c pass"]
    imp_t = res["python -c 'import pacxl.cli'"][0]
    print(f"{'command (new process)':<38} {'wall (s)':>9} {'/ python':>9} {'- import':>9} "
          f"{'peak MiB':>9} {'file KiB':>9}")
    for name, (t, m) in res.items():
        own = f"{t - imp_t:>9.2f}" if name.startswith("pacxl ") else f"{'':>9}"
        size = f"{sizes[name] / 1024:>9.0f}" if name in sizes else f"{'':>9}"
        print(f"{name:<38} {t:>9.2f} {t / base_t:>8.1f}x {own} {m / 2**20:>9.0f} {size}")
    print(f"(/ python: ratio to the bare interpreter, {base_t * 1e3:.0f} ms, {base_m / 2**20:.0f} MiB; "
          f"- import: seconds beyond importing pacxl.cli, i.e. the command's own work)")


if __name__ == "__main__":
    main()
