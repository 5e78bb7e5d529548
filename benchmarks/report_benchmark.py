"""Annual report job: total time against WeasyPrint's own render of the same HTML.

Usage (from the repository root, venv active):

    python benchmarks/report_benchmark.py                 # ~60 pages
    python benchmarks/report_benchmark.py --areas 8 --actions 30 --tracemalloc

It creates a throwaway test database (``test_<name>``; in-memory for SQLite), fills one
strategy with goal areas, actions and approved follow-ups, then:

1. runs the report job as the worker does (`render_report`, in-process): queries, Django
   templates, WeasyPrint, pypdf, checksum, file save, state updates. The first run is the
   cold one (first report of a fresh worker process: imports, fonts, empty WeasyPrint
   cache) and is reported on its own; the next ``--repeat`` runs are warm;
2. times WeasyPrint *inside* each job (`html_to_pdf`, wrapped), so the share of the job it
   accounts for compares like with like: the same run, cold with cold, warm with warm;
3. as a cross-check, renders the job's HTML again with WeasyPrint alone, warm (the
   worker's cache) and with a fresh cache in the same, already warm, process;

and prints the times, the page count, WeasyPrint's share of the job, and peak memory (max
RSS of the process; with --tracemalloc also Python's own peak per phase, which slows
everything down, so times are then not comparable). Not a test.
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
# A benchmark is a development run: DEBUG on as in `make run` (the settings default is off).
os.environ.setdefault("DEBUG", "1")
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

    from annual_reports import pdf as report_pdf

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
        from annual_reports import pdf as report_pdf
        from annual_reports import services
        from annual_reports.models import AnnualReport
        from annual_reports.pdf import render_report_html
        from annual_reports.selectors import report_context, report_strategy
        from annual_reports.tasks import render_report

        strategy = build(args.areas, args.actions)
        print(f"Synthetic strategy: {args.areas} goal areas x {args.actions} actions")

        # WeasyPrint's time inside the job itself, whatever else the job does around it.
        weasy_in_job = []
        inner = services.html_to_pdf

        def timed_html_to_pdf(html):
            started = time.perf_counter()
            try:
                return inner(html)
            finally:
                weasy_in_job.append(time.perf_counter() - started)

        services.html_to_pdf = timed_html_to_pdf
        # The Word version the same job writes beside the PDF, timed on its own.
        word_in_job = []
        inner_word = services.report_docx

        def timed_report_docx(context):
            started = time.perf_counter()
            try:
                return inner_word(context)
            finally:
                word_in_job.append(time.perf_counter() - started)

        services.report_docx = timed_report_docx

        def job(version, label):
            report = AnnualReport.objects.create(strategy=strategy, year=YEAR, version=version)
            _, elapsed = measure(label, lambda: render_report.apply((report.pk,)), args.tracemalloc)
            report.refresh_from_db()
            assert report.status == "done", report.error
            return report, elapsed

        report_pdf._WEASY_CACHE.clear()
        report, cold_job = job(1, "report job, cold (first in this process)")
        cold_weasy = weasy_in_job[-1]
        html = render_report_html(report_context(report_strategy(strategy.pk), YEAR))
        job_times, job_weasy, job_word, warm_times, fresh_times = [], [], [], [], []
        for run in range(args.repeat):
            report, elapsed = job(run + 2, f"report job, warm run {run + 1}")
            job_times.append(elapsed)
            job_weasy.append(weasy_in_job[-1])
            job_word.append(word_in_job[-1])
            _, elapsed = measure(
                f"WeasyPrint alone, run {run + 1}, worker's cache",
                lambda h=html: weasyprint_only(h, report_pdf._WEASY_CACHE),
                args.tracemalloc,
            )
            warm_times.append(elapsed)
            _, elapsed = measure(
                f"WeasyPrint alone, run {run + 1}, fresh cache",
                lambda h=html: weasyprint_only(h, {}),
                args.tracemalloc,
            )
            fresh_times.append(elapsed)
        services.html_to_pdf = inner
        services.report_docx = inner_word
        warm_word = statistics.median(job_word)
        warm_job, warm_weasy, alone_warm, alone_fresh = (
            statistics.median(t) for t in (job_times, job_weasy, warm_times, fresh_times)
        )
        pages = report.page_count
        print(
            f"\nPages: {pages}   PDF: {report.file.size / 1024:.0f} KiB   "
            f"warm figures are medians of {args.repeat} runs"
        )
        print(
            f"Cold job:  {cold_job:6.2f} s, of which WeasyPrint {cold_weasy:6.2f} s "
            f"({100 * cold_weasy / cold_job:.0f} %)"
        )
        print(
            f"Warm job:  {warm_job:6.2f} s, of which WeasyPrint {warm_weasy:6.2f} s "
            f"({100 * warm_weasy / warm_job:.0f} %), {warm_job / pages:.3f} s a page"
        )
        print(
            f"Outside WeasyPrint in a warm job (queries, templates, pypdf, file): "
            f"{warm_job - warm_weasy:5.2f} s ({100 * (warm_job - warm_weasy) / warm_job:.0f} %)"
        )
        print(
            f"Word version in a warm job: {warm_word:5.2f} s; the job without it: "
            f"{warm_job - warm_word:6.2f} s = {(warm_job - warm_word) / alone_warm:.2f}x "
            f"WeasyPrint alone (budget 1.2x)"
        )
        print(f"WeasyPrint alone, worker's cache: {alone_warm:6.2f} s (cross-check: ~ warm job's)")
        print(f"WeasyPrint alone, fresh cache:    {alone_fresh:6.2f} s (warm process)")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"Peak memory (max RSS of this process): {rss:.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
