"""Edges of the number and month parsers that mutation testing found unpinned (docs/mutation.md).

A thousands dot read as a decimal one is a 1000x error; a refused value must carry the value
itself (the importer names it in its one-line message); non-ASCII digits are refused by every
path, and "1.1,2.345,67" is a NotANumber, never a bare ValueError.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacxl.io import months as months_mod
from pacxl.io.amounts import (
    NotANumber,
    comma_three_digits,
    format_amount,
    parse_amount,
    parse_number,
    sniff_decimal,
)
from pacxl.io.months import (
    NotAMonth,
    month_label,
    month_of_header,
    month_word,
    parse_month,
    plan_month,
)


@pytest.fixture(autouse=True)
def _fresh_month_cache():
    # parse_month caches texts: start each test from an empty cache, so that every test runs the
    # parsing code it checks (mutation testing would otherwise see earlier answers).
    months_mod._month_of_text.cache_clear()
    yield


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.500", 1500.0),  # a dot followed by three digits separates thousands...
        ("123.456", 123456.0),
        ("1234.567", 1234.567),  # ...unless the head is longer than a group of three
        ("1.5", 1.5),
        ("1.234.567", 1234567.0),  # a repeated grouping mark
        ("123.456.789", 123456789.0),
        ("1,234,567", 1234567.0),
        ("1.234.567,89", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("5.", 5.0),
        (",5", 0.5),
        (".5", 0.5),
        ("(1 234 €)", -1234.0),
        ("- 12 %", -0.12),
        ("12 €-", -12.0),
        ("+ 5 €", 5.0),
        ("€ 5 %", 0.05),
        ("(5)%", -0.05),
        ("-+5", -5.0),
        ("1e3", 1000.0),
    ],
)
def test_numbers(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "value",
    [
        True, float("inf"), [1], "\uff11\uff12\uff13", "\uff11\uff12\uff13 \u20ac", "\u0663", "1\u00b2",
        "9" * 400, "-(500)", "(-500)", "--300", "-500-", "(500", "500)", "1 23", "\u20ac", "abc", "5a",
        "1.1,2.345,67", "1,2.3,4", "12.34,5", "1.23.456", "1234.567.890", "1e400", "+++++++5", "5\t\u20ac",
    ],
)
def test_refusals_carry_the_value(value):
    with pytest.raises(NotANumber) as exc:
        parse_number(value)
    assert exc.value.args == (value,)


def test_an_amount_has_no_percent_sign():
    with pytest.raises(NotANumber) as exc:
        parse_amount("5 %")
    assert exc.value.args == ("5 %",)
    assert parse_number("5 %") == pytest.approx(0.05)


def test_the_columns_sniffed_decimal_mark_is_used():
    assert parse_amount("1.500") == 1500.0
    assert parse_amount("1.500", ".") == 1.5
    assert parse_amount("1,500", ".") == 1500.0
    assert parse_amount("1,5", ",") == 1.5
    assert parse_number("1.500", ".") == 1.5
    with pytest.raises(NotANumber) as exc:
        parse_amount("12.5", ",")  # a thousands dot must group three digits
    assert exc.value.args == ("12.5",)


def test_amounts_of_one_or_less():
    # k€ columns: 1 and below are amounts, not flags or percentages
    for text, x in (("1", 1.0), ("0,5", 0.5), ("0.001", 0.001), ("-1", -1.0), ("1,000", 1.0), ("0", 0.0)):
        assert parse_amount(text) == x
    assert parse_amount(1) == 1.0 and parse_amount(0.25) == 0.25


@pytest.mark.parametrize(
    "values, mark",
    [
        (["1.2,3.4,5"], ","),  # both marks: the last one is the decimal mark
        (["1.2,3.4"], "."),
        (["1.234,567"], ","),
        (["1,234.567"], "."),
        (["5,5"], ","),
        (["1,2 3"], ","),  # spaces are removed before looking
        ([5, None, "1,5"], ","),  # numbers say nothing: the next text does
        (["1,500", "2,750"], None),  # three digits after a lone mark tell nothing
        ([], None),
    ],
)
def test_sniff_decimal(values, mark):
    assert sniff_decimal(values) == mark


def test_format_amount():
    assert format_amount(1234.5) == "1\u202f234,50"
    assert format_amount(-0.5) == "-0,50"
    assert format_amount(1234567.891) == "1\u202f234\u202f567,89"


def test_comma_three_digits():
    assert comma_three_digits(["1,200", None, "", 5, "12,500"]) == "1,200"
    assert comma_three_digits(["  1,200  ", "1,200 EUR", "-1,200"]) == "1,200"
    assert comma_three_digits(["(1,200 \u20ac)"]) == "(1,200 \u20ac)"
    assert comma_three_digits(["1,200", "1,5"]) is None
    assert comma_three_digits([None, 3]) is None
    assert comma_three_digits(["1,200", None, "1,5"]) is None  # a blank does not end the column
    assert comma_three_digits(["- 1,200"]) == "- 1,200"  # spaces are ignored


_FRENCH = st.integers(min_value=0, max_value=10**12)


@settings(max_examples=150, deadline=None)
@given(_FRENCH, st.sampled_from([" ", "\u00a0", "\u202f", ".", "'"]))
def test_grouped_integers_read_back(n, sep):
    text = f"{n:,}".replace(",", sep)
    if sep == "." and n < 1000:
        return  # "123" has no mark
    assert parse_amount(text) == n
    assert parse_amount(f"-{text} \u20ac") == -n


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 .,-()%+\u20ac\uff11", max_size=10))
def test_every_path_agrees_and_refuses_cleanly(text):
    # a value and the same value followed by a currency sign are read alike (one path each)
    try:
        plain = parse_number(text)
    except NotANumber:
        plain = "refused"
    try:
        with_euro = parse_number(text + " \u20ac") if text.strip() else None
    except NotANumber:
        with_euro = "refused"
    if text.strip():
        assert plain == with_euro or (plain != plain and with_euro != with_euro)


# --- months --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (1, (None, 1)), (12, (None, 12)), (1.0, (None, 1)), ("1", (None, 1)), ("12", (None, 12)),
        ("12.0", (None, 12)),
        (18264, (1950, 1)), (91310, (2149, 12)), (18264.5, (1950, 1)),
        ("15/01/27", (2027, 1)), ("15/01/2027", (2027, 1)), ("15.01.2027 10:30", (2027, 1)),
        ("2027-01-15T10:30:00", (2027, 1)), ("2027-12", (2027, 12)), ("2027/03/31", (2027, 3)),
        ("01/2027", (2027, 1)), ("12-2027", (2027, 12)),
        ("janv. 2027", (2027, 1)), ("Dec 27", (2027, 12)), ("2027 mars", (2027, 3)), ("Sept.", (None, 9)),
        (dt.date(2027, 5, 3), (2027, 5)), (dt.datetime(2027, 5, 3, 10), (2027, 5)),
    ],
)
def test_months(value, expected):
    assert parse_month(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        0, 13, 3.5, 12.5, 18263, 91311, 18263.5, True, None, [1], "13", "3.5", "31/02/2027", "2027-13",
        "13/2027", "2027-02-30", "janv 2027 2028", "2027", "(2027)", "foo", "janv foo", "\uff11\uff12/\uff12\uff10\uff12\uff17",
        "\u0663", "janv. \uff12\uff10\uff12\uff17",
    ],
)
def test_month_refusals_carry_the_value(value):
    with pytest.raises(NotAMonth) as exc:
        parse_month(value)
    assert exc.value.args == (value,)


def test_a_date_in_the_wrong_plan_year():
    assert plan_month(2027, 7, 2027, 7) == 1
    assert plan_month(2028, 6, 2027, 7) == 12
    assert plan_month(None, 6, 2027, 7) == 12
    with pytest.raises(NotAMonth) as exc:
        plan_month(2027, 6, 2027, 7)
    assert exc.value.args == ((2027, 6),)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("M01", (None, None, 1)), ("m03", (None, None, 3)), ("Budget M12", (None, None, 12)),
        ("M13", None), ("M0", None),
        ("Budget 01/2027", (2027, 1, None)), ("2027-01 réel", (2027, 1, None)),
        ("Réalisé 2027-12", (2027, 12, None)), ("15-01-27", (2027, 1, None)),
        ("01/2027 M1", (2027, 1, None)),  # a date in the header wins over a trailing M-number
        ("Budget février 2027", (2027, 2, None)), ("Janv. 2027", (2027, 1, None)),
        ("3", None), (3, None), (46023, None), (3.0, None), (True, None), (None, None),
        ("Montant", None), ("Budget 13/2027", None), ("Janv. \uff12\uff10\uff12\uff17", None),
        (dt.date(2027, 4, 1), (2027, 4, None)),
    ],
)
def test_month_headers(header, expected):
    assert month_of_header(header) == expected


def test_month_words_and_labels():
    assert month_word("janv") == 1 and month_word("dec") == 12 and month_word("foo") is None
    assert month_label(2027, 1) == "janvier 2027"
    assert month_label(None, 12) == "décembre"
    assert month_label(2027, 2, "en") == "February 2027"
    assert month_label(2027, 8, "de") == "août 2027"
