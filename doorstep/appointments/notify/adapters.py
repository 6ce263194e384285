"""The three notifiers: the outbox (default), SMTP email, and GOV.UK Notify."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage

from doorstep.appointments.models import OutboxMessage
from doorstep.appointments.notify.base import (
    EMAIL,
    Delivery,
    Message,
    NotifierMisconfigured,
)

SMTP_NO_SMS = "The email notifier cannot send a text message to {to}: give an email address."
NOTIFY_NO_KEY = (
    "GOV.UK Notify is the notifier but DOORSTEP_NOTIFY_API_KEY is not set: set it in the "
    "environment, or choose another notifier."
)
NOTIFY_NO_TEMPLATE = (
    "GOV.UK Notify is the notifier but {setting} is not set: create a template with the "
    "placeholders ((subject)) and ((body)) and set its id in the environment."
)


class OutboxNotifier:
    """Keeps each message in the outbox table (append-only), sent nowhere: the default, for a
    landlord that sends letters and calls itself, for the demo and for tests."""

    name = "outbox"

    def send(self, message: Message, *, at: dt.datetime) -> Delivery:
        row = OutboxMessage.objects.create(
            channel=message.channel,
            to=message.to,
            subject=message.subject,
            text=message.text,
            appointment=message.appointment,
            created_at=at,
        )
        return Delivery(provider=self.name, status="stored", provider_id=str(row.pk))


class SmtpNotifier:
    """Email through Django's configured EMAIL_BACKEND (SMTP in production)."""

    name = "smtp"

    def send(self, message: Message, *, at: dt.datetime) -> Delivery:
        if message.channel != EMAIL:
            return Delivery(self.name, "failed", detail=SMTP_NO_SMS.format(to=message.to))
        email = EmailMessage(
            subject=message.subject or "A message from your landlord",
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
        )
        try:
            sent = email.send(fail_silently=False)
        except OSError as error:  # smtplib's errors are OSErrors
            return Delivery(self.name, "failed", detail=str(error)[:500])
        return Delivery(self.name, "sent" if sent else "failed")


class GovukNotifyNotifier:
    """GOV.UK Notify, through its official client (`notifications-python-client`). The key and
    template ids come from the environment (`DOORSTEP_NOTIFY_*` settings); each template
    takes `((subject))` and `((body))`. Notify's id for the message is kept, so its delivery
    status can be asked for, or received by callback, later."""

    name = "govuk_notify"

    def __init__(self, client: Any = None) -> None:
        self._client = client

    def client(self) -> Any:
        if self._client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            key = getattr(settings, "DOORSTEP_NOTIFY_API_KEY", "")
            if not key:
                raise NotifierMisconfigured(NOTIFY_NO_KEY)
            self._client = NotificationsAPIClient(key)
        return self._client

    def _template(self, setting: str) -> str:
        template = getattr(settings, setting, "")
        if not template:
            raise NotifierMisconfigured(NOTIFY_NO_TEMPLATE.format(setting=setting))
        return str(template)

    def send(self, message: Message, *, at: dt.datetime) -> Delivery:
        from notifications_python_client.errors import APIError

        personalisation = {"subject": message.subject, "body": message.text}
        try:
            if message.channel == EMAIL:
                response = self.client().send_email_notification(
                    email_address=message.to,
                    template_id=self._template("DOORSTEP_NOTIFY_EMAIL_TEMPLATE_ID"),
                    personalisation=personalisation,
                    reference=message.appointment or None,
                )
            else:
                response = self.client().send_sms_notification(
                    phone_number=message.to,
                    template_id=self._template("DOORSTEP_NOTIFY_SMS_TEMPLATE_ID"),
                    personalisation=personalisation,
                    reference=message.appointment or None,
                )
        except APIError as error:
            return Delivery(self.name, "failed", detail=str(error)[:500])
        return Delivery(self.name, "accepted", provider_id=str(response.get("id", "")))
