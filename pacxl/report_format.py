"""How the report writes its figures, in both languages and both renderings (terminal and HTML):
numbers, shares, variances, dates, verdicts, and the HTML table primitives the report's sections
share (:mod:`pacxl.report_terminal`, :mod:`pacxl.report_html` and the section modules)."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from .calc._num import is_number
from .messages import fmt_date, lang_of, text

#: The states of an action, in the order the report lists them.
ACTION_STATES = ("done", "late", "in_progress", "to_do", "postponed", "cancelled")

def fmt_num(v: Any, decimals: int = 0, lang: str = "en") -> str:
    """``299 000`` (narrow no-break spaces); French decimals take a comma."""
    if v is None:
        return ""
    s = f"{v:,.{decimals}f}".replace(",", "\u202f")
    return s.replace(".", ",") if lang == "fr" else s


def fmt_pct(v: Any, lang: str = "en") -> str:
    """A signed variance: ``+4.6%`` / ``+4,6 %``."""
    if v is None:
        return ""
    s = "0.0%" if abs(v) < 0.0005 else f"{v:+.1%}"
    return s.replace(".", ",").replace("%", "\u00a0%") if lang == "fr" else s


def fmt_share(v: Any, lang: str = "en") -> str:
    """A share: ``90.0%`` / ``90,0 %``."""
    if v is None:
        return ""
    s = f"{v:.1%}"
    return s.replace(".", ",").replace("%", "\u00a0%") if lang == "fr" else s


def _kpi_value(v: Any, kind: str, lang: str = "en") -> str:
    if v is None:
        return ""
    return fmt_share(v, lang) if kind == "rate" and abs(v) <= 1 else fmt_num(v, 0, lang)


def _verdict(fav: bool | None, lang: str = "en") -> str:
    return "" if fav is None else text("report.favourable" if fav else "report.unfavourable", lang)


def _month_label(fig: dict, lang: str = "en") -> str:
    d = dt.date.fromisoformat(fig["month_start"])
    return text("report.month", lang, m=fig["month"], mm_yyyy=f"{d:%m/%Y}")


def _show_date(iso: str | None, lang: str) -> str:
    """An ISO date as the language writes it: ``31/12/2026`` in French, ISO in English."""
    if not iso:
        return ""
    return fmt_date(iso, lang) if lang == "fr" else iso


def _objective_value(v: Any, unit: str, lang: str = "en", rate: bool = False) -> str:
    """A target or landing: as a percentage when it is a rate (unit % or a rate KPI, as the
    Objectives sheet shows it), else with its unit."""
    if v is None:
        return ""
    if rate or unit.strip() == "%":
        return fmt_share(v, lang) if abs(v) <= 1.5 else f"{fmt_num(v, 1, lang)} %"
    return fmt_num(v, 0, lang) + (f" {unit}" if unit else "")


def has_actuals(fig: dict) -> bool:
    """Whether the plan has any actual (a KPI's month or a budget line's spend) up to the report's month."""
    return any(is_number(v) for k in fig["kpis"] for v in k["actual_by_month"]) or any(
        is_number(line.get("actual")) and line["actual"] for line in fig["budget"]["lines"])


def _report_lang(fig: dict, lang: str | None) -> str:
    return lang_of(lang or fig.get("lang") or "fr")


def _e(s: Any) -> str:
    return html.escape(str(s if s is not None else ""))


def _table(headers: list[str], rows: list[list[str]], numeric: set[int]) -> str:
    th = "".join(f'<th class="n">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>"
                 for i, h in enumerate(headers))
    body = []
    for r in rows:
        body.append("<tr>" + "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>" for i, c in enumerate(r)
        ) + "</tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _fav_cell(fav: bool | None, lang: str = "en") -> str:
    if fav is None:
        return ""
    word = _e(_verdict(fav, lang))
    return f'<span class="fav">{word}</span>' if fav else f'<span class="unf">{word}</span>'


