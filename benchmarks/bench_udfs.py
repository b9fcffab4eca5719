"""UDF call overhead: the PAC_* wrappers with xlwings-shaped inputs (a range as a list of one-cell
rows, ``None`` for empty cells) against calc called directly on arrays, and PAC_ABC against a
pandas reference given the same lists.

    python benchmarks/bench_udfs.py [--quick]

Targets (issue 16): PAC_ABC on a 1,000,000-row column at least 2x faster than the pandas
reference (DataFrame from the lists, sort, cumsum, classes, back to lists); every other range UDF
at 100,000 cells within 2x of calc on arrays. What xlwings adds on top (COM marshalling on
Windows) is outside Python and not measured here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

import numpy as np

from pacxl.calc import abc_classes, required_volumes, variance
from pacxl.calc import customers as CU
from pacxl.udfs import (
    PAC_ABC,
    PAC_ABC_MATRIX,
    PAC_COVERAGE_MEETINGS,
    PAC_FUNNEL,
    PAC_RETENTION,
    PAC_VARIANCE,
)


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def pandas_abc(column: list) -> list:
    """The reference: what a pandas user writes for ABC classes on the same lists."""
    import pandas as pd

    df = pd.DataFrame(column, columns=["amount"])
    df["amount"] = pd.to_numeric(df["amount"], errors="coerce")
    df = df.sort_values("amount", ascending=False)
    df["share"] = df["amount"].cumsum() / df["amount"][df["amount"] > 0].sum()
    df["cls"] = np.where(df["share"] <= 0.80, "A", np.where(df["share"] <= 0.95, "B", "C"))
    return df["cls"].sort_index().to_frame().values.tolist()


def column(values) -> list:
    return [[v] for v in values]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(20261204)
    n_abc = 200_000 if args.quick else 1_000_000
    n = 20_000 if args.quick else 100_000
    n_calls = 2_000 if args.quick else 10_000

    amounts = np.round(rng.pareto(1.2, n_abc) * 1000 + 10, 2).tolist()
    amounts[3], amounts[7] = None, ""  # blanks as xlwings hands them over
    big = column(amounts)
    rows = [(f"PAC_ABC, {n_abc:,} one-cell rows (vs pandas)", timed(lambda: PAC_ABC(big)),
             timed(lambda: pandas_abc(big)), "pandas", ">= 2x faster")]

    vals = np.round(rng.pareto(1.2, n) * 1000 + 10, 2)
    margin = vals * 0.3
    pots = vals * 2
    prev = vals * rng.uniform(0.5, 1.5, n)
    cv, cm, cp, cprev = (column(x.tolist()) for x in (vals, margin, pots, prev))
    classes = abc_classes(vals).classes
    ccls = column(classes.tolist())  # (made once, as xlwings hands it over)
    rows += [
        (f"PAC_ABC, {n:,} cells", timed(lambda: PAC_ABC(cv)), timed(lambda: abc_classes(vals).classes), "calc",
         "<= 2x calc"),
        (f"PAC_ABC_MATRIX, {n:,} customers", timed(lambda: PAC_ABC_MATRIX(cm, cp, cv)),
         timed(lambda: CU.abc_matrix(list(abc_classes(margin).classes), CU.potential_classes(pots), vals)),
         "calc", "<= 2x calc"),
        (f"PAC_RETENTION, {n:,} customers", timed(lambda: PAC_RETENTION(cprev, cv)),
         timed(lambda: CU.retention(prev.tolist(), vals.tolist())), "calc", "<= 2x calc"),
        (f"PAC_COVERAGE_MEETINGS, {n:,} customers", timed(lambda: PAC_COVERAGE_MEETINGS(ccls, [[12], [4], [1]])),
         timed(lambda: CU.coverage_meetings({c: int((classes == c).sum()) for c in "ABC"}, [12, 4, 1])),
         "calc", "<= 2x calc"),
        # the floor of any pure-Python reading of the same rows: one C pass over them, nothing else
        (f"  floor: set(map(len, rows)), {n:,} rows", timed(lambda: set(map(len, ccls))),
         timed(lambda: CU.coverage_meetings({c: int((classes == c).sum()) for c in "ABC"}, [12, 4, 1])),
         "calc", "(reference)"),
        (f"PAC_VARIANCE, {n:,} cells", timed(lambda: PAC_VARIANCE(cv, cprev)),
         timed(lambda: [variance(a, p) for a, p in zip(vals.tolist(), prev.tolist())]), "calc", "<= 2x calc"),
        (f"PAC_FUNNEL x {n_calls:,} calls", timed(lambda: [PAC_FUNNEL(15.0, [[0.2], [0.5], [0.3], [None]], 12.0)
                                                          for _ in range(n_calls)]),
         timed(lambda: [required_volumes(15, [0.2, 0.5, 0.3]) for _ in range(n_calls)]), "calc", "(per call)"),
    ]
    print(f"{'case':<44} {'UDF (s)':>9} {'base (s)':>9} {'base':>7} {'UDF/base':>9}  target")
    for name, udf, base, kind, target in rows:
        print(f"{name:<44} {udf:>9.4f} {base:>9.4f} {kind:>7} {udf / base:>8.2f}x  {target}")
    print(f"(measured {dt.date.today().isoformat()})")


if __name__ == "__main__":
    main()
