"""Reading an evidence pack from the record: the contents (`evidence_contents`) and the zip's
bytes (`evidence_pack`). Nothing here writes to the timeline: producing a pack and recording to
whom it went is `services.evidence_produce`.

Everything comes from the record alone: the chronology is the export `doorstep export` gives
for the same household (`interchange.selectors.chronology_export_with_cases`); the clocks,
commitments, findings and compensation are the live replay of that export as of the pack's date
(`deadlines.selectors.clocks_of`); the timeline's sentences are each event kind's, with its
special category fields redacted unless the person producing the pack may read them; the
documents are the stored files, checked against their checksums. The same record, date and
recipient give the same bytes.

Special category detail (the vulnerability register's detail, an entry's special category
fields) is in the pack only where `user` holds `vulnerabilities.view_vulnerability_detail`; the
read is logged (`vulnerabilities.selectors`), as every read of it is. Otherwise the pack says
that the detail was withheld, and its chronology.json carries the fields redacted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household
from doorstep.clocks.explain import show
from doorstep.core.errors import DomainError
from doorstep.deadlines.selectors import Clocks, clocks_of, lens_of
from doorstep.deadlines.words import overdue_amount
from doorstep.documents.models import Document
from doorstep.documents.services import document_open
from doorstep.evidence import pack, pdf
from doorstep.evidence.contents import (
    ChainHead,
    ChronologyRow,
    ClockRow,
    CommitmentRow,
    CompensationRow,
    DocumentRow,
    FindingRow,
    PackContents,
    TopicRow,
    VulnerabilityRow,
)
from doorstep.interchange.models import ExternalRef, RefKind
from doorstep.interchange.selectors import chronology_export_with_cases
from doorstep.residents.models import Household, Person
from doorstep.timeline import kinds
from doorstep.timeline.models import Event, Precision, Stream
from doorstep.timeline.selectors import timeline_entries
from doorstep.timeline.services import stream_key
from doorstep.timeline.when import LONDON, When
from doorstep.vulnerabilities.choices import Category
from doorstep.vulnerabilities.models import Vulnerability
from doorstep.vulnerabilities.selectors import (
    can_see_detail,
    special_category_read,
    vulnerability_details,
)

PRECISION_WORDS = {
    Precision.YEAR: "year only",
    Precision.MONTH: "month only",
    Precision.DAY: "day",
    Precision.TIME: "date and time",
}
NOT_WORKED_OUT = "Not worked out"
NOT_REGISTERED = "Not entered in the register"
NOT_AGAIN = (
    "The evidence pack produced {when} cannot be given again: the record has changed since in "
    "a way the pack would show. Produce a new pack."
)
STANDING = {"below": "below the band", "inside": "within the band", "above": "above the band"}


def _day(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return show(day)


def _when(text: str) -> str:
    """A date of the record at its own precision, as the tables say it: '24 Mar 2022',
    'Mar 2021', '2021', '24 Mar 2022 14:05'."""
    when = When.parse(text)
    local = when.earliest.astimezone(LONDON)
    if when.precision == Precision.YEAR:
        return str(local.year)
    if when.precision == Precision.MONTH:
        return f"{local:%b %Y}"
    if when.precision == Precision.DAY:
        return show(local.date())
    return f"{show(local.date())} {local:%H:%M}"


def _money(value: Any) -> str:
    if value is None:
        return ""
    return f"£{float(value):,.2f}"


def _safe_name(name: str) -> str:
    """A file name safe in any zip tool: letters, digits, dot, dash and underscore."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    return safe[:100] or "file"


# --- the pieces ---------------------------------------------------------------------------------


def _head(*, household: Household | None, case: Case | None, before: Event | None) -> ChainHead:
    key = stream_key(household=household, property=case.property if case else None)
    stream = Stream.objects.filter(key=key).first()
    if stream is None:
        return ChainHead(stream=key, length=0, last_event="", head_hash="0" * 64)
    if before is not None:  # the chain as it stood just before that entry
        last = Event.objects.filter(stream=stream, seq=before.seq - 1).first()
        length, head_hash = before.seq - 1, before.prev_hash
    else:
        last = Event.objects.filter(stream=stream).order_by("-seq").first()
        length, head_hash = stream.length, stream.head_hash
    return ChainHead(
        stream=key, length=length, last_event=str(last.uid) if last else "", head_hash=head_hash
    )


def _events(*, household: Household | None, case: Case | None, before: Event | None) -> list[Event]:
    if case is not None:
        rows = Event.objects.filter(case=case)
    else:
        rows = Event.objects.filter(household=household)
    if before is not None:
        rows = rows.filter(stream=before.stream_id, seq__lt=before.seq)
    return list(
        rows.select_related("case", "supersedes", "actor").order_by("occurred_earliest", "pk")
    )


def _day_of(event: Event) -> dt.date:
    return event.occurred_earliest.astimezone(LONDON).date()


def _names(doc: Mapping[str, Any], events: Iterable[Event]) -> dict[str, str]:
    """Who each `by` names: the people of the export (by the refs its events use), and
    Doorstep's own references."""
    names = {str(p["ref"]): str(p.get("name") or p["ref"]) for p in doc.get("people", ())}
    refs = {e.by for e in events if e.by}
    for person in Person.objects.filter(reference__in=refs):
        names[person.reference] = person.full_name
    names["landlord"] = "The landlord"
    return names


def _doorstep_refs(refs: set[str], events: list[Event]) -> list[str]:
    """The people named in entries (by Doorstep's reference, or by the reference of the file
    the entry was imported from) as Doorstep's references, for the access log."""
    batches = {e.batch for e in events if e.batch is not None}
    imported = ExternalRef.objects.filter(kind=RefKind.PERSON, ref__in=refs, batch__in=batches)
    found = {row.person.reference for row in imported.select_related("person") if row.person}
    return sorted(found | refs)


def _event_ids(events: list[Event]) -> dict[int, str]:
    """Each entry's id as chronology.json gives it: the file's, where it was imported."""
    imported: dict[int, str] = {}
    rows = ExternalRef.objects.filter(kind=RefKind.EVENT, event__in=events).order_by("pk")
    for event_id, ref in rows.values_list("event_id", "ref"):
        if event_id is not None:
            imported.setdefault(event_id, ref)
    return {e.pk: imported.get(e.pk, str(e.uid)) for e in events}


def _chronology(
    contents: PackContents, events: list[Event], names: Mapping[str, str], show_detail: bool
) -> list[Mapping[str, Any]]:
    """The table's rows up to the as-of day; returns the entries whose detail was shown."""
    upto = [e for e in events if _day_of(e) <= contents.as_of]
    contents.later_events = len(events) - len(upto)
    ids = _event_ids(upto)
    shown: list[Mapping[str, Any]] = []
    for entry in timeline_entries(events=upto, show_special_category=show_detail):
        event = entry.event
        precision = Precision(event.occurred_precision)
        imprecise = precision in (Precision.YEAR, Precision.MONTH) or bool(
            (event.data or {}).get("date_bounds")
        )
        sentence = entry.sentence if entry.sentence != entry.label else ""
        contents.chronology.append(
            ChronologyRow(
                when=_when(event.occurred_text),
                precision=PRECISION_WORDS[precision]
                + (", within a window" if (event.data or {}).get("date_bounds") else ""),
                imprecise=imprecise,
                case=event.case.reference if event.case else "",
                label=entry.label,
                sentence=sentence,
                by=names.get(event.by, event.by) if event.by else "",
                recorded_by=event.actor_name,
                event_id=ids[event.pk],
            )
        )
        if entry.special_fields and show_detail:
            shown.append(entry.data)
    return shown


def _clocks(contents: PackContents, found: Clocks) -> None:
    for clock in sorted(found.clocks, key=lambda c: (c.case.reference, c.started or dt.date.min)):
        contents.clocks.append(
            ClockRow(
                case=clock.case.reference,
                name=clock.name,
                subject=clock.subject,
                started=_day(clock.started),
                due=_day(clock.due),
                stopped=_day(clock.stopped),
                status=clock.status,
                late_by=overdue_amount(clock.data) if clock.breached else "",
                imprecise=clock.imprecise,
            )
        )
    for promise in sorted(
        found.commitments, key=lambda c: (c.case.reference, c.made or dt.date.min)
    ):
        contents.commitments.append(
            CommitmentRow(
                case=promise.case.reference,
                action=str(promise.data.get("action") or promise.data.get("commitment") or ""),
                made=_day(promise.made),
                due=_day(promise.due),
                state=promise.state,
                imprecise=bool(promise.data.get("imprecise")),
            )
        )


def _findings(contents: PackContents, found: Clocks) -> None:
    """The Ombudsman lens on the replay: each finding oldest first, then by topic."""
    lens = lens_of(found)
    for finding in lens.findings:
        data = finding.data
        contents.findings.append(
            FindingRow(
                case=finding.case.reference if finding.case is not None else "Household",
                code=finding.code,
                topic=finding.topic.replace("_", " "),
                title=finding.title,
                arose=_day(finding.date),
                resolved=(
                    _day(finding.resolved)
                    if finding.resolved
                    else ("Going on" if finding.ongoing else "A single failure")
                ),
                explanation=finding.explanation,
                rule=str(data.get("rule") or ""),
                severity=finding.severity.replace("_", " "),
                caveats=("Rests on " + ", ".join(finding.rests_on)) if finding.rests_on else "",
            )
        )
    for topic in lens.topics:
        suggestion = topic.suggestion
        high = f"£{suggestion.high:,.0f}" if suggestion.high is not None else "more"
        guidance = f"£{suggestion.low:,.0f} to {high}: {suggestion.guidance}"
        if suggestion.landlord_band:
            guidance += f". The landlord's band: {suggestion.landlord_band.replace('_', ' ')}"
            if suggestion.landlord_low is not None:
                top = suggestion.landlord_high
                guidance += f" (£{suggestion.landlord_low:,.0f} to " + (
                    f"£{top:,.0f})" if top is not None else "more)"
                )
        contents.topics.append(
            TopicRow(
                topic=topic.label,
                findings=f"{topic.count} ({topic.ongoing} ongoing)",
                cases=", ".join(topic.cases),
                period=f"{show(topic.first)} to {show(topic.last)}",
                longest=f"{topic.longest_days} days",
                guidance=guidance,
            )
        )


def _compensation(contents: PackContents, found: Clocks) -> None:
    offers = sorted(found.compensation, key=lambda o: (str(o.data["offered"]), o.case.reference))
    for offer in offers:
        data = offer.data
        parts = []
        for part in data.get("components") or ():
            band = part.get("band")
            if band:
                band_words = f"band {str(band).replace('_', ' ')}"
                if part.get("band_min") is not None:
                    band_words += f" ({_money(part['band_min'])} to {_money(part['band_max'])})"
                if part.get("standing"):
                    band_words += f", {STANDING.get(part['standing'], part['standing'])}"
            else:
                band_words = "no band named"
            parts.append(f"{_money(part.get('amount'))} for {part.get('for') or '-'}; {band_words}")
        paid = data.get("paid") or []
        contents.compensation.append(
            CompensationRow(
                case=offer.case.reference,
                offered=_day(data.get("offered")),
                kind=str(data.get("kind") or "").replace("_", " "),
                amount=_money(data.get("amount")),
                method=str(data.get("method") or "direct").replace("_", " "),
                parts=tuple(parts),
                paid=f"{len(paid)} payment(s) recorded" if paid else "none recorded",
                failures=tuple(
                    f"{f.get('code')}: {f.get('explanation') or ''}" for f in offer.failures
                ),
            )
        )


def _vulnerabilities(
    contents: PackContents,
    household: Household | None,
    disclosed: list[Event],
    names: Mapping[str, str],
    user: Any,
    at: dt.datetime,
) -> None:
    """The register's entries, and each disclosure on the timeline never entered in it (the
    Ombudsman's `vulnerability.not_recorded`)."""
    rows: list[Vulnerability] = []
    if household is not None and contents.detail_shown:
        purpose = f"Evidence pack {contents.reference} for {contents.produced_for}"
        rows = vulnerability_details(household=household, user=user, purpose=purpose, at=at)
    elif household is not None:
        rows = list(
            Vulnerability.objects.filter(household=household)
            .defer("detail")
            .select_related("person")
        )
    registered = set()
    for v in sorted(rows, key=lambda v: (v.person.full_name, v.recorded_on, v.pk)):
        registered.add((v.person.full_name, v.category))
        contents.vulnerabilities.append(
            VulnerabilityRow(
                person=v.person.full_name,
                category=v.get_category_display(),
                disclosed=_when(v.learned_text),
                recorded=_day(v.recorded_on),
                ended=_day(v.ended_on),
                detail=v.detail if contents.detail_shown else None,
            )
        )
    for event in disclosed:
        data = event.data or {}
        person = names.get(str(data.get("person")), str(data.get("person") or ""))
        category = str(data.get("category") or "")
        if (person, category) in registered:
            continue
        label = Category(category).label if category in Category.values else category
        contents.vulnerabilities.append(
            VulnerabilityRow(
                person=person,
                category=str(label),
                disclosed=_when(event.occurred_text),
                recorded=NOT_REGISTERED,
                ended="",
                detail=str(data.get("detail") or "") if contents.detail_shown else None,
            )
        )
    named = {str(e.data["person"]) for e in disclosed if (e.data or {}).get("person")}
    if contents.detail_shown and named:  # a disclosure's detail read: logged as any other
        special_category_read(
            user=user,
            person_references=_doorstep_refs(named, disclosed),
            purpose=f"Evidence pack {contents.reference}",
            at=at,
        )


def _documents(
    contents: PackContents,
    household: Household | None,
    case: Case | None,
    events: list[Event],
    before: Event | None,
) -> None:
    held = Document.objects.filter(case=case) if case is not None else None
    if held is None:
        held = Document.objects.filter(household=household)
    if before is not None:
        held = held.filter(uploaded_at__lt=before.recorded_at)
    by_reference = {}
    for document in held.order_by("reference"):
        name = f"documents/{_safe_name(document.reference)}-{_safe_name(document.original_name)}"
        contents.files[name] = document_open(document=document)
        by_reference[document.reference] = DocumentRow(
            reference=document.reference,
            title=document.title,
            doc_type=document.get_doc_type_display(),
            dated=_day(document.dated or document.uploaded_at.astimezone(LONDON).date()),
            sha256=document.sha256,
            file=name,
        )
    for event in events:
        ref = str((event.data or {}).get("document") or "")
        if event.kind == "document.added" and ref and ref not in by_reference:
            by_reference[ref] = DocumentRow(
                reference=ref,
                title=str(event.data.get("title") or event.summary),
                doc_type=str(event.data.get("type") or "").replace("_", " "),
                dated=_when(event.occurred_text),
                sha256="",
                file="",
            )
    contents.documents = sorted(by_reference.values(), key=lambda d: d.reference)


def _redacted(doc: dict[str, Any]) -> dict[str, Any]:
    """The chronology with each entry's special category fields redacted, as its kind says."""
    events = []
    for event in doc["events"]:
        kind = kinds.get(event["kind"])
        if kind.special_category_fields and isinstance(event.get("data"), Mapping):
            event = {**event, "data": kind.redact(event["data"])}
        events.append(event)
    return {**doc, "events": events}


# --- the pack -----------------------------------------------------------------------------------


def evidence_contents(
    *,
    user: Any,
    as_of: dt.date,
    produced_for: str,
    purpose: str = "",
    at: dt.datetime,
    case: Case | None = None,
    household: Household | None = None,
    before: Event | None = None,
) -> PackContents:
    """What the pack of a case (or a household) says as of `as_of`, for `produced_for`.
    `user` is who produces it (None for a command: no special category detail); `at` dates
    the access log's row where detail is read. With `before` (an entry of the same history),
    the timeline, chain and documents as they stood just before it."""
    if case is not None:
        household = case.household
        cases = [case]
    elif household is not None:
        cases = list(cases_for_household(household=household).select_related("household"))
    else:
        raise ValueError("An evidence pack is of a case or a household.")
    prop = case.property if case is not None else household.property  # type: ignore[union-attr]
    show_detail = can_see_detail(user)
    contents = PackContents(
        landlord=settings.DOORSTEP_LANDLORD_NAME,
        subject="case" if case is not None else "household",
        reference=case.reference if case is not None else household.reference,  # type: ignore[union-attr]
        title=case.title if case is not None else "",
        address=prop.address,
        household=household.reference if household is not None else "",
        as_of=as_of,
        produced_for=produced_for,
        purpose=purpose,
        head=_head(household=household, case=case, before=before),
        detail_shown=show_detail,
    )
    doc, notes, _ = chronology_export_with_cases(
        landlord=settings.DOORSTEP_LANDLORD_NAME,
        household=household if case is None else None,
        case=case,
    )
    contents.chronology_doc = doc if show_detail else _redacted(doc)
    contents.notes.extend(notes)
    events = _events(household=household, case=case, before=before)
    names = _names(doc, events)
    shown = _chronology(contents, events, names, show_detail)
    if shown:
        special_category_read(
            user=user,
            person_references=_doorstep_refs(
                {str(d["person"]) for d in shown if d.get("person")}, events
            ),
            purpose=f"Evidence pack {contents.reference}",
            at=at,
        )
    found = clocks_of(cases, as_of=as_of)  # one export and replay per home, the lens's too
    contents.notes.extend(found.notes)
    _clocks(contents, found)
    _findings(contents, found)
    _compensation(contents, found)
    # Disclosures anywhere in the household's history: a case's pack shows the household's
    # vulnerabilities however they came to light.
    held = events
    if case is not None and household is not None:
        held = _events(household=household, case=None, before=before)
    disclosed = [e for e in held if e.kind == "vulnerability.disclosed" and _day_of(e) <= as_of]
    _vulnerabilities(contents, household, disclosed, names, user, at)
    _documents(contents, household, case, events, before)
    return contents


def evidence_pack(
    *,
    user: Any,
    as_of: dt.date,
    produced_for: str,
    purpose: str = "",
    at: dt.datetime,
    case: Case | None = None,
    household: Household | None = None,
    before: Event | None = None,
) -> bytes:
    """The evidence pack's zip: the PDF, the chronology, the documents and the manifest. The
    same record, date, recipient and purpose give the same bytes."""
    contents = evidence_contents(
        user=user,
        as_of=as_of,
        produced_for=produced_for,
        purpose=purpose,
        at=at,
        case=case,
        household=household,
        before=before,
    )
    return pack.build_zip(contents, pdf.render(contents))


def evidence_pack_again(*, event: Event, user: Any, at: dt.datetime) -> bytes:
    """The pack an `evidence.produced` entry records, built again from the record as it stood
    just before the entry: the same bytes, or `DomainError` where the record has changed
    since in a way the pack would show (a retry then needs a new pack, never a guess)."""
    data = event.data or {}
    case = event.case if event.case is not None and event.case.reference == data.get("of") else None
    again = evidence_pack(
        user=user,
        as_of=dt.date.fromisoformat(str(data["as_of"])),
        produced_for=str(data["to"]),
        purpose=str(data.get("purpose") or ""),
        at=at,
        case=case,
        household=None if case is not None else event.household,
        before=event,
    )
    if hashlib.sha256(again).hexdigest() != data.get("sha256"):
        raise DomainError(NOT_AGAIN.format(when=_when(event.occurred_text)), code="conflict")
    return again


def pack_name(*, reference: str, as_of: dt.date) -> str:
    """The zip's file name: `<ref>-evidence-<as_of>.zip`."""
    return f"{_safe_name(reference)}-evidence-{as_of.isoformat()}.zip"
