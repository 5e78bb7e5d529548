import pytest

from tests.browser.conftest import assert_accessible, screenshot
from tests.factories import GoalAreaFactory, MunicipalityFactory, StrategyFactory


@pytest.mark.django_db(transaction=True)
def test_front_page_in_a_real_browser_is_accessible(page):
    municipality = MunicipalityFactory(name="Arvika kommun", is_published=True, language="sv")
    strategy = StrategyFactory(
        municipality=municipality, title="Program för internationellt arbete"
    )
    GoalAreaFactory(strategy=strategy, title="En attraktiv kommun")
    page.goto("/")
    assert page.get_by_role("heading", level=1).count() == 1
    page.get_by_role("link", name="Program för internationellt arbete").click()
    assert "En attraktiv kommun" in page.content()
    assert_accessible(page)
    screenshot(page, "smoke-strategy")
