"""ABC classes: pacxl.calc against a plain pandas sort + cumsum reference, in the same process.

The reference is the usual notebook approach (that of the ``inventorize`` package's ``ABC``): sort
descending, cumulative sum, cumulative share, cut at 0.80 / 0.95. It is not order-independent and
mishandles ties, but it is the speed users compare against.

    python benchmarks/bench_calc.py            # 10k, 100k, 1M
    python benchmarks/bench_calc.py --quick    # 10k, 100k (CI)
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from pacxl.calc import abc_classes


def reference_abc(values: np.ndarray) -> pd.Series:
    df = pd.DataFrame({"amount": values})
    df = df.sort_values("amount", ascending=False)
    df["cum"] = df["amount"].cumsum()
    df["share"] = df["cum"] / df["amount"].sum()
    df["cls"] = np.where(df["share"] <= 0.80, "A", np.where(df["share"] <= 0.95, "B", "C"))
    return df["cls"].sort_index()


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run(sizes: list[int], repeat: int = 5) -> list[dict]:
    rng = np.random.default_rng(20261123)
    rows = []
    for n in sizes:
        # Pareto-like revenue, in cents, with ties
        values = np.round(rng.pareto(1.2, n) * 1000 + 10, 2)
        ref = best_of(lambda: reference_abc(values), repeat)
        ours = best_of(lambda: abc_classes(values), repeat)
        rows.append({"n": n, "pandas_ref_s": ref, "pacxl_s": ours, "speedup": ref / ours})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (CI)")
    args = parser.parse_args()
    sizes = [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000]
    print(f"{'amounts':>10} {'pandas ref (s)':>15} {'pacxl (s)':>10} {'speed-up':>9}")
    for r in run(sizes, repeat=3 if args.quick else 5):
        print(f"{r['n']:>10,} {r['pandas_ref_s']:>15.4f} {r['pacxl_s']:>10.4f} {r['speedup']:>8.2f}x")


if __name__ == "__main__":
    main()
