"""The annual report's models move to the `annual_reports` app (issue 16: `reporting` split
into `dashboards` and `annual_reports`).

State only: the tables, their rows and the generated files they point to stay where they
are, under their old names (annual_reports' models set `db_table`); annual_reports'
0001_initial takes the same models into its state. This app stays installed for its
migrations alone, so databases migrated before the split and other apps' dependencies on
("reporting", ...) keep working.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0006_report_final'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='HistoricalReportText'),
                migrations.DeleteModel(name='ReportText'),
                migrations.DeleteModel(name='AnnualReport'),
            ],
            database_operations=[],
        ),
    ]
