from django.db import migrations


def reload_sdgs(apps, schema_editor):
    """Databases migrated before the names were checked against globalamalen.se and
    FN-sambandet get the corrected names (SDG 3 in Swedish, SDG 7 in Norwegian): the data
    file is loaded again, updating each item by its code."""
    from frameworks.loading import load, read

    load(
        read("sdg.yaml"),
        apps.get_model("frameworks", "Framework"),
        apps.get_model("frameworks", "FrameworkItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0002_sdg_and_europa_2020")]

    operations = [migrations.RunPython(reload_sdgs, migrations.RunPython.noop)]
