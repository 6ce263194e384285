"""The database refuses UPDATE and DELETE on the outbox: a message kept is kept (ADR 10)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]
    operations = [AppendOnlyTable("appointments_outboxmessage")]
