"""manage.py load_demo: the five seed strategies with demo people and demo follow-ups.

For the quick start and trials only (`make run`): it creates the superuser `admin` and
three accounts per municipality (`<slug>-coordinator`, `-editor`, `-politician`), all with
the password printed below and in the README, marked as demo accounts so that
`check --deploy` refuses a production database that still has them. Without DEBUG it
refuses to run unless `--force` is given.

Idempotent: strategies are loaded as `load_seeds` does, users are only created when
missing (an existing user's password is never reset), and demo follow-ups are left to
`actions.demo`, which does nothing for a strategy that already has them.

The demo layer (`with_demo_layer`) is added to each file's data before it is imported,
never to the file: where no responsible party of the document owns an action (Hamar,
Trondheim), a clearly named demo department answers for a few actions, so the demo
editor has work; actions the demo follow-ups reported done keep their "done" status, so
a second run changes nothing.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import translation

from accounts.models import Membership, Role
from actions.models import Action, FollowUp
from goals.models import ResponsibleParty

from .load_seeds import Command as LoadSeeds

DEMO_PASSWORD = "demo-portal-2026"
# For a plan whose document gives no action to any department: demo data, named as such.
DEMO_DEPARTMENT_KEY = "demo-avdeling"
DEMO_DEPARTMENT_NAMES = {
    "nb": "Internasjonalt kontor (demodata)",
    "nn": "Internasjonalt kontor (demodata)",
    "sv": "Internationella kontoret (demodata)",
}
DEMO_DEPARTMENT_DUTIES = {
    "nb": "Demodata: lagt til av load_demo, ikke en del av det vedtatte dokumentet.",
    "nn": "Demodata: lagt til av load_demo, ikkje ein del av det vedtekne dokumentet.",
    "sv": "Demodata: tillagd av load_demo, inte en del av det antagna dokumentet.",
}
DEMO_DEPARTMENT_ACTIONS = 3
OPEN = ("planned", "in_progress")


class Command(LoadSeeds):
    help = (
        "The seed strategies with demo accounts (published password) and demo follow-ups: "
        "for the quick start and trials, never production."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (a trial server): the demo accounts' password is "
            "public, and check --deploy will refuse the database.",
        )

    def handle(self, *args, dir, reset=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates accounts whose password is published (the superuser "
                "'admin' among them), so it does not run with DEBUG off. To load the "
                "strategies only, use `manage.py load_seeds`; for a throwaway trial server, "
                "add --force."
            )
        strategies = self.load_strategies(dir, reset)
        logins = self._demo_users(strategies)
        self._demo_follow_ups(strategies)
        self._print_logins(logins)

    def prepare(self, data):
        return with_demo_layer(data)

    @transaction.atomic
    def _demo_users(self, strategies):
        """The demo users, admin first, then three per municipality (created if missing)."""
        users = [_user("admin", None, Role.ADMIN, superuser=True)]
        municipalities = {s.municipality.pk: s.municipality for s in strategies}
        for municipality in sorted(municipalities.values(), key=lambda m: m.slug):
            department = _busiest_party(municipality)
            users += [
                _user(f"{municipality.slug}-coordinator", municipality, Role.COORDINATOR),
                _user(f"{municipality.slug}-editor", municipality, Role.EDITOR, department),
                _user(f"{municipality.slug}-politician", municipality, Role.POLITICIAN),
            ]
        return users

    def _demo_follow_ups(self, strategies):
        try:
            from actions.demo import create_demo_follow_ups
        except ImportError:
            self.stdout.write("No demo follow-ups (actions.demo is not there).")
            return
        for strategy in strategies:
            editor = Membership.objects.filter(
                user__username=f"{strategy.municipality.slug}-editor"
            ).first()
            department = editor.department if editor else None
            if department is not None:
                create_demo_follow_ups(strategy, editor_department=department)
            else:
                create_demo_follow_ups(strategy)
        self.stdout.write(f"Demo follow-ups checked for {len(strategies)} strategies.")

    def _print_logins(self, users):
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password of the demo users: {DEMO_PASSWORD})")
        rows = [("username", "role", "municipality", "department")]
        # One language in the listing: the headings are English, so the role names too
        # (the command otherwise runs in LANGUAGE_CODE, bokmål, even for Swedish users).
        with translation.override("en"):
            self._login_rows(users, rows)
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            line = "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))

    def _login_rows(self, users, rows):
        for user in users:
            membership = (
                Membership.objects.filter(user=user)
                .select_related("municipality", "department")
                .first()
            )
            rows.append(
                (
                    user.username,
                    membership.get_role_display() if membership else "",
                    membership.municipality.slug if membership and membership.municipality else "",
                    membership.department.name if membership and membership.department else "",
                )
            )


def with_demo_layer(data):
    """The file's data (as parsed) with the demo layer added; see the module docstring."""
    plan = data.get("strategy") or {}
    actions = [
        action for area in plan.get("goal_areas") or [] for action in area.get("actions") or []
    ] + list(plan.get("actions") or [])
    active = [
        action
        for action in actions
        if not action.get("archived") and action.get("status", "planned") in OPEN
    ]
    if active and not any(action.get("responsible") for action in active):
        language = (data.get("municipality") or {}).get("language", "nb")
        parties = data.setdefault("responsible_parties", [])
        if not any(party.get("key") == DEMO_DEPARTMENT_KEY for party in parties):
            parties.append(
                {
                    "key": DEMO_DEPARTMENT_KEY,
                    "name": DEMO_DEPARTMENT_NAMES.get(language, DEMO_DEPARTMENT_NAMES["nb"]),
                    "kind": ResponsibleParty.Kind.DEPARTMENT.value,
                    "duties": [DEMO_DEPARTMENT_DUTIES.get(language, DEMO_DEPARTMENT_DUTIES["nb"])],
                }
            )
        for action in active[:DEMO_DEPARTMENT_ACTIONS]:
            action["responsible"] = DEMO_DEPARTMENT_KEY
    # The demo marked these done when it approved their "done" follow-up (actions.demo);
    # importing the file's "planned" again would reopen them.
    reported_done = set(
        FollowUp.objects.filter(
            action__strategy__slug=plan.get("slug"),
            action__recurrence=Action.Recurrence.ONE_OFF,
            is_demo=True,
            state=FollowUp.State.APPROVED,
            status=FollowUp.Status.DONE,
        ).values_list("action__code", flat=True)
    )
    for action in actions:
        if str(action.get("code")) in reported_done and action.get("status", "planned") in OPEN:
            action["status"] = Action.Status.DONE.value
    return data


def _user(username, municipality, role, department=None, *, superuser=False):
    """The user, created with a membership and the demo password only if missing."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            email=f"{username}@example.org",
            is_superuser=superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        # Staff status and the coordinators' group follow (accounts.services).
        Membership.objects.create(
            user=user, municipality=municipality, role=role, department=department, is_demo=True
        )
    return user


def _busiest_party(municipality):
    """The responsible party with the most actions, or the first department."""
    parties = ResponsibleParty.objects.filter(municipality=municipality).annotate(
        action_count=Count("actions", filter=Q(actions__is_archived=False))
    )
    busiest = parties.filter(action_count__gt=0).order_by("-action_count", "order", "pk").first()
    if busiest:
        return busiest
    return (
        parties.filter(kind=ResponsibleParty.Kind.DEPARTMENT).order_by("order", "pk").first()
        or parties.order_by("order", "pk").first()
    )
