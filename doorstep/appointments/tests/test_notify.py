"""The notifiers: the outbox (default), SMTP email (Django's locmem outbox in tests) and
GOV.UK Notify (its official client, mocked at the client: no network). And a later delivery
status, recorded as a new event."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from notifications_python_client.errors import HTTPError

from doorstep.appointments import services
from doorstep.appointments.models import OutboxMessage
from doorstep.appointments.notify import Message, NotifierMisconfigured, notifier
from doorstep.appointments.notify.adapters import (
    NOTIFY_NO_KEY,
    NOTIFY_NO_TEMPLATE,
    GovukNotifyNotifier,
    OutboxNotifier,
    SmtpNotifier,
)
from doorstep.appointments.notify.registry import UNKNOWN_NOTIFIER
from doorstep.appointments.services import (
    appointment_move,
    notification_status_record,
)
from doorstep.core.errors import DomainError
from doorstep.testing.helpers import appended

pytestmark = pytest.mark.django_db
EMAIL = Message(to="ada@example.org", text="Moved to Friday", subject="Moved", appointment="A1")
SMS = Message(to="07700900123", text="Moved to Friday", appointment="A1")


def test_the_outbox_is_the_default_and_keeps_each_message(settings, at):
    del settings.DOORSTEP_NOTIFIER
    chosen = notifier()
    assert isinstance(chosen, OutboxNotifier)
    delivery = chosen.send(EMAIL, at=at)
    row = OutboxMessage.objects.get()
    assert (delivery.provider, delivery.status, delivery.provider_id) == (
        "outbox",
        "stored",
        str(row.pk),
    )
    assert (row.to, row.channel, row.subject, row.text, row.created_at) == (
        "ada@example.org",
        "email",
        "Moved",
        "Moved to Friday",
        at,
    )
    with pytest.raises(PermissionError):
        row.delete()


def test_the_notifier_is_chosen_by_setting(settings):
    settings.DOORSTEP_NOTIFIER = "smtp"
    assert isinstance(notifier(), SmtpNotifier)
    settings.DOORSTEP_NOTIFIER = "govuk_notify"
    assert isinstance(notifier(), GovukNotifyNotifier)
    settings.DOORSTEP_NOTIFIER = "pigeon"
    with pytest.raises(NotifierMisconfigured) as info:
        notifier()
    assert info.value.message == UNKNOWN_NOTIFIER.format(
        name="pigeon", known="outbox, smtp, govuk_notify"
    )


def test_smtp_sends_email_through_djangos_backend(settings, at):
    settings.DEFAULT_FROM_EMAIL = "repairs@landlord.example"
    delivery = SmtpNotifier().send(EMAIL, at=at)
    assert (delivery.provider, delivery.status) == ("smtp", "sent")
    (sent,) = mail.outbox
    assert (sent.to, sent.subject, sent.body, sent.from_email) == (
        ["ada@example.org"],
        "Moved",
        "Moved to Friday",
        "repairs@landlord.example",
    )


def test_smtp_cannot_send_a_text_message(at):
    delivery = SmtpNotifier().send(SMS, at=at)
    assert delivery.status == "failed" and "07700900123" in delivery.detail
    assert mail.outbox == []


def test_smtp_reports_a_refused_connection(at):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("no")):
        delivery = SmtpNotifier().send(EMAIL, at=at)
    assert (delivery.status, delivery.detail) == ("failed", "no")


@pytest.fixture
def notify_settings(settings):
    settings.DOORSTEP_NOTIFY_API_KEY = "test_key-" + "0" * 36 + "-" + "1" * 36
    settings.DOORSTEP_NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    settings.DOORSTEP_NOTIFY_SMS_TEMPLATE_ID = "sms-template"
    return settings


def test_notify_sends_email_and_sms_with_the_official_client(notify_settings, at):
    client = mock.Mock()
    client.send_email_notification.return_value = {"id": "email-1"}
    client.send_sms_notification.return_value = {"id": "sms-1"}
    adapter = GovukNotifyNotifier(client=client)
    assert adapter.send(EMAIL, at=at).provider_id == "email-1"
    client.send_email_notification.assert_called_once_with(
        email_address="ada@example.org",
        template_id="email-template",
        personalisation={"subject": "Moved", "body": "Moved to Friday"},
        reference="A1",
    )
    delivery = adapter.send(SMS, at=at)
    assert (delivery.provider, delivery.status, delivery.provider_id) == (
        "govuk_notify",
        "accepted",
        "sms-1",
    )
    client.send_sms_notification.assert_called_once_with(
        phone_number="07700900123",
        template_id="sms-template",
        personalisation={"subject": "", "body": "Moved to Friday"},
        reference="A1",
    )


def test_notify_builds_the_real_client_from_the_key(notify_settings, at):
    target = "notifications_python_client.notifications.NotificationsAPIClient"
    with mock.patch(f"{target}.send_email_notification", return_value={"id": "n-1"}) as send:
        delivery = GovukNotifyNotifier().send(EMAIL, at=at)
    assert delivery.provider_id == "n-1"
    assert send.call_args.kwargs["email_address"] == "ada@example.org"


def test_notify_reports_a_refusal(notify_settings, at):
    client = mock.Mock()
    response = mock.Mock(status_code=400)
    response.json.return_value = {
        "errors": [{"error": "BadRequestError", "message": "Can't send to this recipient"}]
    }
    client.send_email_notification.side_effect = HTTPError(response=response)
    delivery = GovukNotifyNotifier(client=client).send(EMAIL, at=at)
    assert delivery.status == "failed"
    assert "Can't send to this recipient" in delivery.detail


def test_notify_needs_its_key_and_templates(settings, at):
    settings.DOORSTEP_NOTIFY_API_KEY = ""
    with pytest.raises(NotifierMisconfigured) as info:
        GovukNotifyNotifier().send(EMAIL, at=at)
    assert info.value.message == NOTIFY_NO_KEY
    settings.DOORSTEP_NOTIFY_EMAIL_TEMPLATE_ID = ""
    with pytest.raises(NotifierMisconfigured) as info:
        GovukNotifyNotifier(client=mock.Mock()).send(EMAIL, at=at)
    assert info.value.message == NOTIFY_NO_TEMPLATE.format(
        setting="DOORSTEP_NOTIFY_EMAIL_TEMPLATE_ID"
    )


def test_a_move_told_through_notify_logs_notifys_id_and_a_later_status(
    notify_settings, estate, at, booked
):
    notify_settings.DOORSTEP_NOTIFIER = "govuk_notify"
    target = "notifications_python_client.notifications.NotificationsAPIClient"
    with (
        mock.patch(f"{target}.send_sms_notification", return_value={"id": "n-7"}),
        appended() as written,
    ):
        appointment_move(
            actor=estate.coordinator,
            appointment=booked,
            date=dt.date(2024, 6, 7),
            by="landlord",
            resident_informed=True,
            informed_how="doorstep",
            notify_to="07700900123",
            at=at,
        )
    sent = written[1]
    assert sent.data["notification"]["provider"] == "govuk_notify"
    assert (sent.data["notification"]["status"], sent.data["notification"]["provider_id"]) == (
        "accepted",
        "n-7",
    )
    later = at + dt.timedelta(minutes=5)
    with appended() as written:
        notification_status_record(
            actor=None, contact=sent, status="delivered", at=later, detail="Delivered"
        )
    assert written.kinds == ["notification.status"]
    assert written[0].data == {
        "contact": str(sent.uid),
        "provider": "govuk_notify",
        "provider_id": "n-7",
        "status": "delivered",
        "detail": "Delivered",
        "appointment": booked.reference,
    }
    sent.refresh_from_db()
    assert sent.data["notification"]["status"] == "accepted"  # the contact is never edited


def test_a_status_is_only_for_a_message_doorstep_sent(estate, at, booked):
    booking = booked.case.events.get(kind="appointment.booked")
    with pytest.raises(DomainError) as info:
        notification_status_record(actor=None, contact=booking, status="delivered", at=at)
    assert info.value.message == services.NOT_A_NOTIFICATION


def test_a_message_keeps_what_it_is_about_for_the_replay(at):
    from doorstep.testing.factories import CaseFactory

    case = CaseFactory()
    sent = services.message_send(
        actor=None,
        case=case,
        to="ada@example.org",
        subject="The ASB case review",
        text="You can ask for an ASB case review.",
        at=at,
        about="asb.case_review",
    )
    assert (sent.kind, sent.data["about"], sent.data["notification"]["status"]) == (
        "contact.out",
        "asb.case_review",
        "stored",
    )
    plain = services.message_send(
        actor=None, case=case, to="ada@example.org", subject="Hello", text="Hello", at=at
    )
    assert "about" not in plain.data
