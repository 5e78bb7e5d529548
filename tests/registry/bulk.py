"""Many published municipalities at once (bulk inserts), for pages that must cost the same
number of queries with 3 municipalities as with 60."""

from goals.models import Municipality, Strategy
from partners.models import Partner, TwinTown


def many_municipalities(count, *, first=0, country="NO", published=True, county=""):
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            slug=f"bulk-{country.lower()}-{i}",
            name=f"Bulk {country} {i:04d}",
            country=country,
            county=county,
            language="nb" if country == "NO" else "sv",
            currency="NOK" if country == "NO" else "SEK",
            label_goal_area="Satsingsområde",
            label_goal_area_plural="Satsingsområder",
            label_goal="Mål",
            label_strategy_point="Strategi",
            label_action="Tiltak",
            label_action_plural="Tiltak",
            is_published=published,
        )
        for i in range(first, first + count)
    )
    Strategy.objects.bulk_create(
        Strategy(
            municipality=m,
            slug=f"{m.slug}-strategi",
            title=f"Internasjonal strategi {m.name}",
            period_start=2024,
            period_end=2027,
            status=Strategy.Status.ADOPTED,
        )
        for m in municipalities
    )
    TwinTown.objects.bulk_create(
        TwinTown(municipality=m, key=f"by-{t}", name=f"Vennskapsby {t}", country="Sverige")
        for m in municipalities
        for t in range(2)
    )
    Partner.objects.bulk_create(
        Partner(municipality=m, key="ks", name="KS", kind="organisation") for m in municipalities
    )
    return municipalities
