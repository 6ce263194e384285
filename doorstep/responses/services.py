"""Drafting and sending complaint responses (Complaint Handling Code 2024, sections 5 and 6).

A draft is a working document (`ResponseDraft`), saved as often as wanted. Sending is the
record: `response_send` checks the response says what the Code requires (the complaint as
understood, the decision and reasons on each point, the outcome, the remedy, dated
commitments, how to escalate or go to the Ombudsman) and that there is a stage open to
answer, renders the letter, keeps it as a `Document`, writes `complaint.response` on the
case, sends it through the notifier (or records it posted), and brings the promise ledger
into line, all in one transaction. Each refusal is one of the constant messages below.

The complaint's state is read from the case's timeline (`selectors.complaint_stages`), never
from another app's projection. Time comes in as `at`; nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.template.loader import render_to_string

from doorstep.appointments.services import message_send
from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.cases.services import record_on_case
from doorstep.commitments.models import Commitment
from doorstep.commitments.projections import commitments_project
from doorstep.commitments.services import PREFIX as COMMITMENT_PREFIX
from doorstep.complaints.projections import complaint_project
from doorstep.core.errors import DomainError
from doorstep.core.references import next_reference
from doorstep.documents.choices import DocumentType
from doorstep.documents.services import document_add
from doorstep.responses.choices import STAGES, ResponseDecision, escalation_wording
from doorstep.responses.models import ResponseDraft
from doorstep.responses.selectors import Stages, complaint_stages
from doorstep.timeline.actors import actor_name_of
from doorstep.timeline.models import Channel, Event
from doorstep.timeline.when import LONDON, When

TEXT_LIMIT = 20000

NOT_A_COMPLAINT = "Responses are drafted on a complaint case; {reference} is a {kind} case."
CASE_CLOSED = "Case {reference} is closed: reopen it before responding."
BAD_STAGE = "A complaint has two stages: choose stage 1 or stage 2."
NO_STAGE_OPEN = (
    "There is no complaint received on {reference} to answer at stage 1: record the complaint "
    "first."
)
STAGE2_BEFORE_ESCALATION = (
    "Stage 2 answers an escalation, and the complaint on {reference} has not been escalated: "
    "record the resident's request to escalate first."
)
STAGE_REFUSED = "Stage {stage} of this complaint was refused on {day}: there is nothing to answer."
ALREADY_ANSWERED = (
    "The stage {stage} response was already sent on {day}. A correction is a new entry on the "
    "timeline, not a second response."
)
NO_DRAFT = "There is no draft of the stage {stage} response to send: write it first."
TOO_LONG = "Keep it to 20,000 characters."
NO_UNDERSTOOD = (
    "Say what the complaint is, as you understood it: the Code asks the response to define it."
)
NO_POINTS = "List each point the resident raised, with the decision on it and the reasons."
POINT_NO_TEXT = "Point {n}: say what the resident raised."
POINT_NO_DECISION = "Point {n} ({point}): give the decision: upheld, partly upheld or not upheld."
POINT_NO_REASONS = "Point {n} ({point}): give the reasons for the decision."
NO_OUTCOME = "Give the overall outcome: upheld, partly upheld or not upheld."
NO_REMEDY = (
    "The complaint is upheld in whole or in part: say what will be put right (the remedy, and "
    "any compensation offered)."
)
COMMITMENT_NO_ACTION = "Commitment {n}: say what will be done."
COMMITMENT_NO_DUE = "Commitment {n} ({action}): give the date it will be done by."
COMMITMENT_BAD_DUE = "Commitment {n}: give the due date as a day, month and year (or a month)."
COMMITMENT_DUE_PAST = (
    "Commitment {n} ({action}): its due date, {due}, is in the past: promise a date from today on."
)
ITEMS_WITHOUT_JOB = "Commitment {n}: name the job the items belong to, or leave the items out."
CLAIM_EMPTY = "Claim {n}: say what is said to be done: a commitment, a job or an action."
UNKNOWN_COMMITMENT = "Claim {n}: there is no commitment {ref} on this household's record."
NO_ESCALATION = (
    "Tell the resident how to escalate the complaint to stage 2 if they are not satisfied: "
    "every stage 1 response must say so."
)
NO_OMBUDSMAN = (
    "Tell the resident how and when they can refer the complaint to the Housing Ombudsman, "
    "with the Ombudsman's details: every stage 2 response must say so."
)
NO_RECIPIENT = (
    "Say how the response goes to the resident: an email address or mobile number to send it "
    "to, or that it is posted."
)
BAD_RECIPIENT = "Give an email address (with an @) or a mobile number to send the response to."


# --- reading the draft's input ---------------------------------------------------------------


def _text(value: Any, field: str) -> str:
    text = (value.text if isinstance(value, When) else str(value or "")).strip()
    if len(text) > TEXT_LIMIT:
        raise DomainError(TOO_LONG, field=field)
    return text


def _items(value: Any) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    return [str(i).strip() for i in value or () if str(i).strip()]


def _rows(rows: Iterable[Mapping[str, Any]], names: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each row with its fields stripped; a row left wholly blank is dropped."""
    out = []
    for row in rows:
        clean: dict[str, Any] = {
            n: _items(row.get(n)) if n == "items" else _text(row.get(n), n) for n in names
        }
        if any(clean.values()):
            out.append(clean)
    return out


def _due_text(value: Any, n: int) -> str:
    if isinstance(value, When):
        return value.text
    text = str(value or "").strip()
    if text:
        try:
            When.parse(text)
        except ValueError:
            raise DomainError(COMMITMENT_BAD_DUE.format(n=n), field="commitments") from None
    return text


# --- where the complaint stands --------------------------------------------------------------


def _day(event: Event) -> str:
    """The event's day (or month or year, as precise as the record is), without a time."""
    when = When.parse(event.occurred_text)
    timed = len(event.occurred_text) > 10
    return When.on(when.earliest_date).display() if timed else when.display()


def _answerable(case: Case, stage: int) -> Stages:
    """The stage can be answered now: a complaint case, open, with that stage received (or
    escalated) and neither refused nor answered."""
    if case.case_type != CaseType.COMPLAINT:
        kind = CaseType(case.case_type).label.lower()
        raise DomainError(NOT_A_COMPLAINT.format(reference=case.reference, kind=kind), field="case")
    if stage not in STAGES:
        raise DomainError(BAD_STAGE, field="stage")
    if case.status == CaseStatus.CLOSED:
        raise DomainError(CASE_CLOSED.format(reference=case.reference), field="case")
    stages = complaint_stages(case=case)
    answered = stages.responses.get(stage)
    if answered is not None:
        raise DomainError(ALREADY_ANSWERED.format(stage=stage, day=_day(answered)), field="stage")
    if stage == 1 and stages.received is None:
        raise DomainError(NO_STAGE_OPEN.format(reference=case.reference), field="stage")
    if stage == 2 and stages.escalated is None:
        raise DomainError(STAGE2_BEFORE_ESCALATION.format(reference=case.reference), field="stage")
    refused = stages.refused.get(stage)
    if refused is not None:
        raise DomainError(STAGE_REFUSED.format(stage=stage, day=_day(refused)), field="stage")
    return stages


# --- drafting --------------------------------------------------------------------------------


@transaction.atomic
def response_draft_save(
    *,
    actor: Model | None,
    case: Case,
    stage: int,
    at: dt.datetime,
    understood: str = "",
    points: Iterable[Mapping[str, Any]] = (),
    outcome: str = "",
    remedy: str = "",
    commitments: Iterable[Mapping[str, Any]] = (),
    claims_done: Iterable[Mapping[str, Any]] = (),
    outstanding: str = "",
    escalation: str | None = None,
    send_to: str = "",
    posted: bool = False,
) -> ResponseDraft:
    """Start or update the draft of the stage's response: a working document, not the record
    (nothing is written on the timeline). Refused only where the stage cannot be answered;
    what the response must say is checked when it is sent. `escalation` None keeps the
    draft's wording, or starts it with the standard wording for the stage."""
    _answerable(case, stage)
    listed = _rows(commitments, ("action", "due", "job", "items"))
    for n, row in enumerate(listed, start=1):
        row["due"] = _due_text(row["due"], n)
    if outcome and outcome not in ResponseDecision.values:
        raise DomainError(NO_OUTCOME, field="outcome")
    draft = ResponseDraft.objects.select_for_update().filter(case=case, stage=stage).first()
    if draft is None:
        draft = ResponseDraft(case=case, stage=stage, created_at=at)
        draft.escalation = escalation_wording(stage)
    draft.understood = _text(understood, "understood")
    draft.points = _rows(points, ("point", "decision", "reasons"))
    draft.outcome = outcome
    draft.remedy = _text(remedy, "remedy")
    draft.commitments = listed
    draft.claims_done = _rows(claims_done, ("commitment", "job", "items", "action"))
    draft.outstanding = _text(outstanding, "outstanding")
    if escalation is not None:
        draft.escalation = _text(escalation, "escalation")
    draft.send_to = send_to.strip()
    draft.posted = posted
    draft.author = actor  # type: ignore[assignment]
    draft.author_name = actor_name_of(actor)
    draft.updated_at = at
    draft.save()
    return draft


# --- what a response must say ----------------------------------------------------------------


def _check_points(points: list[dict[str, Any]]) -> None:
    if not points:
        raise DomainError(NO_POINTS, field="points")
    for n, point in enumerate(points, start=1):
        said = point.get("point") or ""
        if not said:
            raise DomainError(POINT_NO_TEXT.format(n=n), field="points")
        if point.get("decision") not in ResponseDecision.values:
            raise DomainError(POINT_NO_DECISION.format(n=n, point=said), field="points")
        if not point.get("reasons"):
            raise DomainError(POINT_NO_REASONS.format(n=n, point=said), field="points")


def _check_commitments(commitments: list[dict[str, Any]], at: dt.datetime) -> None:
    today = at.astimezone(LONDON).date()
    for n, row in enumerate(commitments, start=1):
        action = row.get("action") or ""
        if not action:
            raise DomainError(COMMITMENT_NO_ACTION.format(n=n), field="commitments")
        if not row.get("due"):
            raise DomainError(COMMITMENT_NO_DUE.format(n=n, action=action), field="commitments")
        due = When.parse(row["due"])
        if due.latest_date < today:
            raise DomainError(
                COMMITMENT_DUE_PAST.format(n=n, action=action, due=due.display()),
                field="commitments",
            )
        if row.get("items") and not row.get("job"):
            raise DomainError(ITEMS_WITHOUT_JOB.format(n=n), field="commitments")


def _check_claims(claims: list[dict[str, Any]], case: Case) -> None:
    for n, claim in enumerate(claims, start=1):
        if not (claim.get("commitment") or claim.get("job") or claim.get("action")):
            raise DomainError(CLAIM_EMPTY.format(n=n), field="claims_done")
        ref = claim.get("commitment")
        if ref and not Commitment.objects.filter(ref=ref, household=case.household).exists():
            raise DomainError(UNKNOWN_COMMITMENT.format(n=n, ref=ref), field="claims_done")


def _check_complete(draft: ResponseDraft, at: dt.datetime) -> None:
    if not draft.understood:
        raise DomainError(NO_UNDERSTOOD, field="understood")
    _check_points(draft.points)
    if draft.outcome not in ResponseDecision.values:
        raise DomainError(NO_OUTCOME, field="outcome")
    if draft.outcome != ResponseDecision.NOT_UPHELD and not draft.remedy:
        raise DomainError(NO_REMEDY, field="remedy")
    _check_commitments(draft.commitments, at)
    _check_claims(draft.claims_done, draft.case)
    if draft.stage == 1 and not draft.escalation:
        raise DomainError(NO_ESCALATION, field="escalation")
    if draft.stage == 2 and "ombudsman" not in draft.escalation.lower():
        raise DomainError(NO_OMBUDSMAN, field="escalation")
    if draft.send_to:
        digits = sum(c.isdigit() for c in draft.send_to)
        if "@" not in draft.send_to and digits < 10:
            raise DomainError(BAD_RECIPIENT, field="send_to")
    elif not draft.posted:
        raise DomainError(NO_RECIPIENT, field="send_to")


# --- sending ---------------------------------------------------------------------------------


def _claim(row: Mapping[str, Any]) -> dict[str, Any]:
    """A claim as the format gives it: only the members it names."""
    claim: dict[str, Any] = {}
    if row.get("commitment"):
        claim["commitment"] = row["commitment"]
    if row.get("job"):
        claim |= {"job": row["job"], "items": list(row.get("items") or [])}
    if row.get("action"):
        claim["action"] = row["action"]
    return claim


def _letter(
    draft: ResponseDraft, commitments: list[dict[str, Any]], at: dt.datetime, author: Any
) -> str:
    case = draft.case
    members = case.household.members.select_related("person") if case.household else []
    context = {
        "case": case,
        "draft": draft,
        "date": When.on(at.astimezone(LONDON).date()).display(),
        "names": [m.person.full_name for m in members if m.left_on is None],
        "address": case.property.address,
        "points": [{**p, "decision_label": _label(p.get("decision"))} for p in draft.points],
        "outcome": _label(draft.outcome),
        "commitments": [{**c, "due_display": When.parse(c["due"]).display()} for c in commitments],
        "claims": draft.claims_done,
        "author": actor_name_of(author),
    }
    return render_to_string("responses/letter.txt", context).strip() + "\n"


def _label(value: Any) -> str:
    return (
        str(ResponseDecision(value).label)
        if value in ResponseDecision.values
        else "(no decision yet)"
    )


def response_preview(*, draft: ResponseDraft, at: dt.datetime) -> str:
    """The letter as it would be sent now, from the draft as it stands (commitments are
    numbered only when sent; a due date not yet valid is left out)."""
    dated = [{**c, "commitment": ""} for c in draft.commitments if _parses(c.get("due") or "")]
    return _letter(draft, dated, at, draft.author)


def _parses(text: str) -> bool:
    try:
        When.parse(text)
    except ValueError:
        return False
    return True


def response_problem(*, case: Case, stage: int, at: dt.datetime) -> DomainError | None:
    """Why the stage's drafted response could not be sent now (the refusal `response_send`
    would give), or None: the preview says it before anyone presses send. Writes nothing."""
    try:
        _answerable(case, stage)
        draft = ResponseDraft.objects.filter(case=case, stage=stage).first()
        if draft is None:
            raise DomainError(NO_DRAFT.format(stage=stage), field="stage")
        _check_complete(draft, at)
    except DomainError as error:
        return error
    return None


@transaction.atomic
def response_send(*, actor: Model | None, case: Case, stage: int, at: dt.datetime) -> Event:
    """Send the stage's drafted response: the letter kept as a document, `complaint.response`
    on the case (each commitment numbered as the ledger's promises are), the message through
    the notifier (or a record that it was posted), and the promise ledger brought into line.
    Returns the `complaint.response` event."""
    # The draft's row is locked first, so two sends of one response cannot both pass the
    # check that the stage is still unanswered.
    draft = ResponseDraft.objects.select_for_update().filter(case=case, stage=stage).first()
    _answerable(case, stage)
    if draft is None:
        raise DomainError(NO_DRAFT.format(stage=stage), field="stage")
    _check_complete(draft, at)
    commitments = [
        {
            "commitment": next_reference(COMMITMENT_PREFIX, at.year),
            "action": c["action"],
            "due": c["due"],
            "job": c.get("job") or None,
            "items": list(c.get("items") or []),
        }
        for c in draft.commitments
    ]
    text = _letter(draft, commitments, at, actor)
    document = document_add(
        actor=actor,
        content=text.encode("utf-8"),
        original_name=f"{case.reference}-stage-{stage}-response.txt",
        doc_type=DocumentType.LETTER,
        title=f"Stage {stage} complaint response",
        case=case,
        at=at,
        dated=at.astimezone(LONDON).date(),
        about={"response_stage": str(stage)},
    )
    data: dict[str, Any] = {
        "stage": stage,
        "outcome": draft.outcome,
        "text": text,
        "commitments": commitments,
        "claims_done": [_claim(c) for c in draft.claims_done],
        "understood": draft.understood,
        "points": draft.points,
        "remedy": draft.remedy or None,
        "outstanding": draft.outstanding or None,
        "escalation": draft.escalation,
        "document": document.reference,
    }
    if draft.send_to:
        data["sent_to"] = draft.send_to
    else:
        data["posted"] = True
    outcome = ResponseDecision(draft.outcome).label.lower()
    event = record_on_case(
        case=case,
        kind="complaint.response",
        data=data,
        actor=actor,
        at=at,
        channel=Channel.EMAIL if "@" in draft.send_to else Channel.LETTER,
        summary=f"Stage {stage} response sent: {outcome}; letter {document.reference}",
    )
    _deliver(actor, draft, text, document.reference, event, at)
    commitments_project(stream=event.stream)
    complaint_project(case)
    draft.sent_event = event
    draft.save(update_fields=["sent_event"])
    return event


def _deliver(
    actor: Model | None,
    draft: ResponseDraft,
    text: str,
    document: str,
    event: Event,
    at: dt.datetime,
) -> Event:
    """Send the letter through the notifier, or record that it was posted (`contact.out`)."""
    case = draft.case
    subject = f"Your complaint {case.reference}: our stage {draft.stage} response"
    if draft.send_to:
        return message_send(
            actor=actor,
            case=case,
            to=draft.send_to,
            subject=subject,
            text=text,
            at=at,
            about=document,
            also={"document": document, "response": str(event.uid)},
        )
    return record_on_case(
        case=case,
        kind="contact.out",
        data={"to": case.property.address, "text": text, "posted": True, "document": document},
        actor=actor,
        at=at,
        channel=Channel.LETTER,
        summary=f"Stage {draft.stage} response posted to {case.property.address} ({document})",
    )
