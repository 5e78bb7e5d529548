"""Text with HTML or script in it is stored as typed and always shown escaped."""

from django.urls import reverse

from actions.models import FollowUp

from .helpers import THIS_YEAR, follow_up_data

SCRIPT = '<script>alert("x")</script><b>fet</b>'


def test_html_in_follow_up_and_action_is_shown_escaped(client, users, time_plan):
    day = time_plan["day"]
    client.force_login(users["editor"])
    client.post(
        reverse("actions:follow_up_new", args=[day.pk]),
        follow_up_data(what_was_done=SCRIPT, contribution_to_goals=SCRIPT),
    )
    follow_up = FollowUp.objects.get(action=day, year=THIS_YEAR)
    assert follow_up.what_was_done == SCRIPT
    day.title = SCRIPT
    day.save()

    for url in [
        reverse("actions:follow_up", args=[follow_up.pk]),
        reverse("actions:detail", args=[day.pk]),
        reverse("actions:plan", args=[time_plan["strategy"].slug]),
        reverse("actions:my_work"),
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url
