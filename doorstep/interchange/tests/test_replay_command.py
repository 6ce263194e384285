"""`doorstep replay FILE`: clocks, commitments and vulnerabilities as of a date, from the file
alone. No test here has database access: the command must never need one."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from doorstep.interchange.management.commands import replay as replay_command
from doorstep.interchange.tests.chronologies import BROMFORD, CLARION, seed, small


def write(tmp_path: Path, doc: object, name: str = "chronology.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def replayed(file: str, *options: str) -> str:
    out = StringIO()
    call_command("replay", file, *options, stdout=out, stderr=StringIO())
    return out.getvalue()


BROMFORD_LINES = [
    "  C1 complaint.stage1.acknowledgement (stage 1), started 30 Jun 2021: "
    "stopped 7 Oct 2021, 65 working days late (due 7 Jul 2021)",
    "  C1 complaint.stage1.response (stage 1), started 30 Jun 2021: "
    "stopped 7 Oct 2021, 60 working days late (due 14 Jul 2021)",
    "  C1 complaint.stage2.acknowledgement (stage 2), started 27 Jun 2022: "
    "met: stopped 4 Jul 2022 (due 4 Jul 2022)",
    "  C1 complaint.stage2.response (stage 2), started 27 Jun 2022: "
    "met: stopped 4 Jul 2022 (due 25 Jul 2022)",
    "  R1 mental_health: disclosed 2022-04, never entered in the register",
]
CLARION_LINES = [
    "  C2 complaint.stage1.acknowledgement (stage 1), started 3 Mar 2022: "
    "stopped 24 Mar 2022, 10 working days late (due 10 Mar 2022)",
    "  C2 complaint.stage1.response (stage 1), started 3 Mar 2022: "
    "stopped 24 Mar 2022, 5 working days late (due 17 Mar 2022)",
    "  C2 complaint.stage2.acknowledgement (stage 2), started 13 Apr 2022: "
    "stopped 20 May 2022, 19 working days late (due 22 Apr 2022)",
    "  C2 complaint.stage2.response (stage 2), started 13 Apr 2022: "
    "stopped 20 May 2022, 4 working days late (due 16 May 2022)",
    "  C3 complaint.stage1.acknowledgement (stage 1), started 30 Nov 2021: "
    "overdue by 420 working days (due 7 Dec 2021) [imprecise date]",
    "  C3 complaint.stage1.response (stage 1), started 30 Nov 2021: "
    "overdue by 415 working days (due 14 Dec 2021) [imprecise date]",
    "  R1 pregnancy: disclosed 2021-03-30, never entered in the register",
]


@pytest.mark.parametrize(
    ("name", "day", "lines"),
    [(BROMFORD, "2024-03-21", BROMFORD_LINES), (CLARION, "2023-08-11", CLARION_LINES)],
)
def test_text_prints_every_stage_clock_with_its_due_date_and_breach(tmp_path, name, day, lines):
    text = replayed(write(tmp_path, seed(name), name), "--as-of", day)
    shown = text.splitlines()
    assert shown[0].startswith(f"Replay of {name} (")
    assert f"Clocks as of {dt.date.fromisoformat(day).day} " in text
    for line in lines:
        assert line in shown


# (case, clock): (due, breached, stopped) as the answer keys give them.
BROMFORD_STAGES = {
    ("C1", "complaint.stage1.acknowledgement"): ("2021-07-07", True, "2021-10-07"),
    ("C1", "complaint.stage1.response"): ("2021-07-14", True, "2021-10-07"),
    ("C1", "complaint.stage2.acknowledgement"): ("2022-07-04", False, "2022-07-04"),
    ("C1", "complaint.stage2.response"): ("2022-07-25", False, "2022-07-04"),
}
CLARION_STAGES = {
    ("C2", "complaint.stage1.acknowledgement"): ("2022-03-10", True, "2022-03-24"),
    ("C2", "complaint.stage1.response"): ("2022-03-17", True, "2022-03-24"),
    ("C2", "complaint.stage2.acknowledgement"): ("2022-04-22", True, "2022-05-20"),
    ("C2", "complaint.stage2.response"): ("2022-05-16", True, "2022-05-20"),
    ("C3", "complaint.stage1.acknowledgement"): ("2021-12-07", True, None),
    ("C3", "complaint.stage1.response"): ("2021-12-14", True, None),
}


@pytest.mark.parametrize(
    ("name", "day", "stages"),
    [(BROMFORD, "2024-03-21", BROMFORD_STAGES), (CLARION, "2023-08-11", CLARION_STAGES)],
)
def test_json_gives_the_formats_replay_output(tmp_path, name, day, stages):
    result = json.loads(replayed(write(tmp_path, seed(name)), "--as-of", day, "--format", "json"))
    assert result["as_of"] == day
    assert set(result) == {
        "as_of",
        "clocks",
        "commitments",
        "vulnerabilities",
        "appointments",
        "repeats",
        "compensation",
        "complaints",
        "compensation_requests",
        "asb",
        "transfers",
        "permissions",
        "findings",
        "topics",
    }
    found = {
        (c["case"], c["clock"]): (c["due"], c["breached"], c["stopped"])
        for c in result["clocks"]
        if c["clock"].startswith("complaint.stage")
    }
    assert found == stages
    assert all(c["state"] for c in result["commitments"])


def test_clarion_overdue_working_days_and_vulnerabilities(tmp_path):
    result = json.loads(
        replayed(write(tmp_path, seed(CLARION)), "--as-of", "2023-08-11", "--format", "json")
    )
    stage1 = next(
        c
        for c in result["clocks"]
        if (c["case"], c["clock"]) == ("C2", "complaint.stage1.response")
    )
    assert stage1["overdue_working_days"] == 5 and stage1["original_due"] is None
    pregnancy = next(v for v in result["vulnerabilities"] if v["category"] == "pregnancy")
    assert pregnancy == {
        "person": "R1",
        "category": "pregnancy",
        "disclosed": "2021-03-30",
        "recorded": None,
        "imprecise": False,
        "events": [pregnancy["events"][0]],
    }


def test_the_help_names_the_findings():
    assert "findings" in replay_command.Command.help
    assert "by topic" in replay_command.Command.help


def test_the_small_chronology_replays_as_of_a_date(tmp_path):
    text = replayed(write(tmp_path, small()), "--as-of", "2021-08-31")
    assert (
        "  C1 complaint.stage1.response (stage 1), started 30 Jun 2021: "
        "overdue by 33 working days (due 14 Jul 2021)"
    ) in text.splitlines()
    assert "  R1 mental_health: disclosed 2021-07, recorded 2021-08-02" in text.splitlines()
    early = replayed(write(tmp_path, small()), "--as-of", "2021-06-01")
    assert "  R1 mental_health" not in early
    assert "Vulnerabilities as of 1 Jun 2021\n  (none)" in early


def test_the_date_defaults_to_today_read_at_the_edge(tmp_path, monkeypatch):
    monkeypatch.setattr(replay_command.timezone, "localdate", lambda: dt.date(2021, 7, 9))
    result = json.loads(replayed(write(tmp_path, small()), "--format", "json"))
    assert result["as_of"] == "2021-07-09"


def test_a_file_that_breaks_the_schema_is_refused_with_its_path(tmp_path):
    doc = small()
    doc["events"][4]["data"]["outcome"] = "mostly"
    with pytest.raises(CommandError) as refused:
        replayed(write(tmp_path, doc, "broken.json"), "--as-of", "2022-01-01")
    message = str(refused.value)
    assert message.startswith("broken.json breaks the doorstep-chronology/1 format at ")
    assert "$.events[4].data.outcome: 'mostly' is not one of" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "is not JSON: Expecting property name enclosed in double quotes"),
        ("[1, 2]", "is not a chronology: it holds list, not a JSON object."),
    ],
)
def test_a_file_that_is_not_a_chronology_is_refused(tmp_path, content, expected):
    path = tmp_path / "odd.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=expected):
        replayed(str(path))


def test_a_missing_file_and_a_bad_date_are_refused(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        replayed(str(tmp_path / "absent.json"))
    with pytest.raises(CommandError, match="'2021-13-01' is not a date: give it as YYYY-MM-DD"):
        replayed(write(tmp_path, small()), "--as-of", "2021-13-01")
