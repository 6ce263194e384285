from django.db import migrations

from doorstep.core.appendonly import AppendOnlyTable


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [AppendOnlyTable("audit_accessrefusal")]
