"""The database refuses UPDATE and DELETE on policy_calendarday (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("policy", "0003_calendarday")]
    operations = [AppendOnlyTable("policy_calendarday")]
