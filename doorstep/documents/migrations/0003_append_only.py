"""The database refuses UPDATE and DELETE on documents_document (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_initial")]
    operations = [AppendOnlyTable("documents_document")]
