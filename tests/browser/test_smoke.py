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


@pytest.mark.django_db(transaction=True)
def test_choosing_a_language_waits_for_the_switch_button(page):
    """WCAG 3.2.2 On Input: arrowing through the language menu must not reload the page."""
    page.goto("/")
    before = page.locator("html").get_attribute("lang")
    switcher = page.locator("#language-switcher")
    switcher.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.id") == "language-switcher"
    assert page.locator("html").get_attribute("lang") == before
    target = "sv" if before != "sv" else "nn"
    switcher.select_option(target)
    page.locator("form:has(#language-switcher) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == target
