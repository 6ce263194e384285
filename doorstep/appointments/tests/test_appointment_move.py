"""`appointment_move` and `appointment_cancel`: a change must say whether the resident was
told, and how; told through Doorstep, the message is sent and logged."""

from __future__ import annotations

import datetime as dt

import pytest

from doorstep.appointments import services
from doorstep.appointments.models import OutboxMessage
from doorstep.appointments.services import (
    appointment_attend,
    appointment_cancel,
    appointment_move,
)
from doorstep.core.errors import DomainError
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db
FRIDAY = dt.date(2024, 6, 7)


def move(estate, at, appointment, **kwargs):
    given = {
        "actor": estate.coordinator,
        "appointment": appointment,
        "date": FRIDAY,
        "slot": "pm",
        "by": "landlord",
        "resident_informed": True,
        "informed_how": "phone",
        "at": at,
    }
    return appointment_move(**{**given, **kwargs})


def test_a_landlords_move_records_how_the_resident_was_told(estate, at, booked):
    with appended() as written:
        moved = move(estate, at, booked, reason="The plumber is off sick")
    assert written.kinds == ["appointment.moved"]
    assert written[0].data == {
        "appointment": booked.reference,
        "date": "2024-06-07",
        "by": "landlord",
        "resident_informed": True,
        "informed_how": "phone",
        "reason": "The plumber is off sick",
        "slot": "pm",
        "from_date": "2024-06-05",
    }
    assert (moved.status, moved.date, moved.slot) == ("moved", FRIDAY, "pm")
    assert OutboxMessage.objects.count() == 0


def test_told_through_doorstep_sends_through_the_outbox_and_logs_it(estate, at, booked):
    with appended() as written:
        move(estate, at, booked, informed_how="doorstep", notify_to="ada@example.org")
    assert written.kinds == ["appointment.moved", "contact.out"]
    message = OutboxMessage.objects.get()
    assert (message.to, message.channel, message.appointment) == (
        "ada@example.org",
        "email",
        booked.reference,
    )
    assert message.text.startswith(f"Your appointment {booked.reference} has moved to 7 June 2024")
    sent = written[1]
    assert sent.channel == "email" and sent.case == booked.case
    assert sent.data["to"] == "ada@example.org"
    assert sent.data["text"] == message.text
    assert sent.data["notification"] == {
        "provider": "outbox",
        "channel": "email",
        "status": "stored",
        "provider_id": str(message.pk),
        "detail": None,
        "appointment": booked.reference,
    }


def test_a_residents_move_need_not_say_how(estate, at, booked):
    with appended() as written:
        move(estate, at, booked, by="resident", resident_informed=None, informed_how="")
    assert written[0].data["resident_informed"] is True
    assert "informed_how" not in written[0].data


def test_a_landlords_move_without_telling_is_recorded_as_such(estate, at, booked):
    with appended() as written:
        move(estate, at, booked, resident_informed=False, informed_how="")
    assert written[0].data["resident_informed"] is False


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"resident_informed": None}, services.INFORMED_NEEDED, "resident_informed"),
        ({"informed_how": ""}, services.HOW_NEEDED, "informed_how"),
        ({"informed_how": "pigeon"}, services.BAD_HOW, "informed_how"),
        ({"informed_how": "doorstep"}, services.NOTIFY_TO_NEEDED, "notify_to"),
        ({"by": "contractor"}, services.BAD_BY, "by"),
        ({"date": dt.date(2024, 5, 31)}, services.IN_THE_PAST.format(date="31 May 2024"), "date"),
        (
            {"date": dt.date(2024, 6, 5), "slot": "am"},
            services.NOTHING_MOVED.format(date="5 June 2024", slot="morning (8am to 1pm)"),
            "date",
        ),
    ],
)
def test_bad_moves_are_refused(estate, at, booked, given, message, field):
    with appended() as written, pytest.raises(DomainError) as info:
        move(estate, at, booked, **given)
    assert written.kinds == []
    assert (info.value.message, info.value.field) == (message, field)


def test_a_cancelled_appointment_cannot_be_moved(estate, at, booked):
    appointment_cancel(
        actor=estate.coordinator,
        appointment=booked,
        by="resident",
        resident_informed=None,
        reason="In hospital that week",
        at=at,
    )
    with pytest.raises(DomainError) as info:
        move(estate, at, booked)
    assert info.value.message == services.NOT_PENDING.format(
        ref=booked.reference, status="cancelled"
    )


def test_an_attended_appointment_cannot_be_moved_or_cancelled(estate, at, booked):
    on_the_day = at + dt.timedelta(days=2)
    appointment_attend(
        actor=estate.coordinator,
        appointment=booked,
        outcome="no_access",
        reason="Nobody in",
        at=on_the_day,
    )
    expected = services.NOT_PENDING.format(ref=booked.reference, status="attended")
    with pytest.raises(DomainError) as info:
        move(estate, on_the_day, booked)
    assert info.value.message == expected
    with pytest.raises(DomainError) as info:
        appointment_cancel(
            actor=estate.coordinator,
            appointment=booked,
            by="landlord",
            resident_informed=False,
            reason="x",
            at=on_the_day,
        )
    assert info.value.message == expected


def test_a_landlords_cancellation_records_the_reason_and_the_telling(estate, at, booked):
    with appended() as written:
        cancelled = appointment_cancel(
            actor=estate.coordinator,
            appointment=booked,
            by="landlord",
            resident_informed=True,
            informed_how="doorstep",
            notify_to="07700900123",
            reason="The part is not in stock",
            at=at,
        )
    assert written.kinds == ["appointment.cancelled", "contact.out"]
    assert written[0].data == {
        "appointment": booked.reference,
        "by": "landlord",
        "resident_informed": True,
        "informed_how": "doorstep",
        "reason": "The part is not in stock",
    }
    assert cancelled.status == "cancelled"
    assert written[1].data["notification"]["channel"] == "sms"
    assert written[1].channel == "phone"


@pytest.mark.parametrize(
    ("given", "message", "field"),
    [
        ({"reason": "  "}, services.REASON_NEEDED, "reason"),
        ({"resident_informed": None}, services.INFORMED_NEEDED, "resident_informed"),
    ],
)
def test_bad_cancellations_are_refused(estate, at, booked, given, message, field):
    kwargs = {
        "actor": estate.coordinator,
        "appointment": booked,
        "by": "landlord",
        "resident_informed": True,
        "informed_how": "letter",
        "reason": "The part is not in stock",
        "at": at,
    }
    with appended() as written, pytest.raises(DomainError) as info:
        appointment_cancel(**{**kwargs, **given})
    assert written.kinds == []
    assert (info.value.message, info.value.field) == (message, field)
