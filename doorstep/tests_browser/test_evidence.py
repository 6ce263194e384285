"""The evidence pack in a real browser: the manager opens the staff journey's case, presses
"Produce an evidence pack", says it is for the Housing Ombudsman and why, and downloads the
zip; the zip's manifest verifies, its PDF opens, and the case's timeline records that the pack
was produced and for whom.

The server is the staff journey's (`test_staff_journey.py`, seeded by `seed.py`).
"""

from __future__ import annotations

import io
import zipfile

import pytest

from doorstep.evidence.pack import pack_verify
from doorstep.tests_browser.test_complaints import _errors_of, _sign_in
from doorstep.tests_browser.test_staff_journey import browser as browser  # the fixtures
from doorstep.tests_browser.test_staff_journey import page as page
from doorstep.tests_browser.test_staff_journey import server as server

pytestmark = pytest.mark.browser
WHY = "Evidence requested for the Ombudsman's complaint 202412345"


def test_the_manager_produces_a_verifiable_pack_for_the_ombudsman(page, server):
    from playwright.sync_api import expect

    errors = _errors_of(page)
    _sign_in(page, "manager")
    page.goto(f"/cases/{server.case}/")
    page.get_by_role("link", name="Produce an evidence pack").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Produce an evidence pack")
    page.get_by_label("The Housing Ombudsman").check()
    page.get_by_label("Why is it being produced?").fill(WHY)
    with page.expect_download() as download:
        page.get_by_role("button", name="Produce and download the pack").click()
    data = download.value.path().read_bytes()
    assert download.value.suggested_filename.startswith(f"{server.case}-evidence-")
    assert pack_verify(data) == []
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert {"pack.pdf", "chronology.json", "manifest.json"} <= set(names)
    assert zipfile.ZipFile(io.BytesIO(data)).read("pack.pdf").startswith(b"%PDF")

    page.goto(f"/cases/{server.case}/")
    timeline = page.locator("#timeline ~ ol.app-timeline")
    expect(timeline).to_contain_text("produced for Housing Ombudsman")
    assert errors == []
