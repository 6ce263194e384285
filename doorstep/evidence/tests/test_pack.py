"""The evidence pack read from the record: the Clarion case (Housing Ombudsman 202208650) as a
readable PDF with its chronology, clocks, commitments and compensation; the chronology exactly
as `doorstep export` gives it; the documents with their checksums; the manifest that verifies;
the same bytes from the same record; special category detail only for those who may read it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest

from doorstep.evidence.pack import (
    MISSING_FILE,
    NO_MANIFEST,
    UNLISTED_FILE,
    pack_verify,
)
from doorstep.evidence.selectors import evidence_pack
from doorstep.evidence.tests.conftest import AS_OF, AT, REPORT
from doorstep.evidence.tests.pdftext import files, manifest_of, pages, text
from doorstep.interchange.selectors import chronology_export
from doorstep.interchange.validate import first_problem
from doorstep.staff.roles import Role
from doorstep.testing.factories import CaseFactory, StaffFactory
from doorstep.timeline.kinds import REDACTED
from doorstep.vulnerabilities.models import SpecialCategoryAccess

pytestmark = pytest.mark.django_db

PREGNANCY_DETAIL = "Pregnant (baby born September 2021)."


def clarion_pack(clarion, *, user=None, case=None) -> bytes:
    return evidence_pack(
        user=user,
        household=None if case else clarion.household,
        case=case,
        as_of=AS_OF,
        produced_for="Housing Ombudsman",
        purpose="Evidence for complaint 202208650",
        at=AT,
    )


def test_the_clarion_pack_opens_as_a_readable_pdf_and_its_manifest_verifies(clarion):
    data = clarion_pack(clarion)
    assert pack_verify(data) == []
    held = files(data)
    assert sorted(held) == ["chronology.json", "manifest.json", "pack.pdf"]
    said = pages(held["pack.pdf"])
    title = said[0]
    assert f"Evidence pack: {clarion.household.reference}" in title
    assert "As of 11 Aug 2023" in title and "Produced for Housing Ombudsman" in title
    assert manifest_of(data)["record"]["chain_hash"] in title.replace(" ", "")
    whole = " ".join(said)
    for heading in ("Chronology", "Clocks", "Commitments", "Vulnerabilities", "Findings"):
        assert heading in whole
    # The chronology's rows: the stage 1 response of 24 March 2022 and its offer of £175.
    assert "24 Mar 2022" in whole
    assert "Stage 1 response: apology that the end-2021 works did not go ahead" in whole
    assert "Stage 1 offer of £175" in whole
    # An entry known only to the month is said so.
    assert "Mar 2021 month only" in whole
    # The clocks: the stage 1 response was due, and late; the compensation's band below.
    assert "Respond to the stage 1 complaint" in whole
    assert "considerable service failure" in whole
    assert "compensation.below_policy £150 was offered on 24 Mar 2022" in whole
    # Every page has its footer: the reference and "page N of M".
    total = len(said)
    for n, page in enumerate(said, start=1):
        assert f"Evidence pack {clarion.household.reference}, as of 11 Aug 2023" in page
        assert f"Page {n} of {total}" in page


def test_the_same_record_gives_the_same_bytes(clarion):
    first = clarion_pack(clarion)
    again = clarion_pack(clarion)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(again).hexdigest()
    assert first == again


def test_the_manifest_lists_every_file_with_its_checksum_and_the_chain_head(clarion):
    data = clarion_pack(clarion, case=clarion.complaint)
    said = manifest_of(data)
    held = files(data)
    assert said["format"] == "doorstep-evidence-pack/1"
    assert said["of"] == {
        "subject": "case",
        "reference": clarion.complaint.reference,
        "title": clarion.complaint.title,
        "household": clarion.household.reference,
        "property": clarion.household.property.address,
    }
    assert (said["as_of"], said["produced_for"]) == ("2023-08-11", "Housing Ombudsman")
    assert said["files"] == [
        {"name": name, "sha256": hashlib.sha256(held[name]).hexdigest(), "size": len(held[name])}
        for name in ("chronology.json", "pack.pdf")
    ]
    stream = clarion.household.stream
    assert said["record"] == {
        "stream": stream.key,
        "length": stream.length,
        "last_event": str(stream.events.order_by("-seq").first().uid),
        "chain_hash": stream.head_hash,
    }
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(2023, 8, 11, 0, 0, 0)}


def test_the_chronology_is_the_export_and_a_case_pack_lists_only_its_case(clarion):
    officer = StaffFactory.create(role=Role.COMPLAINTS_OFFICER)
    data = clarion_pack(clarion, user=officer, case=clarion.complaint)
    doc = json.loads(files(data)["chronology.json"])
    exported, _ = chronology_export(landlord="Demo Homes", case=clarion.complaint)
    assert doc == json.loads(json.dumps(exported))
    whole = text(files(data)["pack.pdf"])
    assert "Stage 2 response: 'significant service failure'" in whole
    assert "Hazard reported" not in whole  # C1's entries are in the household's pack
    # The household's vulnerabilities, disclosed on other cases, are the case's concern too.
    assert PREGNANCY_DETAIL in whole and "Not entered in the register" in whole
    tenant = clarion.household.members.get(relationship="tenant").person
    assert SpecialCategoryAccess.objects.filter(user=officer, person=tenant).exists()


def test_detail_is_withheld_unless_the_producer_may_read_it_and_each_read_is_logged(clarion):
    withheld = clarion_pack(clarion, user=StaffFactory.create(role=Role.REPAIRS_COORDINATOR))
    whole = text(files(withheld)["pack.pdf"])
    assert "Detail was withheld" in whole and "Pregnancy" in whole
    assert PREGNANCY_DETAIL not in whole
    doc = json.loads(files(withheld)["chronology.json"])
    assert PREGNANCY_DETAIL not in json.dumps(doc)
    assert REDACTED in json.dumps(doc)
    assert first_problem(doc) is None
    assert manifest_of(withheld)["special_category_detail"] == "withheld"
    assert not SpecialCategoryAccess.objects.exists()

    officer = StaffFactory.create(role=Role.COMPLAINTS_OFFICER)
    shown = clarion_pack(clarion, user=officer)
    whole = text(files(shown)["pack.pdf"])
    assert PREGNANCY_DETAIL in whole and "Detail was withheld" not in whole
    assert manifest_of(shown)["special_category_detail"] == "included"
    reads = SpecialCategoryAccess.objects.filter(user=officer)
    assert reads.exists()
    assert all(r.purpose.startswith("Evidence pack") for r in reads)


def test_documents_go_in_with_their_checksums(filed):
    case, document = filed
    data = evidence_pack(
        user=None,
        case=case,
        as_of=AS_OF.replace(year=2024, month=6, day=5),
        produced_for="The resident",
        at=AT,
    )
    assert pack_verify(data) == []
    name = f"documents/{document.reference}-survey-report-final-.pdf"
    assert files(data)[name] == REPORT
    entry = next(f for f in manifest_of(data)["files"] if f["name"] == name)
    assert entry["sha256"] == document.sha256
    whole = text(files(data)["pack.pdf"])
    assert "Surveyor's report" in whole and document.sha256[:16] in whole.replace(" ", "")


def _rezip(data: bytes, change) -> bytes:
    held = files(data)
    change(held)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, body in held.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_verify_names_each_problem(clarion):
    data = clarion_pack(clarion)
    tampered = _rezip(data, lambda f: f.update({"pack.pdf": f["pack.pdf"] + b"\n"}))
    problems = pack_verify(tampered)
    assert len(problems) == 2  # its checksum and its size
    assert problems[0].startswith("pack.pdf does not match its checksum")
    assert pack_verify(_rezip(data, lambda f: f.pop("chronology.json"))) == [
        MISSING_FILE.format(name="chronology.json")
    ]
    assert pack_verify(_rezip(data, lambda f: f.update({"extra.txt": b"x"}))) == [
        UNLISTED_FILE.format(name="extra.txt")
    ]
    assert pack_verify(_rezip(data, lambda f: f.pop("manifest.json"))) == [NO_MANIFEST]
    assert pack_verify(b"not a zip")[0].startswith("It is not a zip file")


def test_the_clarion_pack_lists_the_lens_findings_and_their_topics(clarion):
    data = clarion_pack(clarion)
    whole = text(files(data)["pack.pdf"])
    start = whole.index("Findings What the record shows")
    findings = whole[start : whole.index("Compensation Each offer", start)]
    # The stage 1 response of 24 Mar 2022 was late; the November 2021 complaint never answered;
    # disclosures never entered in the register; the ninth entry of the key: C1's first
    # investigation 182 days late, resting on an imprecise date.
    for code in (
        "complaint.stage1_late",
        "complaint.no_response",
        "vulnerability.not_recorded",
        "hazard.investigation_late",
        "appointment.missed_by_landlord",
        "commitment.overdue",
        "compensation.below_policy",
    ):
        assert code in findings
    assert "Rests on an imprecise date" in findings
    assert "By topic" in findings and "Remedies guidance" in findings
    assert "not a finding of maladministration" in findings


def test_a_communal_case_has_a_pack_of_its_building(filed):
    case, _ = filed
    block = case.household.property.part_of
    communal = CaseFactory.create(
        household=None, property=block, title="Entrance door will not lock"
    )
    data = evidence_pack(
        user=None, case=communal, as_of=dt.date(2024, 6, 5), produced_for="The resident", at=AT
    )
    assert pack_verify(data) == []
    said = manifest_of(data)
    assert said["of"]["household"] is None
    assert said["record"]["stream"] == f"property:{block.pk}"
    title = pages(files(data)["pack.pdf"])[0]
    assert "None (a communal case)" in title and "Entrance door will not lock" in title
