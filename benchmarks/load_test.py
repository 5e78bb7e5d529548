"""Load test: 50 signed-in users on gunicorn + PostgreSQL, dashboard reads and follow-up saves.

Usage (from the repository root; PostgreSQL on 127.0.0.1, as in CI):

    .venv/bin/python benchmarks/load_test.py                 # 50 users for 30 s
    .venv/bin/python benchmarks/load_test.py --users 20 --duration 10

Bounded and local: it creates a throwaway PostgreSQL database (dropped at the end) with
`migrate` and `load_demo --force` (five strategies, demo users, demo follow-ups), starts gunicorn
(4 sync workers, production settings over plain HTTP) on a free port of 127.0.0.1, signs
each simulated user in as a demo user, and runs them for a fixed time with no think time.
Politicians read dashboards; coordinators and editors read dashboards and save
follow-ups (GET the form, POST it back with the CSRF token and the version they loaded).
A "someone else saved this" refusal is an expected outcome, counted on its own.
A save changes the follow-up's text ("what was done"), as staff writing a report do save
after save; with --save-figures it also changes the hours, a figure the dashboard counts,
so every save makes its municipality's next dashboard a fresh computation.

Prints p50/p95/max per request type, throughput and errors; exits 1 on any 5xx or
connection error. The server part of DATABASE_URL is used if it is a postgres:// URL.
"""

import argparse
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.topology.stack import (  # noqa: E402
    ROOT,
    Browser,
    ThrowawayDatabase,
    answers,
    form_fields,
    free_port,
    manage,
    manage_async,
    postgres_server_url,
    production_env,
    wait_for,
)

SAVE_SHARE = 0.3  # of a writer's iterations; the rest are dashboard reads
TARGETS_PER_MUNICIPALITY = 8  # few, so that users of one municipality do collide
VERSION = re.compile(r'name="loaded_version" value="(\d+)"')


def plan_users(database_url):
    """Demo users with their dashboard and the follow-ups each may edit (the rules of
    accounts.permissions, read in this process from the load-test database)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")  # this process only reads; gunicorn runs production
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
    import django

    django.setup()
    from accounts.models import Membership, Role
    from accounts.permissions import can_edit_follow_up
    from actions.models import FollowUp
    from goals.models import Strategy

    plans = []
    memberships = Membership.objects.select_related("user", "municipality").exclude(
        municipality=None
    )
    for membership in memberships.order_by("municipality__slug", "role"):
        strategy = Strategy.objects.filter(municipality=membership.municipality).first()
        if strategy is None:
            continue
        targets = []
        if membership.role != Role.POLITICIAN:
            follow_ups = (
                FollowUp.objects.filter(action__strategy=strategy)
                .select_related("action__strategy__municipality")
                .order_by("-year", "action__code")
            )
            editable = [f.pk for f in follow_ups if can_edit_follow_up(membership.user, f)]
            targets = editable[:TARGETS_PER_MUNICIPALITY]
        plans.append(
            {
                "username": membership.user.username,
                "dashboard": f"/reports/dashboard/{strategy.slug}/",
                "targets": targets,
            }
        )
    return plans


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)  # request type -> seconds
        self.outcomes = defaultdict(int)  # (request type, outcome) -> count
        self.samples = []  # a few error bodies, for the report

    def record(self, kind, seconds, outcome, detail=""):
        with self.lock:
            self.latency[kind].append(seconds)
            self.outcomes[(kind, outcome)] += 1
            if outcome in {"5xx", "error", "unexpected"} and len(self.samples) < 5:
                self.samples.append(f"{kind}: {outcome} {detail}"[:500])


def timed(results, kind, call, judge):
    started = time.perf_counter()
    try:
        response = call()
    except OSError as exc:  # refused, reset, timed out
        results.record(kind, time.perf_counter() - started, "error", repr(exc))
        return None
    elapsed = time.perf_counter() - started
    outcome = "5xx" if response.status >= 500 else judge(response)
    results.record(kind, elapsed, outcome, f"{response.status} {response.url}")
    return response if outcome == "ok" else None


def save_follow_up(browser, results, pk, rng, figures=False):
    path = f"/actions/follow-up/{pk}/edit/"
    form = timed(
        results,
        "follow-up form",
        lambda: browser.get(path),
        lambda r: "ok" if r.status == 200 else "unexpected",
    )
    if form is None:
        return
    fields = form_fields(form.text, containing="loaded_version")
    loaded = fields["loaded_version"]
    fields["what_was_done"] = re.sub(r"\s*\[load \d+\]$", "", fields.get("what_was_done", ""))
    fields["what_was_done"] += f" [load {rng.randrange(10**6)}]"
    if figures:
        fields["hours"] = str(rng.randrange(1, 1000))

    def judge(response):
        if response.status == 302:
            return "ok"
        version = VERSION.search(response.text)
        if response.status == 200 and version and version.group(1) != loaded:
            return "conflict"  # refused: someone saved in between (the form shows theirs)
        return "unexpected"

    timed(results, "follow-up save", lambda: browser.post(path, fields), judge)


def run_user(browser, plan, deadline, results, seed, figures=False):
    """One simulated user until the deadline, no think time."""
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        if plan["targets"] and rng.random() < SAVE_SHARE:
            save_follow_up(browser, results, rng.choice(plan["targets"]), rng, figures)
        else:
            timed(
                results,
                "dashboard",
                lambda: browser.get(plan["dashboard"]),
                lambda r: "ok" if r.status == 200 else "unexpected",
            )


def sign_in_all(plans, users, base_url):
    """One browser per simulated user, signed in four at a time (as many as workers)."""
    browsers = [None] * users
    lock = threading.Lock()
    queue = list(range(users))

    def work():
        while True:
            with lock:
                if not queue:
                    return
                i = queue.pop()
            browser = Browser(base_url, follow_redirects=False)
            browser.sign_in(plans[i % len(plans)]["username"])
            browsers[i] = browser

    threads = [threading.Thread(target=work, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if any(b is None for b in browsers):
        raise SystemExit("not every user could sign in")
    return browsers


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(results, elapsed, users, workers, figures=False):
    print(
        f"\n{users} users, {elapsed:.0f} s, gunicorn {workers} sync workers, "
        f"{os.cpu_count()} CPU cores; saves change "
        f"{'the text and the hours' if figures else 'the text'}\n"
    )
    print(f"{'request':<16}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  outcomes")
    total = 0
    for kind in ("dashboard", "follow-up form", "follow-up save"):
        values = results.latency.get(kind, [])
        if not values:
            continue
        total += len(values)
        outcomes = ", ".join(
            f"{o} {n}" for (k, o), n in sorted(results.outcomes.items()) if k == kind
        )
        print(
            f"{kind:<16}{len(values):>7}{percentile(values, 0.5) * 1000:>9.0f}"
            f"{percentile(values, 0.95) * 1000:>9.0f}{max(values) * 1000:>9.0f}  {outcomes}"
        )
    errors = sum(n for (k, o), n in results.outcomes.items() if o in {"5xx", "error"})
    unexpected = sum(n for (k, o), n in results.outcomes.items() if o == "unexpected")
    conflicts = sum(n for (k, o), n in results.outcomes.items() if o == "conflict")
    print(
        f"\nthroughput {total / elapsed:.1f} requests/s; "
        f"errors (5xx or no answer) {errors}; unexpected status {unexpected}; "
        f"save conflicts (expected) {conflicts}"
    )
    all_latency = [v for values in results.latency.values() for v in values]
    if all_latency:
        print(
            f"all requests: median {statistics.median(all_latency) * 1000:.0f} ms, "
            f"p95 {percentile(all_latency, 0.95) * 1000:.0f} ms"
        )
    for sample in results.samples:
        print("  e.g.", sample)
    return errors + unexpected


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30, help="seconds (default 30)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument(
        "--save-figures",
        action="store_true",
        help="saves change the hours too (a figure), not only the text",
    )
    args = parser.parse_args()

    server = (
        postgres_server_url(os.environ.get("DATABASE_URL")) or "postgres://postgres@127.0.0.1:5432"
    )
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so the finally below still stops
    # gunicorn and drops the throwaway database.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    database = ThrowawayDatabase(server, prefix="sp_load")
    tmp = Path(tempfile.mkdtemp(prefix="sp-load-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = production_env(
        database_url=database.url,
        bind=f"127.0.0.1:{port}",
        static_root=tmp / "static",
        media_root=tmp / "media",
    )
    gunicorn = None
    try:
        print(f"database {database.name}: migrate, load_demo, collectstatic …", flush=True)
        static = manage_async(env, "collectstatic", "--noinput", log_path=tmp / "static.log")
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--force")
        if static.wait() != 0:
            raise SystemExit((tmp / "static.log").read_text())
        plans = plan_users(database.url)

        log = (tmp / "gunicorn.log").open("w")
        gunicorn = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "strategy_portal.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for(
            lambda: answers(base_url + "/healthz"), 60, lambda: (tmp / "gunicorn.log").read_text()
        )
        print(f"gunicorn on {base_url}; signing in {args.users} users …", flush=True)
        browsers = sign_in_all(plans, args.users, base_url)

        results = Results()
        deadline = time.monotonic() + args.duration
        threads = [
            threading.Thread(
                target=run_user,
                args=(browser, plans[i % len(plans)], deadline, results, i, args.save_figures),
                daemon=True,  # an interrupted run does not wait for them
            )
            for i, browser in enumerate(browsers)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        failures = report(
            results, time.monotonic() - started, args.users, args.workers, args.save_figures
        )
        if failures:
            print("\nserver log (tail):\n" + (tmp / "gunicorn.log").read_text()[-3000:])
        return 1 if failures else 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second signal must not cut cleanup
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        if "django.db" in sys.modules:  # plan_users read the database in this process
            from django.db import connections

            connections.close_all()
        database.drop()
        shutil.rmtree(tmp, ignore_errors=True)  # static files and logs, ~16 MB a run


def _exit_on_signal(signum, frame):
    sys.exit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
