"""Annual report job: total time against WeasyPrint's own render of the same HTML.

Usage (from the repository root, venv active):

    python benchmarks/report_benchmark.py                 # ~60 pages
    python benchmarks/report_benchmark.py --areas 8 --actions 30 --tracemalloc

It creates a throwaway test database (``test_<name>``; in-memory for SQLite), fills one
strategy with goal areas, actions and approved follow-ups, then:

1. runs the report job as the worker does (`render_report`, in-process): queries, Django
   templates, WeasyPrint, pypdf, checksum, file save, state updates;
2. renders the job's HTML again with WeasyPrint alone (`HTML(...).write_pdf()`), cold
   (a fresh cache) and warm (the worker's per-process cache);

and prints the times, the page count, the share of the job WeasyPrint accounts for, and
peak memory (max RSS of the process; with --tracemalloc also Python's own peak per phase,
which slows everything down, so times are then not comparable). Not a test.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strategy_portal.settings")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="report-bench-"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

YEAR = 2025
WORDS = (
    "Kommunen deltok i nettverksmøter, arrangerte seminar for næringslivet og tok imot "
    "besøk fra vennskapsbyen. Arbeidet styrket kompetansen i tjenestene og ga nye kontakter "
    "for søknader om ekstern finansiering. "
)


def build(areas, actions_per_area):
    from actions.models import FollowUp
    from tests.factories import (
        ActionFactory,
        ExternalFundingFactory,
        FollowUpFactory,
        GoalAreaFactory,
        GoalFactory,
        IndicatorFactory,
        MilestoneFactory,
        MunicipalityFactory,
        PartnerFactory,
        StrategyFactory,
        TwinTownFactory,
    )

    municipality = MunicipalityFactory(slug="bench", name="Benchmark kommune", language="nb")
    strategy = StrategyFactory(municipality=municipality, slug="bench-strategy")
    partners = [PartnerFactory(municipality=municipality) for _ in range(6)]
    towns = [TwinTownFactory(municipality=municipality) for _ in range(4)]
    for a in range(areas):
        area = GoalAreaFactory(strategy=strategy, title=f"Satsingsområde {a + 1}", order=a)
        goals = [GoalFactory(goal_area=area, text=WORDS[:120]) for _ in range(3)]
        IndicatorFactory(strategy=strategy, goal_area=area, target=10)
        for i in range(actions_per_area):
            action = ActionFactory(
                goal_area=area,
                title=f"Tiltak {a + 1}.{i + 1} " + WORDS[:60],
                estimated_hours=100,
                order=i,
            )
            action.goals.add(goals[i % 3])
            action.partners.add(partners[i % len(partners)])
            action.twin_towns.add(towns[i % len(towns)])
            MilestoneFactory(action=action)
            if i % 5 == 4:
                continue  # some actions have no approved follow-up
            follow_up = FollowUpFactory(
                action=action,
                year=YEAR,
                state=FollowUp.State.APPROVED,
                status=FollowUp.Status.ON_TRACK,
                progress=60,
                what_was_done=WORDS * 2,
                hours=Decimal("37.5"),
                money_spent=Decimal("12500"),
                other_resources=WORDS[:80],
                contribution_to_goals=WORDS,
            )
            ExternalFundingFactory(follow_up=follow_up)
    return strategy


def weasyprint_only(html, cache):
    """WeasyPrint's own render of the job's HTML, with the job's stylesheet and variant."""
    from weasyprint import CSS, HTML

    from reporting import pdf as report_pdf

    stylesheet = report_pdf._stylesheet_path()
    return HTML(string=html, base_url=str(stylesheet.parent)).write_pdf(
        stylesheets=[CSS(filename=str(stylesheet))],
        pdf_variant=report_pdf.PDF_VARIANT,
        cache=cache,
    )


def measure(label, fn, use_tracemalloc):
    if use_tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    peak = None
    if use_tracemalloc:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    extra = f", Python peak {peak / 2**20:6.1f} MiB" if peak is not None else ""
    print(f"{label:<50} {elapsed:7.2f} s   max RSS so far {rss:6.0f} MiB{extra}")
    return result, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=6)
    parser.add_argument("--actions", type=int, default=12, help="actions per goal area")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()

    from strategy_portal.celery import app

    app.conf.task_always_eager = True
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from reporting import pdf as report_pdf
        from reporting.models import AnnualReport
        from reporting.pdf import render_report_html
        from reporting.report_selectors import report_context, report_strategy
        from reporting.tasks import render_report

        strategy = build(args.areas, args.actions)
        print(f"Synthetic strategy: {args.areas} goal areas x {args.actions} actions")

        html = None
        job_times, cold_times, warm_times = [], [], []
        for run in range(args.repeat):
            report = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=run + 2)
            _, elapsed = measure(
                f"report job, run {run + 1} (render_report, in-process)",
                lambda r=report: render_report.apply((r.pk,)),
                args.tracemalloc,
            )
            job_times.append(elapsed)
            report.refresh_from_db()
            assert report.status == "done", report.error
            if html is None:
                html = render_report_html(report_context(report_strategy(strategy.pk), YEAR))
            _, elapsed = measure(
                f"WeasyPrint alone, run {run + 1}, fresh cache",
                lambda h=html: weasyprint_only(h, {}),
                args.tracemalloc,
            )
            cold_times.append(elapsed)
            _, elapsed = measure(
                f"WeasyPrint alone, run {run + 1}, worker's cache",
                lambda h=html: weasyprint_only(h, report_pdf._WEASY_CACHE),
                args.tracemalloc,
            )
            warm_times.append(elapsed)
        job, cold, warm = (statistics.median(t) for t in (job_times, cold_times, warm_times))
        pages = report.page_count
        print(
            f"\nPages: {pages}   PDF: {report.file.size / 1024:.0f} KiB   "
            f"medians of {args.repeat} runs"
        )
        print(f"Report job total:              {job:6.2f} s  ({job / pages:.3f} s a page)")
        print(f"WeasyPrint alone, fresh cache: {cold:6.2f} s  ({cold / pages:.3f} s a page)")
        print(f"WeasyPrint alone, warm cache:  {warm:6.2f} s  ({warm / pages:.3f} s a page)")
        print(
            f"Outside WeasyPrint (queries, templates, pypdf, file): {job - warm:5.2f} s "
            f"({100 * (job - warm) / job:.0f} % of the job)"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Peak memory (max RSS of this process): {rss:.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
