"""The bulk loader (`interchange.load`, ADR 16) writes what the importer writes, row for row.

The same generated households are imported twice in one database: first through the importer
alone, one chronology at a time, then (after rolling that back) through `chronologies_import`,
which sends each run of new households to the loader. Every table of Doorstep is then read
back and compared, with ids read as their order in their table (sequences do not roll back)
and the parts that are random by design (uids, and so the hashes) left out; the chains of both
are verified instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, models, transaction

from doorstep.generate.synth import portfolio
from doorstep.interchange import load
from doorstep.interchange.services import chronologies_import, chronology_import
from doorstep.timeline.verify import verify_all
from doorstep.timeline.when import LONDON

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)
HOMES = 9
# Random by design (a uid, and each hash and head that covers one), or the run's own uuid.
RANDOM = {"uid", "hash", "prev_hash", "head_hash", "batch"}


class _Undo(Exception):
    pass


def _households() -> list[dict[str, Any]]:
    return list(portfolio(seed=11, homes=HOMES, years=3, until=dt.date(2026, 10, 31)))


def _models() -> list[type[models.Model]]:
    found = [
        model
        for config in apps.get_app_configs()
        if config.name.startswith("doorstep.")
        for model in config.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(found, key=lambda model: model._meta.db_table)


def _snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every Doorstep table, rows in id order, each id (and each reference to one) read as
    its place in its table."""
    tables = _models()
    ranks: dict[str, dict[Any, int]] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    for model in tables:
        values = list(model._default_manager.order_by("pk").values())
        rows[model._meta.db_table] = values
        pk = model._meta.pk.attname
        ranks[model._meta.db_table] = {row[pk]: n for n, row in enumerate(values)}
    # An event's uid is random; a projection that names an event by it names its place.
    uids = {str(row["uid"]): n for n, row in enumerate(rows["timeline_event"])}
    found: dict[str, list[dict[str, Any]]] = {}
    for model in tables:
        table = model._meta.db_table
        relations = {
            field.attname: field.related_model._meta.db_table
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is not None
        }
        pk = model._meta.pk.attname
        kept = []
        for row in rows[table]:
            out: dict[str, Any] = {}
            for name, value in row.items():
                if name in RANDOM:
                    continue
                if name == pk:
                    out[name] = ranks[table][value]
                elif name in relations and value is not None:
                    out[name] = ranks[relations[name]].get(value, ("outside", value))
                else:
                    out[name] = _uids_placed(value, uids)
            if table == "timeline_stream":
                kind, _, number = out["key"].partition(":")
                owner = "residents_household" if kind == "household" else "properties_property"
                out["key"] = (kind, ranks[owner][int(number)])
            kept.append(out)
        if table == "core_referencecounter":
            # Which prefix is first used first is no part of the record: the numbers are.
            kept = sorted(({k: v for k, v in row.items() if k != "id"} for row in kept), key=str)
        found[table] = kept
    return found


def _uids_placed(value: Any, uids: dict[str, int]) -> Any:
    if isinstance(value, str):
        return ("event", uids[value]) if value in uids else value
    if isinstance(value, dict):
        return {key: _uids_placed(item, uids) for key, item in value.items()}
    if isinstance(value, list):
        return [_uids_placed(item, uids) for item in value]
    return value


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many chronologies each run the loader wrote held."""
    sizes: list[int] = []
    original = load.Loader.load

    def counting(self: load.Loader) -> Any:
        sizes.append(len(self.run))
        return original(self)

    monkeypatch.setattr(load.Loader, "load", counting)
    yield sizes


def test_the_loader_writes_what_the_importer_writes_table_by_table(loaded: list[int]) -> None:
    docs = _households()
    try:
        with transaction.atomic():
            for n, doc in enumerate(docs):
                chronology_import(doc=doc, source_name=f"household {n + 1}", at=AT)
            by_importer = _snapshot()
            assert verify_all().ok
            raise _Undo
    except _Undo:
        pass
    assert loaded == []

    report = chronologies_import(
        records=[(f"household {n + 1}", doc) for n, doc in enumerate(docs)], at=AT
    )
    by_loader = _snapshot()

    # The landlord's first file records its policy: the importer's; the rest are one run.
    assert loaded == [HOMES - 1]
    assert report.summary()["imported"] == HOMES and not report.refused
    assert verify_all().ok
    assert sum(len(rows) for rows in by_loader.values()) > 1500
    for table in by_importer:
        assert by_loader[table] == by_importer[table], table


def test_a_second_run_of_the_same_records_changes_nothing(loaded: list[int]) -> None:
    docs = _households()
    records = [(f"household {n + 1}", doc) for n, doc in enumerate(docs)]
    chronologies_import(records=records, at=AT)
    before = _snapshot()
    again = chronologies_import(records=records, at=AT + dt.timedelta(days=1))
    assert again.summary()["unchanged"] == HOMES and again.summary()["imported"] == 0
    assert _snapshot() == before
    assert loaded == [HOMES - 1]


def test_a_run_the_database_refuses_is_imported_one_chronology_at_a_time(
    loaded: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _households()
    original = load._write

    def refusing(model: type[models.Model], objs: Any) -> None:
        if objs and model is load.Event:
            raise DatabaseError("refused for the test")
        original(model, objs)

    monkeypatch.setattr(load, "_write", refusing)
    report = chronologies_import(
        records=[(f"household {n + 1}", doc) for n, doc in enumerate(docs)], at=AT
    )
    assert loaded == [HOMES - 1]
    assert report.summary()["imported"] == HOMES and not report.refused
    assert verify_all().ok
    assert len(report.households) == HOMES


def test_a_chronology_that_names_one_already_taken_leaves_the_run(loaded: list[int]) -> None:
    """A household whose reference another chronology of the same input also uses: the
    loader writes the first, and the second goes to the importer, which refuses it as
    changed (the record is append-only)."""
    docs = _households()[:4]
    clash = {
        **docs[3],
        "tenancies": [dict(docs[3]["tenancies"][0], ref=docs[2]["tenancies"][0]["ref"])],
    }
    clash["events"] = []
    clash["cases"] = []
    report = chronologies_import(
        records=[(f"household {n + 1}", doc) for n, doc in enumerate([*docs[:3], clash])], at=AT
    )
    assert loaded == [2]
    assert report.summary()["imported"] == 3
    assert [r.source for r in report.refused] == ["household 4"]
    assert "was imported before" in report.refused[0].reason


def test_an_event_id_imported_before_undoes_the_run_and_the_importer_refuses_it(
    loaded: list[int],
) -> None:
    """The loader does not look up each event's id: one already imported (here, under
    another household) is caught by the mappings' constraint, the run is undone, and each of
    its chronologies goes through the importer, which refuses the one that reuses it."""
    docs = _households()[:4]
    chronologies_import(records=[("first", docs[0])], at=AT)
    reused = {**docs[2], "events": [dict(docs[2]["events"][0], id=docs[0]["events"][0]["id"])]}
    report = chronologies_import(
        records=[("second", docs[1]), ("third", reused), ("fourth", docs[3])], at=AT
    )
    assert loaded == [3]
    assert report.summary()["imported"] == 2
    assert [r.source for r in report.refused] == ["third"]
    assert "was imported before" in report.refused[0].reason
    assert verify_all().ok
