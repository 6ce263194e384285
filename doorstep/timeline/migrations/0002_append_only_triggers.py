"""The database itself refuses to change or remove history (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]
    operations = [AppendOnlyTable("timeline_event")]
