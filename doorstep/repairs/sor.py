"""Reading a landlord's Schedule of Rates from CSV. Pure: text in, rows or problems out.

The file is a spreadsheet saved as CSV (UTF-8), one code a row, with a header naming at least
the columns `code`, `description`, `trade`, `unit` and `rate` (in any order and case; other
columns, such as a landlord's own notes, are ignored). Rows are numbered as a spreadsheet shows
them: the header is row 1. Every problem is found, not just the first, so the file can be put
right in one go (ADR 9).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from doorstep.repairs.choices import Trade

COLUMNS = ("code", "description", "trade", "unit", "rate")
LIMITS = {"code": 30, "description": 500, "unit": 20}
CODE_SHAPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_-]*$")
MAX_RATE = Decimal("99999999.99")

EMPTY_FILE = "The file has no rows: a Schedule of Rates needs a header and at least one code."
MISSING_COLUMNS = (
    "the header has no {columns} column; a Schedule of Rates needs code, description, trade, "
    "unit and rate"
)
NO_CODES = "The file has a header but no codes."
REQUIRED = "is empty"
TOO_LONG = "is longer than {n} characters"
BAD_CODE = (
    "{value!r} is not a code: letters, digits and . / _ - only, starting with a letter or digit"
)
DUPLICATE = "code {value!r} is already on row {first}"
BAD_TRADE = "{value!r} is not a trade Doorstep knows: use one of {known}"
BAD_RATE = "{value!r} is not an amount in pounds, like 12.50"
NEGATIVE_RATE = "{value!r} is below zero"
RATE_TOO_BIG = "{value!r} is more than £99,999,999.99"
RATE_PENCE = "{value!r} has more than two decimal places (pence)"
RAGGED = "has {found} values where the header has {wanted}"

TRADES = {t.value: t.value for t in Trade} | {t.label.lower(): t.value for t in Trade}


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell of the file: its row (the header is row 1), column and
    the reason."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class SorRow:
    row: int
    code: str
    description: str
    trade: str
    unit: str
    rate: Decimal


def _text(row: int, column: str, value: str, problems: list[RowProblem]) -> str:
    value = value.strip()
    if not value:
        problems.append(RowProblem(row, column, REQUIRED))
    elif column in LIMITS and len(value) > LIMITS[column]:
        problems.append(RowProblem(row, column, TOO_LONG.format(n=LIMITS[column])))
    return value


def _trade(row: int, value: str, problems: list[RowProblem]) -> str:
    trade = TRADES.get(value.strip().lower(), "")
    if value.strip() and not trade:
        known = ", ".join(t.value for t in Trade)
        problems.append(
            RowProblem(row, "trade", BAD_TRADE.format(value=value.strip(), known=known))
        )
    return trade


def _rate(row: int, value: str, problems: list[RowProblem]) -> Decimal:
    text = value.strip()
    try:
        rate = Decimal(text.removeprefix("£").replace(",", ""))
    except InvalidOperation:
        problems.append(RowProblem(row, "rate", BAD_RATE.format(value=text)))
        return Decimal(0)
    reason = ""
    if not rate.is_finite():
        reason = BAD_RATE
    elif rate < 0:
        reason = NEGATIVE_RATE
    elif rate > MAX_RATE:
        reason = RATE_TOO_BIG
    elif rate.as_tuple().exponent < -2:  # type: ignore[operator]
        reason = RATE_PENCE
    if reason:
        problems.append(RowProblem(row, "rate", reason.format(value=text)))
    return rate


def _header(reader: csv.DictReader[str]) -> dict[str, str]:
    """Each wanted column and the file's own spelling of it."""
    names = [n for n in (reader.fieldnames or []) if n is not None]
    return {name.strip().lower(): name for name in names}


def parse_sor_csv(text: str) -> tuple[list[SorRow], list[RowProblem]]:
    """The file's codes, and every problem found. Nothing is loaded if there is any problem:
    the caller decides."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = _header(reader)
    except csv.Error as exc:
        return [], [RowProblem(1, "(header)", str(exc))]
    if not columns:
        return [], [RowProblem(1, "(header)", EMPTY_FILE)]
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        return [], [RowProblem(1, "(header)", MISSING_COLUMNS.format(columns=", ".join(missing)))]
    rows: list[SorRow] = []
    problems: list[RowProblem] = []
    first_row: dict[str, int] = {}
    try:
        for record in reader:
            row = reader.line_num
            ragged = _ragged(record, columns, len(reader.fieldnames or []))
            if ragged:
                problems.append(RowProblem(row, "(row)", ragged))
                continue
            if not any(isinstance(v, str) and v.strip() for v in record.values()):
                continue  # a blank line a spreadsheet leaves at the end
            rows.append(_row(row, record, columns, problems, first_row))
    except csv.Error as exc:
        problems.append(RowProblem(reader.line_num, "(row)", str(exc)))
    if not rows and not problems:
        problems.append(RowProblem(2, "(row)", NO_CODES))
    return rows, problems


def _ragged(record: dict[str | None, object], columns: dict[str, str], wanted: int) -> str:
    """Why a row does not fit the header: values past the last column, or too few to reach a
    column Doorstep needs. Empty cells a spreadsheet leaves at the end of a row, and a row
    that stops before a column Doorstep ignores, are no problem."""
    extra = record.get(None)
    if isinstance(extra, list) and any(str(v).strip() for v in extra):
        return RAGGED.format(found=wanted + len(extra), wanted=wanted)
    if any(record.get(columns[name]) is None for name in COLUMNS):
        given = sum(1 for key, value in record.items() if key is not None and value is not None)
        return RAGGED.format(found=given, wanted=wanted)
    return ""


def _row(
    row: int,
    record: dict[str, str],
    columns: dict[str, str],
    problems: list[RowProblem],
    first_row: dict[str, int],
) -> SorRow:
    def cell(name: str) -> str:
        return record[columns[name]] or ""

    code = _text(row, "code", cell("code"), problems)
    if code and len(code) <= LIMITS["code"]:
        if not CODE_SHAPE.match(code):
            problems.append(RowProblem(row, "code", BAD_CODE.format(value=code)))
        elif code.upper() in first_row:
            first = first_row[code.upper()]
            problems.append(RowProblem(row, "code", DUPLICATE.format(value=code, first=first)))
        else:
            first_row[code.upper()] = row
    description = _text(row, "description", cell("description"), problems)
    trade_text = _text(row, "trade", cell("trade"), problems)
    trade = _trade(row, trade_text, problems)
    unit = _text(row, "unit", cell("unit"), problems)
    rate_text = _text(row, "rate", cell("rate"), problems)
    rate = _rate(row, rate_text, problems) if rate_text else Decimal(0)
    return SorRow(row, code, description, trade, unit, rate)
