"""Learning from complaints: list the changes recorded, list the upheld complaints and
determinations finding maladministration with no learning yet, record learning from one of
them on a case, and record a change done."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status

from doorstep.api import selectors
from doorstep.api.auth import caller, requires
from doorstep.api.idempotency import idempotent, only
from doorstep.api.intake import received_at
from doorstep.api.models import IntakeRecord
from doorstep.api.schemas import Reference, responds
from doorstep.core.errors import DomainError
from doorstep.learning import selectors as learning
from doorstep.learning.models import Learning
from doorstep.learning.schemas import LearningDoneIn, LearningIn, LearningOut, MissingOut
from doorstep.learning.services import learning_done, learning_record
from doorstep.staff.models import User
from doorstep.timeline.when import When

router = Router(tags=["learning"])

UNKNOWN_OWNER = "There is no member of staff with the username {username!r}."


@router.get(
    "/learning", response=responds(200, list[LearningOut]), auth=requires("learning.view_learning")
)
@paginate(LimitOffsetPagination)
def learning_list(request: HttpRequest) -> Any:
    """Every change recorded as learning, those still to do first, by due date."""
    return learning.learning_visible_to(user=caller(request)).order_by("done_on", "due_date", "pk")


@router.get(
    "/learning/missing",
    response=responds(200, list[MissingOut]),
    auth=requires("learning.view_learning"),
)
@paginate(LimitOffsetPagination)
def learning_missing_list(request: HttpRequest) -> Any:
    """Upheld (or partly upheld) complaint responses and determinations finding
    maladministration with no learning recorded from them."""
    return learning.learning_missing(user=caller(request))


def _recorded(request: HttpRequest, first: IntakeRecord, **_: Any) -> Any:
    return only(learning.learning_recorded_by(user=caller(request), moment=first.received_at))


@router.post(
    "/cases/{reference}/learning",
    response=responds(201, LearningOut),
    auth=requires("learning.add_learning"),
)
@idempotent(_recorded)
def learning_create(request: HttpRequest, reference: Reference, payload: LearningIn) -> Any:
    """Record what the landlord will change beyond this case, learned from an upheld
    complaint response or a determination finding maladministration (`source`) on this case
    or one linked to it."""
    user = caller(request)
    case = selectors.case_for(user=user, reference=reference)
    source = selectors.event_named(user=user, uid=payload.source, field="source")
    owner = User.objects.filter(username=payload.owner).first()
    if owner is None:
        raise DomainError(UNKNOWN_OWNER.format(username=payload.owner), field="owner")
    made = learning_record(
        actor=user,
        case=case,
        source=source,
        change=payload.change,
        owner=owner,
        due=When.parse(payload.due),
        at=received_at(request),
    )
    return Status(201, made)


def _same(request: HttpRequest, first: IntakeRecord, ref: str, **_: Any) -> Learning:
    return learning.learning_named(ref=ref, user=caller(request))


@router.post(
    "/learning/{ref}/done",
    response=responds(200, LearningOut),
    auth=requires("learning.change_learning"),
)
@idempotent(_same)
def learning_done_create(request: HttpRequest, ref: str, payload: LearningDoneIn) -> Any:
    """Record that the change is done, with the evidence."""
    return learning_done(
        actor=caller(request),
        learning=learning.learning_named(ref=ref, user=caller(request)),
        evidence=payload.evidence,
        at=received_at(request),
    )
