"""My work's late list names an action's planned end as the plan dates it (issue 18): an
action planned to end last year ("2025") is late now and shows "2025", not 31 December;
one planned to end this year is not late before the year has ended."""

import datetime

from django.urls import reverse

from tests.factories import ActionFactory

from .helpers import THIS_YEAR
from .test_my_work import _section


def test_a_year_end_shows_as_the_year_and_is_late_only_after_it(client, users, time_plan):
    def action(title, year):
        return ActionFactory(
            goal_area=time_plan["area"],
            title=title,
            responsible=time_plan["business"],
            planned_end=datetime.date(year, 12, 31),
            planned_end_precision="year",
        )

    action("Ferdig i fjor", THIS_YEAR - 1)
    action("Ferdig i år", THIS_YEAR)
    client.force_login(users["editor"])
    late = _section(client.get(reverse("actions:my_work")).content.decode(), "Late actions")
    assert "Ferdig i fjor" in late and "Ferdig i år" not in late
    assert f"planned end {THIS_YEAR - 1}" in " ".join(late.split())
    assert f"31.12.{THIS_YEAR - 1}" not in late
