"""The pages that list and search municipalities, at 5 and at many municipalities.

Usage (from the repository root):

    .venv/bin/python benchmarks/registry_benchmark.py                       # 5 vs 1,000
    .venv/bin/python benchmarks/registry_benchmark.py --municipalities 1100 --actions 10
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sp_bench \\
        .venv/bin/python benchmarks/registry_benchmark.py --municipalities 1100

It fills a throwaway test database with `dashboard_benchmark.build` (each municipality one
strategy with `--actions` actions, three twin towns, follow-ups over `--years` years) and
prints the median time of each warm page (Django test Client, full middleware stack) with
5 municipalities, then with all of them, and the ratio. The sign-in page is the yardstick
for the home page: a page that renders a form and nothing else.
"""

import argparse
import copy
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard_benchmark as bench  # noqa: E402  (sets up Django)
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

# bench.build names municipalities "Kommune 0000"…, twin towns "By 0"… and gives every
# action the description "Ungdomsutveksling og nettverk".
PAGES = [
    ("sign-in page", "anonymous", lambda: reverse("login")),
    ("home", "anonymous", lambda: reverse("home")),
    ("home", "politician", lambda: reverse("home")),
    ("compare", "anonymous", lambda: reverse("dashboards:compare")),
    (
        "search, a town's name",
        "anonymous",
        lambda: reverse("dashboards:compare") + "?q=Kommune+0003",
    ),
    (
        "search, a word in every plan",
        "anonymous",
        lambda: reverse("dashboards:compare") + "?q=ungdomsutveksling",
    ),
    ("registry (/partners/)", "anonymous", lambda: reverse("partners:directory")),
    ("municipality page", "anonymous", lambda: reverse("goals:municipality", args=["bench-0"])),
    ("accessibility statement", "anonymous", lambda: reverse("statutory:accessibility")),
    # What being signed in costs any page (the session, the user, the header): the
    # signed-in home page's own yardstick.
    ("accessibility statement", "politician", lambda: reverse("statutory:accessibility")),
]


def rebuild():
    from search.index import rebuild

    rebuild()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def pages(args):
    """The pages asked for with `--only` (a word of their name), or all of them."""
    return [page for page in PAGES if not args.only or args.only in page[0]]


def measure(repeat):
    from django.contrib.auth.models import User

    clients = {"anonymous": Client(), "politician": Client()}
    clients["politician"].force_login(User.objects.get(username="bench-politician"))
    return {(name, who): bench.median_ms(clients[who], url(), repeat) for name, who, url in PAGES}


def paired(args, few):
    """Both sizes side by side: a second database holds all the municipalities, and each
    page is requested on one and then the other, in turn, so a machine that others share
    slows both alike. Prints each page's median at either size and the median of the
    request-by-request ratios."""
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connections

    from dashboards.cache import bump

    # Each its own copy of the settings: creating a test database renames its own.
    default = connections["default"]
    databases = {}
    for size in ("small", "large"):
        settings_dict = copy.deepcopy(default.settings_dict)
        if size == "large":
            settings_dict["TEST"]["NAME"] = (
                "file:memorydb_large?mode=memory&cache=shared"
                if default.vendor == "sqlite"
                else f"test_{settings_dict['NAME']}_large"
            )
        databases[size] = type(default)(settings_dict, alias="default")

    def use(size):
        """Requests, queries and the cache (by its key prefix) go to this size's data."""
        connections._connections.default = databases[size]
        cache.key_prefix = size

    old_names = {}
    for size in databases:
        use(size)
        old_names[size] = databases[size].creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        clients = {}
        for size, count in (("small", few), ("large", args.municipalities)):
            use(size)
            t0 = time.perf_counter()
            bench.build(0, count, args.actions, args.years)
            rebuild()
            print(f"Built {count} municipalities in {time.perf_counter() - t0:.0f} s")
            clients[size] = {"anonymous": Client(), "politician": Client()}
            clients[size]["politician"].force_login(User.objects.get(username="bench-politician"))
        n = f"{args.municipalities:,}"
        print(f"\n| page | who | {few} | {n} | ratio | at {n}, × sign-in page |")
        print("|---|---|---:|---:|---:|---:|")
        yardstick = None
        for name, who, url_of in pages(args):
            url = url_of()
            timings = {"small": [], "large": []}
            for size in timings:
                use(size)
                for _ in range(3):  # warm: connections, templates, caches
                    assert clients[size][who].get(url).status_code == 200, url
            for n in range(args.repeat):
                for size in ("small", "large") if n % 2 == 0 else ("large", "small"):
                    use(size)
                    if args.cold:
                        bump(None)  # every plan's and the registry's version: nothing cached
                    start = time.perf_counter()
                    clients[size][who].get(url)
                    timings[size].append((time.perf_counter() - start) * 1000)
            small_ms, large_ms = (statistics.median(timings[size]) for size in ("small", "large"))
            pairs = zip(timings["small"], timings["large"], strict=True)
            ratio = statistics.median(large / small for small, large in pairs)
            yardstick = yardstick or large_ms
            print(
                f"| {name} | {who} | {small_ms:.0f} ms | {large_ms:.0f} ms | {ratio:.2f}× "
                f"| {large_ms / yardstick:.1f}× |",
                flush=True,
            )
    finally:
        for size in ("large", "small"):
            use(size)
            databases[size].creation.destroy_test_db(old_names[size], verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=1000)
    parser.add_argument("--actions", type=int, default=10)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the test database at the end (PostgreSQL), for --reuse or profiling",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by --keep again (migrated, not rebuilt): the large "
        "size only, unless it holds fewer municipalities than asked",
    )
    parser.add_argument(
        "--only",
        metavar="WORD",
        help="with --paired: only the pages whose name holds WORD (e.g. registry); the "
        "sign-in page's column then compares with the first page measured",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="with --paired: each request right after a write (nothing cached), as the "
        "first reader after an edit",
    )
    parser.add_argument(
        "--paired",
        action="store_true",
        help="the two sizes in two databases, requested in turn (a shared machine)",
    )
    args = parser.parse_args()
    few = min(5, args.municipalities)

    warnings.filterwarnings("ignore", message="No directory at")
    setup_test_environment()
    settings.DEBUG = False
    if args.paired:
        with override_settings(
            ROOT_URLCONF=bench.__name__, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False
        ):
            print(f"Database: {connection.vendor}, two of them, requested in turn")
            paired(args, few)
        return
    keep = args.keep or args.reuse
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=not args.reuse, keepdb=args.reuse
    )
    small = None
    try:
        with override_settings(
            ROOT_URLCONF=bench.__name__, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False
        ):
            from goals.models import Municipality

            print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
            have = Municipality.objects.count()
            if not (args.reuse and have >= args.municipalities):
                if have:  # a kept database of another size: start again
                    connection.creation.destroy_test_db(old_name, verbosity=0)
                    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
                bench.build(0, few, args.actions, args.years)
                rebuild()  # bulk inserts send no signals: index them as the command would
                small = measure(args.repeat)
                if args.municipalities > few:
                    t0 = time.perf_counter()
                    bench.build(few, args.municipalities - few, args.actions, args.years)
                    rebuild()
                    print(
                        f"Built {args.municipalities} municipalities in "
                        f"{time.perf_counter() - t0:.0f} s"
                    )
            large = measure(args.repeat) if args.municipalities > few or small is None else small
    finally:
        if keep:
            print(f"Kept the database {connection.settings_dict['NAME']}")
            connection.close()
            settings.DATABASES["default"]["NAME"] = old_name
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    n = args.municipalities
    if small is None:
        print(f"\n| page | who | {n:,} |\n|---|---|---:|")
        for key, ms in large.items():
            print(f"| {key[0]} | {key[1]} | {ms:.0f} ms |")
        home = large[("home", "anonymous")] / large[("sign-in page", "anonymous")]
        signed_in = large[("home", "politician")] / large[("sign-in page", "anonymous")]
        print(f"\nhome / sign-in page {home:.1f}× (anonymous), {signed_in:.1f}× (signed in)")
        return
    print(f"\n| page | who | {few} | {n:,} | ratio |\n|---|---|---:|---:|---:|")
    for key in small:
        print(
            f"| {key[0]} | {key[1]} | {small[key]:.0f} ms | {large[key]:.0f} ms "
            f"| {large[key] / small[key]:.1f}× |"
        )
    home = large[("home", "anonymous")] / large[("sign-in page", "anonymous")]
    signed_in = large[("home", "politician")] / large[("sign-in page", "anonymous")]
    print(f"\nAt {n:,}: home / sign-in page {home:.1f}× (anonymous), {signed_in:.1f}× (signed in)")


if __name__ == "__main__":
    main()
