"""UDF call overhead: the PAC_* wrappers with xlwings-shaped inputs against calc called directly.

    python benchmarks/bench_udfs.py [--quick]

What xlwings adds on top (COM marshalling on Windows) is outside Python and not measured here;
this is the cost pacxl's own shaping and checking adds to each call.
"""

from __future__ import annotations

import argparse
import time

from pacxl.calc import abc_classes, required_volumes
from pacxl.udfs import PAC_ABC, PAC_FUNNEL


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n_cells = 10_000
    n_calls = 2_000 if args.quick else 10_000
    column = [[float((i * 7919) % 100_000) / 7] for i in range(n_cells)]
    flat = [row[0] for row in column]
    rates_range = [[0.2], [0.5], [0.3], [None], [None]]

    abc_udf = timed(lambda: PAC_ABC(column))
    abc_calc = timed(lambda: abc_classes(flat).classes.tolist())
    fun_udf = timed(lambda: [PAC_FUNNEL(15.0, rates_range, 12.0) for _ in range(n_calls)])
    fun_calc = timed(lambda: [required_volumes(15, [0.2, 0.5, 0.3]) for _ in range(n_calls)])

    print(f"{'case':<42} {'UDF (s)':>9} {'calc (s)':>9} {'ratio':>7} {'per call':>10}")
    print(f"{f'PAC_ABC on a {n_cells:,}-cell column':<42} {abc_udf:>9.4f} {abc_calc:>9.4f} "
          f"{abc_udf / abc_calc:>6.2f}x {abc_udf * 1e3:>8.2f}ms")
    print(f"{f'PAC_FUNNEL x {n_calls:,} calls':<42} {fun_udf:>9.4f} {fun_calc:>9.4f} "
          f"{fun_udf / fun_calc:>6.2f}x {fun_udf / n_calls * 1e6:>8.1f}us")


if __name__ == "__main__":
    main()
