"""`doorstep evidence`: the Clarion household's pack written to a folder and recorded as the
command line's; `--verify` checks a pack against its manifest."""

from __future__ import annotations

import re
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from doorstep.evidence.management.commands.evidence import ACTOR, NAME_ONE
from doorstep.evidence.pack import pack_verify
from doorstep.timeline.models import Event

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_pack_and_records_it(clarion, tmp_path):
    out = StringIO()
    ref = clarion.household.reference
    call_command(
        "evidence",
        ref,
        "--household",
        "--out",
        str(tmp_path),
        "--as-of",
        "2023-08-11",
        "--to",
        "Housing Ombudsman",
        stdout=out,
    )
    file = tmp_path / f"{ref}-evidence-2023-08-11.zip"
    assert out.getvalue().strip() == (
        f"Wrote the evidence pack of {ref} as of 2023-08-11 for Housing Ombudsman to {file}."
    )
    assert pack_verify(file.read_bytes()) == []
    event = Event.objects.get(kind="evidence.produced")
    assert (event.actor, event.actor_name, event.household) == (None, ACTOR, clarion.household)
    assert event.data["to"] == "Housing Ombudsman"

    checked = StringIO()
    call_command("evidence", "--verify", str(file), stdout=checked)
    assert checked.getvalue().strip() == f"{file}: every file matches the manifest."


def test_a_case_by_its_imported_reference(clarion, tmp_path):
    call_command(
        "evidence", "C2", "--out", str(tmp_path), "--as-of", "2023-08-11", stdout=StringIO()
    )
    [file] = tmp_path.iterdir()
    assert file.name == f"{clarion.complaint.reference}-evidence-2023-08-11.zip"
    assert Event.objects.get(kind="evidence.produced").case == clarion.complaint


def test_verify_fails_naming_the_problems(clarion, tmp_path):
    call_command(
        "evidence", "C2", "--out", str(tmp_path), "--as-of", "2023-08-11", stdout=StringIO()
    )
    [file] = tmp_path.iterdir()
    with zipfile.ZipFile(file, "a") as archive:
        archive.writestr("extra.txt", "not in the manifest")
    err = StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("evidence", "--verify", str(file), stdout=StringIO(), stderr=err)
    assert "extra.txt is in the zip but not listed in the manifest." in err.getvalue()


def test_nothing_named():
    with pytest.raises(CommandError, match=re.escape(NAME_ONE)):
        call_command("evidence", "--out", "out")
