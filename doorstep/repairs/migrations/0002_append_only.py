"""The database refuses UPDATE and DELETE on the Schedule of Rates and on job items
(PostgreSQL and SQLite): a new schedule is a new load, a varied order is new items (ADR 9)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("repairs", "0001_initial")]
    operations = [
        AppendOnlyTable("repairs_sorschedule"),
        AppendOnlyTable("repairs_sorcode"),
        AppendOnlyTable("repairs_jobitem"),
    ]
