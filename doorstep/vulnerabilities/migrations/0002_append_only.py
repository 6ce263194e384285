"""The database refuses UPDATE and DELETE on vulnerabilities_specialcategoryaccess (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("vulnerabilities", "0001_initial")]
    operations = [AppendOnlyTable("vulnerabilities_specialcategoryaccess")]
