"""Reporting repairs, raising jobs, and loading the landlord's Schedule of Rates.

Each service checks its preconditions (a `DomainError` with one of the constant messages
below), appends its events, updates the projections (`Job`) in the same transaction, and
returns what it made. Time comes in as `at`: an import or a test passes the dates of the record.
The targets come from the clocks engine (`repairs.clocks`), never counted here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import Truncator

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import case_open, record_on_case
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.properties.choices import PropertyKind
from doorstep.properties.models import Property
from doorstep.properties.selectors import property_ancestors
from doorstep.repairs.choices import Priority, Purpose, Trade
from doorstep.repairs.clocks import REPORT, target_from
from doorstep.repairs.models import Job, JobItem, SorCode, SorSchedule
from doorstep.repairs.projections import job_status
from doorstep.repairs.selectors import Reported, sor_schedule_in_force
from doorstep.repairs.sor import RowProblem, parse_sor_csv
from doorstep.residents.models import Household
from doorstep.staff.models import Contractor, User
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import LONDON, When

JOB_PREFIX = "JOB"
LOCATION_LIMIT = 200
DESCRIPTION_LIMIT = 5000

NO_PLACE = "Say which household, or which block or estate, the repair is for."
NO_LOCATION = "Say where the repair is needed, like 'bathroom ceiling' or 'communal front door'."
NO_DESCRIPTION = "Describe the repair: what is wrong."
LOCATION_TOO_LONG = "Keep the location to 200 characters; put the rest in the description."
DESCRIPTION_TOO_LONG = "Keep the description to 5,000 characters."
BAD_PRIORITY = "Choose the priority: emergency, urgent, routine or planned."
NOT_IN_A_BUILDING = (
    "{address} is not in a block or estate on the record, so it has no communal parts: report "
    "the repair for the home, or for the building it is in."
)
NOT_A_BUILDING = (
    "A communal repair is for a block, an estate or a communal area; {address} is a {kind}."
)
NOT_THE_HOUSEHOLDS_BUILDING = "{address} is not a building the household's home is in."
HOME_NEEDS_HOUSEHOLD = (
    "A repair to a home is reported for the household that lives there; for a block or estate, "
    "report it as communal."
)
NOT_THE_HOME = (
    "A repair to the home is for {home}, the household's home; for the building it is in, "
    "report it as communal."
)
NOT_A_REPAIR_CASE = "Works are raised on a repair or hazard case; {reference} is a {kind} case."
CASE_CLOSED = "Case {reference} is closed: reopen it before raising works."
NO_ITEMS = "Add at least one item: what is to be done."
ITEM_NO_DESCRIPTION = "Item {n}: describe the work to be done."
ITEM_BAD_QUANTITY = "Item {n}: the quantity must be more than 0."
BAD_TRADE = "Choose the trade from the list."
BAD_PURPOSE = "Choose whether the works are a repair, safety work or further work."
BAD_ESTIMATE = "Give the estimated time in whole minutes, more than 0."
TARGET_BEFORE_REPORT = (
    "The target date, {target}, is before the repair was reported on {reported}: a job cannot "
    "be due before the repair it is for was reported."
)
UNKNOWN_SOR_CODE = (
    "{code!r} is not a code in the Schedule of Rates in force (loaded {when} from {name})."
)
NO_SOR_SCHEDULE = (
    "{code!r} cannot be checked: no Schedule of Rates has been loaded. Load the landlord's "
    "with `doorstep sor FILE`, or leave the code out."
)
NOT_UTF8 = "The file is not UTF-8 text: save it from the spreadsheet as 'CSV UTF-8'."
SOR_REFUSED = (
    "The Schedule of Rates was not loaded: {count} problem{s} in the file, so nothing was "
    "loaded. The first: {first}."
)
SOR_ALREADY_LOADED = (
    "This file is already the Schedule of Rates in force (loaded {when} from {name}): nothing "
    "was loaded."
)
SOR_TOO_BIG = "The file is larger than 10 MB: a Schedule of Rates is a few thousand rows."
SOR_LIMIT = 10 * 1024 * 1024


# --- reporting a repair ----------------------------------------------------------------------


def _building_of(household: Household, chosen: Property | None) -> Property:
    """The building a communal repair reported from a household is for: the one named, which
    must be one the home is in, else the nearest block or estate the home is in."""
    buildings = property_ancestors(property=household.property)
    if chosen is not None:
        if chosen.pk not in {b.pk for b in buildings}:
            raise DomainError(
                NOT_THE_HOUSEHOLDS_BUILDING.format(address=chosen.address), field="property"
            )
        return chosen
    for building in buildings:
        if building.kind in (PropertyKind.BLOCK, PropertyKind.ESTATE):
            return building
    raise DomainError(
        NOT_IN_A_BUILDING.format(address=household.property.address), field="communal"
    )


def _place(
    household: Household | None, prop: Property | None, communal: bool
) -> tuple[Household | None, Property]:
    """Whose record the repair goes on: the household's home, or (communal) the building."""
    if household is None and prop is None:
        raise DomainError(NO_PLACE, field="household")
    if communal:
        building = prop if household is None else _building_of(household, prop)
        if building is None:
            raise DomainError(NO_PLACE, field="property")
        if building.kind not in (
            PropertyKind.BLOCK,
            PropertyKind.ESTATE,
            PropertyKind.COMMUNAL_AREA,
        ):
            kind = building.get_kind_display().lower()
            raise DomainError(
                NOT_A_BUILDING.format(address=building.address, kind=kind), field="property"
            )
        return None, building
    if household is None:
        raise DomainError(HOME_NEEDS_HOUSEHOLD, field="household")
    if prop is not None and prop.pk != household.property_id:
        raise DomainError(NOT_THE_HOME.format(home=household.property.address), field="property")
    return household, household.property


def _words(location: str, description: str, priority: str) -> tuple[str, str]:
    location, description = location.strip(), description.strip()
    if not location:
        raise DomainError(NO_LOCATION, field="location")
    if len(location) > LOCATION_LIMIT:
        raise DomainError(LOCATION_TOO_LONG, field="location")
    if not description:
        raise DomainError(NO_DESCRIPTION, field="description")
    if len(description) > DESCRIPTION_LIMIT:
        raise DomainError(DESCRIPTION_TOO_LONG, field="description")
    if priority not in Priority.values:
        raise DomainError(BAD_PRIORITY, field="priority")
    return location, description


@transaction.atomic
def repair_report(
    *,
    actor: Model | None,
    household: Household | None = None,
    property: Property | None = None,
    location: str,
    description: str,
    priority: str,
    communal: bool = False,
    security: bool = False,
    occurred: When,
    at: dt.datetime,
    from_contact: Event | None = None,
    element: str = "",
    channel: str = Channel.INTERNAL,
) -> Reported:
    """Report a repair: open a repair case and write `repair.reported` on it.

    A repair to a home is on its household's record. A communal repair (`communal=True`) is
    the building's: its case has no household, belongs to the block or estate (the one named,
    or the nearest the household's home is in) and shows on every household inside it.
    `security=True` says the fault leaves a home or block insecure: the target is then the
    communal security make-safe hours. `from_contact` is the contact the report came in, kept
    as the case's origin. The target is the clocks engine's, from the policy in force on the
    day the repair was reported (`occurred`), shortened for a household in which a
    vulnerability was disclosed before it where the landlord's policy sets a shorter target.
    """
    location, description = _words(location, description, priority)
    home, place = _place(household, property, communal)
    title = Truncator(f"{location}: {description}").chars(120)
    if from_contact is not None:
        channel = from_contact.channel
    case = case_open(
        actor=actor,
        case_type=CaseType.REPAIR,
        title=title[:1].upper() + title[1:],
        household=home,
        property=place,
        at=at,
        from_event=from_contact,
        occurred=occurred,
        channel=channel,
    )
    data: dict[str, Any] = {
        "priority": priority,
        "location": location,
        "description": description,
        "communal": communal,
        "security": security,
    }
    if element.strip():
        data["element"] = element.strip()
    event = record_on_case(
        case=case,
        kind="repair.reported",
        data=data,
        actor=actor,
        at=at,
        occurred=occurred,
        channel=channel,
        summary=f"{Priority(priority).label} repair reported: {title}",
    )
    return Reported(case, event, target_from(start=event, ref=REPORT, household=home))


# --- raising a job ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemIn:
    """One item of a job as asked for: what, to which element, priced by which code, how many."""

    description: str
    element: str = ""
    sor_code: str = ""
    quantity: Decimal = Decimal(1)


def _check_case(case: Case) -> None:
    if case.case_type not in (CaseType.REPAIR, CaseType.HAZARD):
        kind = case.get_case_type_display().lower()
        raise DomainError(
            NOT_A_REPAIR_CASE.format(reference=case.reference, kind=kind), field="case"
        )
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")


def _check_order(priority: str, trade: str, purpose: str, estimated_minutes: int | None) -> None:
    if priority not in Priority.values:
        raise DomainError(BAD_PRIORITY, field="priority")
    if trade not in Trade.values:
        raise DomainError(BAD_TRADE, field="trade")
    if purpose not in Purpose.values:
        raise DomainError(BAD_PURPOSE, field="purpose")
    if estimated_minutes is not None and estimated_minutes < 1:
        raise DomainError(BAD_ESTIMATE, field="estimated_minutes")


def _check_target(case: Case, target: dt.date | None) -> None:
    """A job cannot be due before the repair it is for was reported."""
    if target is None:
        return
    report = case.events.filter(kind="repair.reported").order_by("occurred_earliest").first()
    if report is None:
        return
    reported = When.parse(report.occurred_text)
    if target < reported.earliest_date:
        raise DomainError(
            TARGET_BEFORE_REPORT.format(
                target=When.on(target).display(), reported=reported.display()
            ),
            field="target",
        )


def _codes(items: Sequence[ItemIn], at: dt.datetime) -> dict[str, SorCode]:
    """The Schedule of Rates codes the items name, from the schedule in force at `at`."""
    wanted = {i.sor_code.strip() for i in items if i.sor_code.strip()}
    if not wanted:
        return {}
    schedule = sor_schedule_in_force(at=at)
    found = (
        {c.code.upper(): c for c in SorCode.objects.filter(schedule=schedule)}
        if schedule is not None
        else {}
    )
    for n, item in enumerate(items):
        code = item.sor_code.strip()
        if code and code.upper() not in found:
            field = f"items.{n}.sor_code"
            if schedule is None:
                raise DomainError(NO_SOR_SCHEDULE.format(code=code), field=field)
            when, name = _day(schedule.loaded_at), schedule.source_name
            raise DomainError(UNKNOWN_SOR_CODE.format(code=code, when=when, name=name), field=field)
    return {code: found[code.upper()] for code in wanted}


def _day(moment: dt.datetime) -> str:
    return When.on(moment.astimezone(LONDON).date()).display()


def _check_items(items: Sequence[ItemIn]) -> None:
    if not items:
        raise DomainError(NO_ITEMS, field="items")
    for n, item in enumerate(items):
        if not item.description.strip():
            raise DomainError(ITEM_NO_DESCRIPTION.format(n=n + 1), field=f"items.{n}.description")
        if item.quantity <= 0:
            raise DomainError(ITEM_BAD_QUANTITY.format(n=n + 1), field=f"items.{n}.quantity")


def _item_data(item_id: str, item: ItemIn, code: SorCode | None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item_id, "description": item.description.strip()}
    if item.element.strip():
        data["element"] = item.element.strip()
    if code is not None:
        data["sor_code"] = code.code
    data["quantity"] = format(item.quantity.normalize(), "f")
    return data


@transaction.atomic
def job_raise(
    *,
    actor: Model | None,
    case: Case,
    items: Sequence[ItemIn],
    priority: str,
    trade: str,
    contractor: Contractor | None,
    estimated_minutes: int | None,
    target: dt.date | None,
    purpose: str = Purpose.REPAIR,
    at: dt.datetime,
) -> Job:
    """Raise a job (a work order) on a repair or hazard case: write `works.raised` and the
    `Job` with its items.

    `target` is the order's own target date; without one the priority's target from the
    landlord's policy in force today applies (shorter for a vulnerable household where the
    policy says so). A target before the repair was reported is refused, and so is a Schedule
    of Rates code that the schedule in force does not hold, naming it. `contractor` None: the
    landlord's own operatives.
    """
    _check_case(case)
    _check_order(priority, trade, purpose, estimated_minutes)
    _check_items(items)
    _check_target(case, target)
    codes = _codes(items, at)
    reference = next_reference(JOB_PREFIX, at.astimezone(LONDON).year)
    item_data = [
        _item_data(str(n + 1), item, codes.get(item.sor_code.strip()))
        for n, item in enumerate(items)
    ]
    event = record_on_case(
        case=case,
        kind="works.raised",
        data={
            "job": reference,
            "items": item_data,
            "priority": priority,
            "target": target.isoformat() if target else None,
            "purpose": purpose,
            "trade": trade,
            "contractor": contractor.name if contractor else None,
            "estimated_minutes": estimated_minutes,
        },
        actor=actor,
        at=at,
        summary=f"Job {reference} raised: {Trade(trade).label}, {Priority(priority).label.lower()}",
    )
    due = target_from(start=event, ref=reference, household=case.household)
    if due is None:  # only where there is no priority, which the checks above refuse
        raise DomainError(BAD_PRIORITY, field="priority")
    job = Job.objects.create(
        reference=reference,
        case=case,
        property=case.property,
        priority=priority,
        trade=trade,
        purpose=purpose,
        contractor=contractor,
        estimated_minutes=estimated_minutes,
        ordered_target=target,
        target=due.due,
        target_at=due.due_at,
        target_rule=f"{due.rule}. Source: {due.source}"[:500],
        raised_at=at,
        raised_by_name=event.actor_name,
    )
    JobItem.objects.bulk_create(
        JobItem(
            job=job,
            item_id=str(n + 1),
            description=item.description.strip(),
            element=item.element.strip(),
            sor_code=codes.get(item.sor_code.strip()),
            quantity=item.quantity,
        )
        for n, item in enumerate(items)
    )
    return job


def job_project(job: Job) -> Job:
    """Recompute the job's status from the events on its case that name it."""
    events = job.case.events.filter(
        kind__in=["works.completed", "works.verified"], data__job=job.reference
    ).order_by("occurred_earliest", "id")
    status = job_status((e.kind, e.data) for e in events)
    if status != job.status:
        job.status = status
        job.save(update_fields=["status"])
    return job


def jobs_rebuild() -> int:
    """Recompute every job's status from the timeline. Returns how many changed."""
    changed = 0
    for job in Job.objects.select_related("case").iterator():
        before = job.status
        changed += job_project(job).status != before
    return changed


# --- the Schedule of Rates -------------------------------------------------------------------


class SorRefused(DomainError):
    """A Schedule of Rates file refused whole: `problems` names each row, column and reason."""

    def __init__(self, problems: list[RowProblem]) -> None:
        s = "" if len(problems) == 1 else "s"
        message = SOR_REFUSED.format(count=len(problems), s=s, first=problems[0])
        super().__init__(message, field="file", code="invalid")
        self.problems = problems


def _read(file: IO[bytes] | IO[str]) -> tuple[str, str]:
    """The file's text and its SHA-256."""
    raw = file.read(SOR_LIMIT + 1)
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > SOR_LIMIT:
        raise DomainError(SOR_TOO_BIG, field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(NOT_UTF8, field="file") from None
    return text, hashlib.sha256(data).hexdigest()


@transaction.atomic
def sor_load_csv(
    *, actor: User | None, file: IO[bytes] | IO[str], at: dt.datetime, source_name: str = ""
) -> SorSchedule:
    """Load a landlord's Schedule of Rates from CSV as the schedule in force from `at` (ADR 9).

    The whole file or nothing: every problem (row, column, reason) is reported in one
    `SorRefused`, and nothing is loaded. The same file as the schedule in force is refused.
    """
    text, sha256 = _read(file)
    rows, problems = parse_sor_csv(text)
    if problems:
        raise SorRefused(problems)
    name = source_name or str(getattr(file, "name", "") or "schedule.csv")
    current = sor_schedule_in_force(at=at)
    if current is not None and current.sha256 == sha256:
        when = _day(current.loaded_at)
        raise DomainError(
            SOR_ALREADY_LOADED.format(when=when, name=current.source_name), field="file"
        )
    schedule = SorSchedule.objects.create(
        source_name=name[-200:],
        sha256=sha256,
        loaded_at=at,
        loaded_by=actor,
        loaded_by_name=actor_name_of(actor),
        code_count=len(rows),
    )
    SorCode.objects.bulk_create(
        SorCode(
            schedule=schedule,
            code=row.code,
            description=row.description,
            trade=row.trade,
            unit=row.unit,
            rate=row.rate,
        )
        for row in rows
    )
    return schedule
