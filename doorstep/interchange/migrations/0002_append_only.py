"""The database refuses UPDATE and DELETE on interchange_externalref (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("interchange", "0001_initial")]
    operations = [AppendOnlyTable("interchange_externalref")]
