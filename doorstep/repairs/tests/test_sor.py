"""Loading the landlord's Schedule of Rates from CSV (ADR 9): whole or nothing, every bad row
named by row, column and reason; the command `doorstep sor FILE`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command

from doorstep.cli import OPERATIONS
from doorstep.core.errors import DomainError
from doorstep.repairs import services
from doorstep.repairs.models import SorCode, SorSchedule
from doorstep.repairs.selectors import sor_codes, sor_schedule_in_force
from doorstep.repairs.services import SorRefused, sor_load_csv
from doorstep.repairs.sor import RowProblem
from doorstep.repairs.tests.conftest import SOR_CSV

pytestmark = pytest.mark.django_db

BAD_CSV = (
    "code,description,trade,unit,rate\n"
    "PL001,Replace tap washer,plumbing,each,12.50\n"
    "PL002,,plumbing,each,abc\n"
    "pl001,Duplicate,plumbing,each,1.234\n"
    "EL 1,Socket,wiring,each,-5\n"
    "X1,Too few\n"
)


def test_a_schedule_loads_whole(at):
    schedule = sor_load_csv(actor=None, file=StringIO(SOR_CSV), at=at, source_name="sor.csv")
    assert (schedule.source_name, schedule.code_count, schedule.loaded_at) == ("sor.csv", 3, at)
    codes = {c.code: c for c in schedule.codes.all()}
    assert set(codes) == {"PL001", "PL002", "BR010"}
    assert (codes["PL002"].trade, codes["PL002"].rate) == ("plumbing", Decimal("45.00"))
    assert (codes["BR010"].unit, codes["BR010"].description) == (
        "m2",
        "Rake out and repoint brickwork",
    )
    assert sor_schedule_in_force(at=at) == schedule
    assert sor_schedule_in_force(at=at - dt.timedelta(seconds=1)) is None


def test_every_bad_row_is_named_and_nothing_is_loaded(at):
    with pytest.raises(SorRefused) as refused:
        sor_load_csv(actor=None, file=StringIO(BAD_CSV), at=at)
    assert [str(p) for p in refused.value.problems] == [
        "Row 3, column description: is empty",
        "Row 3, column rate: 'abc' is not an amount in pounds, like 12.50",
        "Row 4, column code: code 'pl001' is already on row 2",
        "Row 4, column rate: '1.234' has more than two decimal places (pence)",
        "Row 5, column code: 'EL 1' is not a code: letters, digits and . / _ - only, starting "
        "with a letter or digit",
        "Row 5, column trade: 'wiring' is not a trade Doorstep knows: use one of general, "
        "brickwork, carpentry, damp_mould, door_entry, drainage, electrical, glazing, grounds, "
        "heating, lifts, painting, pest_control, plastering, plumbing, roofing, other",
        "Row 5, column rate: '-5' is below zero",
        "Row 6, column (row): has 2 values where the header has 5",
    ]
    assert refused.value.message == services.SOR_REFUSED.format(
        count=8, s="s", first="Row 3, column description: is empty"
    )
    assert refused.value.field == "file"
    assert not SorSchedule.objects.exists() and not SorCode.objects.exists()


def test_a_missing_column_is_named(at):
    with pytest.raises(SorRefused) as refused:
        sor_load_csv(actor=None, file=StringIO("code,description,unit\nA,b,each\n"), at=at)
    assert refused.value.problems == [
        RowProblem(
            1,
            "(header)",
            "the header has no trade, rate column; a Schedule of Rates needs code, description, "
            "trade, unit and rate",
        )
    ]


def test_a_file_that_is_not_utf8_is_refused(at):
    with pytest.raises(DomainError) as refused:
        sor_load_csv(actor=None, file=BytesIO("code\nPL£1".encode("latin-1")), at=at)
    assert refused.value.message == services.NOT_UTF8


def test_the_same_file_twice_loads_once(at):
    sor_load_csv(actor=None, file=BytesIO(SOR_CSV.encode()), at=at, source_name="sor.csv")
    with pytest.raises(DomainError) as refused:
        sor_load_csv(actor=None, file=BytesIO(SOR_CSV.encode()), at=at + dt.timedelta(days=1))
    assert refused.value.message == services.SOR_ALREADY_LOADED.format(
        when="3 June 2024", name="sor.csv"
    )
    assert SorSchedule.objects.count() == 1


def test_a_new_schedule_replaces_the_old_from_its_load(at):
    sor_load_csv(actor=None, file=StringIO(SOR_CSV), at=at)
    later = at + dt.timedelta(days=30)
    new = "code,description,trade,unit,rate\nPL001,Washer,plumbing,each,13\n"
    sor_load_csv(actor=None, file=StringIO(new), at=later)
    assert [c.rate for c in sor_codes(at=later)] == [Decimal("13.00")]
    assert [c.code for c in sor_codes(at=at, q="washer")] == ["PL001"]
    assert [c.code for c in sor_codes(at=at, trade="brickwork")] == ["BR010"]


def test_the_schedule_is_append_only(at):
    schedule = sor_load_csv(actor=None, file=StringIO(SOR_CSV), at=at)
    code = schedule.codes.first()
    code.rate = Decimal(1)
    with pytest.raises(PermissionError):
        code.save()
    with pytest.raises(PermissionError):
        SorCode.objects.all().delete()


def test_the_command_loads_a_file_and_reports_each_problem(tmp_path):
    good = tmp_path / "rates-2024.csv"
    good.write_text(SOR_CSV, encoding="utf-8")
    out = StringIO()
    call_command("sor", str(good), stdout=out)
    assert out.getvalue() == (
        "Loaded 3 codes from rates-2024.csv: the Schedule of Rates in force from now.\n"
    )
    assert SorSchedule.objects.get().source_name == "rates-2024.csv"
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("sor", str(bad), stdout=StringIO())
    message = str(refused.value)
    assert message.startswith("Refused bad.csv; nothing was loaded. 8 problems:\n")
    assert "  Row 5, column rate: '-5' is below zero" in message
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("sor", str(tmp_path / "missing.csv"), stdout=StringIO())
    assert SorSchedule.objects.count() == 1


def test_the_doorstep_command_lists_sor():
    assert OPERATIONS["sor"][0] == "sor"
