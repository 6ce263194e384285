"""The database refuses UPDATE and DELETE on api_intakerecord (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("api", "0002_initial")]
    operations = [AppendOnlyTable("api_intakerecord")]
