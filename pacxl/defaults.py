"""A blank plan with the defaults of its language (``pacxl new``)."""

from __future__ import annotations

import datetime as dt

from .errors import InputError
from .model import Plan, Settings
from .workbook.contract import LANGS
from .workbook.i18n import DEFAULT_FUNNEL_RATES, default_list


def default_year(today: dt.date | None = None) -> int:
    """Next year from October on (plans are made in the autumn), else this year."""
    today = today or dt.date.today()
    return today.year + 1 if today.month >= 10 else today.year


def fill_defaults(settings: Settings) -> Settings:
    """Give every empty list of ``settings`` its language's default (in place; returns it)."""
    lang = settings.lang
    if lang not in LANGS:
        raise InputError(f"unknown language {lang!r}: use fr or en", fr=f"langue inconnue {lang!r} : utilisez fr ou en")
    for name in ("statuses", "categories", "levers", "budget_categories", "segments"):
        if not getattr(settings, name):
            setattr(settings, name, default_list(name, lang))
    if not settings.funnel_stages:
        settings.funnel_stages = default_list("funnel_stages", lang)
        if not settings.funnel_rates:
            settings.funnel_rates = list(DEFAULT_FUNNEL_RATES)
    return settings


def check_year(year: int | None) -> None:
    """Refuse a plan year outside 2000-2100 (None: no year given)."""
    if year is not None and not 2000 <= int(year) <= 2100:
        raise InputError(f"the year must be between 2000 and 2100, got {year}",
            fr=f"l'année doit être entre 2000 et 2100, reçu {year}")


def blank_plan(
    lang: str = "fr",
    year: int | None = None,
    company: str = "",
    currency: str = "EUR",
    owners: list[str] | None = None,
) -> Plan:
    """An empty plan ready to fill, with the default lists of ``lang``."""
    check_year(year)
    if not currency or len(currency) > 5:
        raise InputError(f"the currency must be a short code such as EUR, got {currency!r}",
            fr=f"la devise doit être un code court comme EUR, reçu {currency!r}")
    settings = Settings(
        company=company,
        year=int(year) if year else default_year(),
        currency=currency.upper(),
        lang=lang,
        owners=list(owners or []),
        tracking_month=1,  # a new plan is followed from its first month ("no actuals yet" in report)
    )
    return Plan(settings=fill_defaults(settings))
