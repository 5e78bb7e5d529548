from django.db import migrations


def load_shipped(apps, schema_editor):
    from frameworks.loading import SHIPPED, load, read

    Framework = apps.get_model("frameworks", "Framework")
    FrameworkItem = apps.get_model("frameworks", "FrameworkItem")
    for name in SHIPPED:
        load(read(name), Framework, FrameworkItem)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(load_shipped, migrations.RunPython.noop)]
