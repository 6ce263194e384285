"""The database refuses UPDATE and DELETE on policy_policyoverride (PostgreSQL and SQLite)."""

from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]
    operations = [AppendOnlyTable("policy_policyoverride")]
