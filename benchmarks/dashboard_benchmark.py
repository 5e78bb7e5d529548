"""Dashboard speed against a bare Django page, for 5 and for many municipalities.

Usage (from the repository root, venv active):

    python benchmarks/dashboard_benchmark.py --small
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sp_bench \
        python benchmarks/dashboard_benchmark.py --municipalities 1000 --actions 100 --years 10

It creates a throwaway test database (``test_<name>``; in-memory for SQLite), fills it
with bulk_create in chunks, and prints the median time of a warm dashboard request (Django
test Client, full middleware stack, a politician signed in) next to a bare page that only
returns "ok" through the same stack — first with 5 municipalities, then with all of them —
and the ratios. Pages: dashboard and compare (a politician), the public page (anonymous),
the action plan and my work (an editor); each warm and cold (right after a write to a
plan, so its cached figures are stale), beside the sign-in page. The database is dropped at the end.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# A benchmark is a development run: DEBUG on as in `make run` (the settings default is off).
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402

CHUNK = 5000
START_YEAR = 2016


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare), path("", include(settings.ROOT_URLCONF))]


def build(first, count, actions, years):
    """Municipalities first..first+count-1, each with one strategy of `years` years."""
    from django.contrib.auth.models import User

    from accounts.models import Membership, Role
    from actions.models import Action, ExternalFunding, FollowUp
    from goals.models import GoalArea, Municipality, ResponsibleParty, Strategy
    from partners.models import TwinTown

    municipalities = Municipality.objects.bulk_create(
        Municipality(
            slug=f"bench-{i}",
            name=f"Kommune {i:04d}",
            country="NO",
            language="nb",
            currency="NOK",
            label_goal_area="Satsingsområde",
            label_goal_area_plural="Satsingsområder",
            label_goal="Mål",
            label_strategy_point="Strategi",
            label_action="Tiltak",
            label_action_plural="Tiltak",
            is_published=True,
        )
        for i in range(first, first + count)
    )
    strategies = Strategy.objects.bulk_create(
        Strategy(
            municipality=m,
            slug=f"{m.slug}-strategi",
            title=f"Strategi {m.name}",
            period_start=START_YEAR,
            period_end=START_YEAR + years - 1,
        )
        for m in municipalities
    )
    areas = GoalArea.objects.bulk_create(
        GoalArea(strategy=s, code=str(a + 1), order=a, title=f"Område {a + 1}")
        for s in strategies
        for a in range(4)
    )
    departments = ResponsibleParty.objects.bulk_create(
        ResponsibleParty(municipality=m, key=f"avd-{d}", name=f"Avdeling {d}", kind="department")
        for m in municipalities
        for d in range(3)
    )
    TwinTown.objects.bulk_create(
        TwinTown(municipality=m, key=f"by-{t}", name=f"By {t}", country="Sverige")
        for m in municipalities
        for t in range(3)
    )
    area_of = {}
    for area in areas:
        area_of.setdefault(area.strategy_id, []).append(area)
    dept_of = {}
    for dept in departments:
        dept_of.setdefault(dept.municipality_id, []).append(dept)
    action_rows = [
        Action(
            strategy=s,
            goal_area=area_of[s.pk][n % 4],
            responsible=dept_of[s.municipality_id][n % 3],
            code=f"T{n}",
            order=n,
            title=f"Tiltak {n}",
            description="Ungdomsutveksling og nettverk",
            estimated_hours=Decimal(100),
            cost_amount=Decimal(50000),
            cost_currency="NOK",
        )
        for s in strategies
        for n in range(actions)
    ]
    for i in range(0, len(action_rows), CHUNK):
        Action.objects.bulk_create(action_rows[i : i + CHUNK])
    action_ids = list(
        Action.objects.filter(strategy__in=strategies).values_list("pk", flat=True).order_by("pk")
    )
    statuses = ["on_track", "on_track", "done", "delayed", "not_started"]
    states = ["approved", "approved", "approved", "submitted", "draft"]
    batch, made = [], 0
    for n, action_id in enumerate(action_ids):
        for y in range(years):
            k = n + y
            batch.append(
                FollowUp(
                    action_id=action_id,
                    year=START_YEAR + y,
                    status=statuses[k % 5],
                    state=states[(k // 5) % 5],
                    progress=(k * 7) % 101,
                    hours=Decimal(k % 40),
                    money_spent=Decimal((k % 9) * 1000),
                    currency="NOK",
                    is_demo=True,
                    what_was_done="Benchmark",
                )
            )
        if len(batch) >= CHUNK:
            made += _flush(FollowUp, ExternalFunding, batch)
            batch = []
    made += _flush(FollowUp, ExternalFunding, batch)
    for role in (Role.POLITICIAN, Role.EDITOR):
        user, _created = User.objects.get_or_create(username=f"bench-{role}")
        Membership.objects.get_or_create(
            user=user, defaults={"municipality": municipalities[0], "role": role}
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give
    return made


def _flush(FollowUp, ExternalFunding, batch):
    created = FollowUp.objects.bulk_create(batch)
    ExternalFunding.objects.bulk_create(
        ExternalFunding(follow_up=f, source="ks", amount=Decimal(20000), currency="NOK")
        for f in created[::10]
    )
    return len(created)


def median_ms(client, url, repeat, cold=False):
    """Median time of `repeat` requests; `cold`: each right after a write to the plan
    (the plan's cache version bumped), as the first view after a follow-up is approved."""
    from dashboards import cache

    for _ in range(3):  # warm: connections, templates, caches
        assert client.get(url).status_code == 200, url
    timings = []
    for _ in range(repeat):
        if cold:
            cache.bump(None)
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def measure(label, repeat, year):
    """Each page warm and cold beside the sign-in page (anonymous, no query): the ratios
    issue 12 sets (at most 3× the sign-in page, warm)."""
    from django.contrib.auth.models import User

    politician, editor, anonymous = Client(), Client(), Client()
    politician.force_login(User.objects.get(username="bench-politician"))
    editor.force_login(User.objects.get(username="bench-editor"))
    pages = {
        "dashboard": (
            politician,
            reverse("dashboards:dashboard", args=["bench-0-strategi"]) + f"?year={year}",
        ),
        "public": (anonymous, reverse("dashboards:public", args=["bench-0"]) + f"?year={year}"),
        "plan": (editor, reverse("actions:plan", args=["bench-0-strategi"])),
        "my work": (editor, reverse("actions:my_work")),
        "compare": (politician, reverse("dashboards:compare")),
    }
    sign_in = median_ms(Client(), reverse("login"), repeat)
    bare_ms = median_ms(politician, "/bare/", repeat)
    print(f"\n{label}")
    print(f"  {'sign-in page':<14} {sign_in:8.1f} ms   (bare view {bare_ms:.1f} ms)")
    print(f"  {'page':<14} {'warm':>8}    {'× sign-in':>9}   {'cold':>8}    {'× sign-in':>9}")
    results = {"sign-in": sign_in}
    for name, (client, url) in pages.items():
        warm = median_ms(client, url, repeat)
        cold = median_ms(client, url, max(3, repeat // 2), cold=True)
        results[name] = warm
        results[f"{name} cold"] = cold
        print(
            f"  {name:<14} {warm:8.1f} ms {warm / sign_in:8.1f}×   {cold:8.1f} ms "
            f"{cold / sign_in:8.1f}×"
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--small", action="store_true", help="quick check: 20 × 20 × 4")
    args = parser.parse_args()
    if args.small:
        args.municipalities, args.actions, args.years, args.repeat = 20, 20, 4, 10
    few = min(5, args.municipalities)
    year = START_YEAR + args.years - 2

    warnings.filterwarnings("ignore", message="No directory at")  # static files unused here
    setup_test_environment()
    settings.DEBUG = False
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(
            ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False
        ):
            print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
            t0 = time.perf_counter()
            made = build(0, few, args.actions, args.years)
            print(
                f"Built {few} municipalities, {made} follow-ups in {time.perf_counter() - t0:.1f} s"
            )
            small = measure(f"{few} municipalities", args.repeat, year)
            if args.municipalities > few:
                t0 = time.perf_counter()
                made = build(few, args.municipalities - few, args.actions, args.years)
                print(
                    f"\nBuilt {args.municipalities - few} more municipalities, {made} follow-ups "
                    f"in {time.perf_counter() - t0:.1f} s"
                )
                large = measure(f"{args.municipalities} municipalities", args.repeat, year)
                print(f"\n{args.municipalities} / {few} municipalities, warm:")
                for name in ("dashboard", "public", "plan", "my work", "compare"):
                    print(f"  {name:<14} {large[name] / small[name]:.2f}×")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
