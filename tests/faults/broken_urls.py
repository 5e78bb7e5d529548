"""A URLconf whose front page raises a plain bug (tests/faults/test_database_down.py)."""

from django.urls import path

from strategy_portal.urls import handler500, urlpatterns  # noqa: F401


def broken(request):
    raise ValueError("a bug, not the database")


urlpatterns = [path("", broken), *urlpatterns]
