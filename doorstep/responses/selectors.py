"""Reading complaint responses: where a complaint's stages stand (read from the case's
timeline, not from any complaint projection), the responses sent, the drafts in progress, and
the stage 1 response beside a stage 2 draft with where each of its promises stands now.

Where a promise stands comes from the promise ledger as of the date asked
(`commitments.selectors.case_commitments`), never from a rule repeated here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from doorstep.cases.models import Case
from doorstep.commitments.choices import Standing
from doorstep.commitments.selectors import CommitmentAsOf, case_commitments
from doorstep.documents.models import Document
from doorstep.responses.choices import ResponseDecision
from doorstep.responses.models import ResponseDraft
from doorstep.timeline.models import Event
from doorstep.timeline.when import When

COMPLAINT_KINDS = (
    "complaint.received",
    "complaint.escalated",
    "complaint.response",
    "complaint.refused",
)

CLAIM_NOT_VERIFIED = (
    "This draft says “{what}” is done. Stage 1 promised it ({ref}) and the ledger shows it "
    "{standing}: no post-inspection or resident's confirmation is on record. Check it before "
    "saying it is done."
)
PROMISE_OVERDUE = (
    "Stage 1 promised “{what}” by {due}; the ledger shows it overdue, and this draft does "
    "not say what happened to it."
)


def _stage(event: Event, default: int) -> int:
    value = event.data.get("stage")
    return value if value in (1, 2) else default


@dataclass(frozen=True)
class Stages:
    """A complaint's stages as its case's timeline records them: the complaint received (stage
    1), the escalation (stage 2), each stage's refusal and each stage's first response."""

    received: Event | None
    escalated: Event | None
    refused: Mapping[int, Event]
    responses: Mapping[int, Event]


def complaint_stages(*, case: Case) -> Stages:
    """Read from `complaint.*` events on the case, oldest first (one query)."""
    received = escalated = None
    refused: dict[int, Event] = {}
    responses: dict[int, Event] = {}
    rows = Event.objects.filter(case=case, kind__in=COMPLAINT_KINDS).order_by(
        "occurred_earliest", "id"
    )
    for event in rows:
        if event.kind == "complaint.received":
            received = received or event
        elif event.kind == "complaint.escalated":
            escalated = escalated or event
        elif event.kind == "complaint.refused":
            refused.setdefault(_stage(event, 1), event)
        else:
            responses.setdefault(_stage(event, 1), event)
    return Stages(received, escalated, refused, responses)


def stages_to_answer(stages: Stages) -> list[int]:
    """The stages received (stage 2: escalated) with neither a response nor a refusal."""
    started = {1: stages.received, 2: stages.escalated}
    return [
        s
        for s, event in started.items()
        if event is not None and s not in stages.responses and s not in stages.refused
    ]


@dataclass(frozen=True)
class SentResponse:
    """A response as the record holds it: its event, and the letter where one is on record."""

    event: Event
    document: Document | None

    @property
    def data(self) -> Mapping[str, Any]:
        return self.event.data

    @property
    def stage(self) -> int:
        return _stage(self.event, 1)

    @property
    def sent_on(self) -> str:
        return When.parse(self.event.occurred_text).display()

    @property
    def outcome_label(self) -> str:
        outcome = self.data.get("outcome")
        return str(ResponseDecision(outcome).label) if outcome in ResponseDecision.values else ""

    @property
    def points(self) -> list[dict[str, Any]]:
        return [
            {**p, "decision_label": _decision(p.get("decision"))}
            for p in self.data.get("points") or ()
        ]

    @property
    def commitments(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("commitments") or ()

    @property
    def claims_done(self) -> Sequence[Mapping[str, Any]]:
        return self.data.get("claims_done") or ()


def _decision(value: Any) -> str:
    return str(ResponseDecision(value).label) if value in ResponseDecision.values else ""


def responses_sent(*, case: Case) -> list[SentResponse]:
    """Every response on the case, oldest first, each with its letter (two queries)."""
    events = list(
        Event.objects.filter(case=case, kind="complaint.response").order_by(
            "occurred_earliest", "id"
        )
    )
    refs = [e.data["document"] for e in events if e.data.get("document")]
    found = Document.objects.filter(reference__in=refs) if refs else Document.objects.none()
    documents = {d.reference: d for d in found}
    return [SentResponse(e, documents.get(str(e.data.get("document")))) for e in events]


def response_sent(*, case: Case, stage: int) -> SentResponse | None:
    """The first response sent at this stage, if any."""
    return next((r for r in responses_sent(case=case) if r.stage == stage), None)


def drafts_in_progress(*, case: Case) -> QuerySet[ResponseDraft]:
    """The case's drafts not yet sent, by stage."""
    return ResponseDraft.objects.filter(case=case, sent_event__isnull=True).order_by("stage")


def draft_for(*, case: Case, stage: int) -> ResponseDraft | None:
    """The draft of this stage's response (sent or not), if one was started."""
    return ResponseDraft.objects.filter(case=case, stage=stage).first()


@dataclass(frozen=True)
class PromiseNow:
    """A promise of the stage 1 response and where the ledger says it stands now."""

    entry: Mapping[str, Any]
    now: CommitmentAsOf | None

    @property
    def due(self) -> str:
        due = self.entry.get("due")
        return When.parse(str(due)).display() if due else ""


@dataclass(frozen=True)
class StageOneBeside:
    """The stage 1 response shown beside a stage 2 draft, with its promises as they stand
    now and the contradictions to resolve before sending."""

    response: SentResponse
    promises: list[PromiseNow]
    as_of: dt.date
    warnings: list[str] = field(default_factory=list)


def _claimed_refs(draft: ResponseDraft | None, promises: list[PromiseNow]) -> dict[str, str]:
    """The stage 1 promises the draft says are done: ref -> what the draft says."""
    found: dict[str, str] = {}
    for claim in (draft.claims_done if draft else None) or ():
        for promise in promises:
            ref, job = str(promise.entry.get("commitment")), promise.entry.get("job")
            if claim.get("commitment") == ref or (job and claim.get("job") == job):
                found[ref] = str(claim.get("action") or promise.entry.get("action") or ref)
    return found


def _mentioned(draft: ResponseDraft | None, promise: PromiseNow) -> bool:
    action = str(promise.entry.get("action") or "").lower()
    texts = [draft.outstanding, draft.remedy] if draft else []
    texts += [str(c.get("action") or "") for c in (draft.commitments if draft else [])]
    return bool(action) and any(action in t.lower() for t in texts)


def stage_one_beside(
    *, case: Case, draft: ResponseDraft | None, as_of: dt.date
) -> StageOneBeside | None:
    """The stage 1 response, its promises as the ledger shows them as of `as_of`, and the
    warnings a stage 2 draft raises against them: saying done what the ledger does not show
    verified; leaving an overdue promise unmentioned. None where no stage 1 response was sent."""
    sent = response_sent(case=case, stage=1)
    if sent is None:
        return None
    ledger = {c.commitment.ref: c for c in case_commitments(case=case, as_of=as_of)}
    promises = [PromiseNow(e, ledger.get(str(e.get("commitment")))) for e in sent.commitments]
    warnings = []
    claimed = _claimed_refs(draft, promises)
    for promise in promises:
        ref, now = str(promise.entry.get("commitment")), promise.now
        standing = now.standing if now else Standing.OPEN
        if ref in claimed and standing != Standing.KEPT:
            label = str(Standing(standing).label).lower()
            warnings.append(CLAIM_NOT_VERIFIED.format(what=claimed[ref], ref=ref, standing=label))
        elif standing == Standing.OVERDUE and not _mentioned(draft, promise):
            what = promise.entry.get("action") or ref
            warnings.append(PROMISE_OVERDUE.format(what=what, due=promise.due))
    return StageOneBeside(sent, promises, as_of, warnings)
