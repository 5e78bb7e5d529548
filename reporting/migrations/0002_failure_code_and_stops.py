"""A report's reason for failure becomes a code, put into words when shown.

The old free-text reasons were written in one language when the report failed; each is
mapped to its code by how it begins (in any of the portal's languages). Anything else,
raw exception text included, becomes "unexpected": the generic message, nothing internal.
"""

from django.db import migrations, models

# Beginnings of the old reasons in English, bokmål, nynorsk and Swedish.
OLD_REASONS = {
    "queue_unreachable": [
        "The job queue is not reachable",
        "Jobbkøen svarer ikke",
        "Jobbkøen svarar ikkje",
        "Jobbkön svarar inte",
    ],
    "not_finished": [
        "The report did not finish within",
        "Rapporten ble ikke ferdig",
        "Rapporten vart ikkje ferdig",
        "Rapporten blev inte klar",
    ],
    "time_limit": [
        "Rendering took longer than",
        "Å lage rapporten tok mer enn",
        "Å laga rapporten tok meir enn",
        "Att skapa rapporten tog mer än",
    ],
    "passing_errors": [
        "Rendering failed %",
        "Rapporten feilet",
        "Rapporten feila",
        "Rapporten misslyckades",
    ],
}


def failure_code(text):
    text = text.strip()
    for code, beginnings in OLD_REASONS.items():
        # "Rendering failed %" ends at the space, so "Rendering failed: KeyError…" is not it.
        if any(text.startswith(beginning.split("%")[0]) for beginning in beginnings):
            return code
    return "unexpected"


def codes_from_texts(apps, schema_editor):
    AnnualReport = apps.get_model("reporting", "AnnualReport")
    for report in AnnualReport.objects.filter(status="failed").only("pk", "error"):
        AnnualReport.objects.filter(pk=report.pk).update(failure=failure_code(report.error))


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="annualreport",
            name="failure",
            field=models.CharField(
                blank=True,
                choices=[
                    ("queue_unreachable", "Job queue not reachable"),
                    ("not_finished", "Did not finish in time"),
                    ("time_limit", "Took too long to render"),
                    ("passing_errors", "Passing errors on every try"),
                    ("job_stopped", "The job stopped on every try"),
                    ("unexpected", "Unexpected error"),
                ],
                max_length=20,
                verbose_name="reason for failure",
            ),
        ),
        migrations.AddField(
            model_name="annualreport",
            name="stops",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="times the job stopped"),
        ),
        migrations.AlterField(
            model_name="annualreport",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
        ),
        migrations.RunPython(codes_from_texts, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="annualreport",
            name="error",
        ),
    ]
