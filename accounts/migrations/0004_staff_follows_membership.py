"""Staff status follows the membership from now on (accounts.services): put existing
accounts right once, so an editor or politician once given staff status by hand loses it
and a coordinator left without it gets it. Superusers are left as they are."""

from django.db import migrations

STAFF_ROLES = ("admin", "coordinator")


def forwards(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Membership = apps.get_model("accounts", "Membership")
    staff = Membership.objects.filter(role__in=STAFF_ROLES).values("user_id")
    users = User.objects.filter(is_superuser=False)
    users.filter(pk__in=staff).update(is_staff=True)
    users.exclude(pk__in=staff).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_membership_history")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
