"""Money, numbers and dates in the reader's local format: 1 234,50 kr."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

NBSP = "\u00a0"


@pytest.mark.parametrize("language", ["nb", "nn", "sv"])
def test_money_is_grouped_with_a_decimal_comma_and_kr(language):
    with translation.override(language):
        text = Template("{% load portal %}{{ v|money:'NOK' }}").render(
            Context({"v": Decimal("1234.5")})
        )
    assert text.replace(NBSP, " ") == "1 234,50 kr"


def test_money_in_english_uses_english_separators():
    with translation.override("en"):
        text = Template("{% load portal %}{{ v|money:'SEK' }}").render(
            Context({"v": Decimal("1234.5")})
        )
    assert text.replace(NBSP, " ") == "1,234.50 kr"


def test_missing_amount_is_a_dash_not_zero():
    assert Template("{% load portal %}{{ v|money:'NOK' }}").render(Context({"v": None})) == "–"


@pytest.mark.django_db
def test_follow_up_page_shows_money_in_the_users_format(client, settings):
    from accounts.models import Role
    from tests.factories import FollowUpFactory, member

    follow_up = FollowUpFactory(money_spent=Decimal("45000"), hours=Decimal("1480.5"))
    client.force_login(member(Role.COORDINATOR, follow_up.action.strategy.municipality))
    client.cookies["django_language"] = "nn"
    page = client.get(follow_up.get_absolute_url()).content.decode().replace(NBSP, " ")
    assert "45 000,00 kr" in page
    assert "1 480,5" in page
