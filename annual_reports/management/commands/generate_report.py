"""Render a strategy's annual report to a PDF file, synchronously (no broker needed)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annual_reports import services
from annual_reports.pdf import pdf_facts
from goals.models import Strategy


def find_strategy(slug, year):
    """A strategy slug, or a municipality slug: then its strategy covering `year`."""
    strategy = Strategy.objects.select_related("municipality").filter(slug=slug).first()
    if strategy is not None:
        return strategy
    candidates = (
        Strategy.objects.covering(year)
        .select_related("municipality")
        .filter(municipality__slug=slug)
    )
    # Prefer the adopted plan over drafts and superseded ones, then the newest.
    ordered = sorted(
        candidates, key=lambda s: (s.status != Strategy.Status.ADOPTED, -(s.period_start or 0))
    )
    strategy = ordered[0] if ordered else None
    if strategy is None:
        raise CommandError(
            f"No strategy '{slug}', and no strategy of municipality '{slug}' covers {year}."
        )
    return strategy


class Command(BaseCommand):
    help = "Generate the annual report of a strategy (or a municipality's strategy) as PDF."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="strategy slug, or municipality slug")
        parser.add_argument("year", type=int)
        parser.add_argument("-o", "--output", help="PDF file to write (default: <slug>-<year>.pdf)")
        parser.add_argument(
            "--no-record",
            action="store_true",
            help="do not record the run as a new AnnualReport version",
        )

    def handle(self, slug, year, output=None, no_record=False, **options):
        strategy = find_strategy(slug, year)
        if not strategy.covers_year(year):
            raise CommandError(f"{year} is outside the strategy period {strategy.period_label}.")
        pdf, report = services.generate_now(strategy, year, record=not no_record)
        path = Path(output or f"{strategy.slug}-{year}.pdf")
        path.write_bytes(pdf)
        _checksum, pages = pdf_facts(pdf)
        recorded = f", version {report.version}" if report else ""
        self.stdout.write(f"Wrote {path} ({pages} pages{recorded}).")
