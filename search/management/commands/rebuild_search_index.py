from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from goals.models import Municipality
from search.index import rebuild


class Command(BaseCommand):
    help = _("Write the search index anew, for data loaded without the portal (bulk inserts, SQL).")

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help=_("Only this municipality (its slug)."))

    def handle(self, *args, **options):
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(
                    _("No municipality with the slug %(slug)s.") % {"slug": options["municipality"]}
                )
        count = rebuild(municipality)
        self.stdout.write(_("Search index written: %(count)s rows.") % {"count": count})
