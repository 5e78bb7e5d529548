"""Plan versions inside transactions (issue 12): an import of many rows writes the cache
once, at its commit; a rolled-back write leaves no entry anyone is served."""

import pytest
from django.core.cache import cache
from django.db import transaction

from actions.models import Action
from dashboards.cache import cached_for_plan

from .scenario import build_time_like

# Real commits and rollbacks, as a request or an import has them.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def plan():
    return build_time_like(published=True)


def test_many_rows_saved_in_one_transaction_write_the_version_once(plan, monkeypatch):
    municipality = plan["municipality"]
    writes = []
    real_set = cache.set

    def counting_set(key, *args, **kwargs):
        writes.append(key)
        return real_set(key, *args, **kwargs)

    monkeypatch.setattr(cache, "set", counting_set)
    with transaction.atomic():
        for action in Action.objects.filter(strategy__municipality=municipality):
            action.title += " (importert)"
            action.save()
        # The transaction's own reads see its writes, the last one too.
        inside = cached_for_plan(municipality.pk, ["test"], lambda: "after the writes")
    assert inside == "after the writes"
    version_writes = [key for key in writes if key == f"plan-version:{municipality.pk}"]
    assert len(version_writes) == 1, writes
    # After the commit, a figure is computed anew, not served from before it.
    assert cached_for_plan(municipality.pk, ["test"], lambda: "committed") == "committed"


def test_a_page_computed_inside_a_rolled_back_write_is_never_served(plan):
    municipality = plan["municipality"]
    action = Action.objects.filter(strategy__municipality=municipality).first()
    assert cached_for_plan(municipality.pk, ["title"], lambda: action.title) == action.title
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            Action.objects.filter(pk=action.pk).update(title="Never kept")
            action.refresh_from_db()
            action.save()  # the signal: a write to the plan
            seen = cached_for_plan(municipality.pk, ["title"], lambda: action.title)
            assert seen == "Never kept"
            raise RuntimeError("rolled back")
    action.refresh_from_db()
    assert cached_for_plan(municipality.pk, ["title"], lambda: action.title) != "Never kept"
    # A write after the rollback is seen on the next read.
    with transaction.atomic():
        action.title = "Kept"
        action.save()
    assert cached_for_plan(municipality.pk, ["title"], lambda: action.title) == "Kept"


def test_a_rolled_back_savepoint_leaves_no_entry_its_transaction_reads(plan):
    municipality = plan["municipality"]
    action = Action.objects.filter(strategy__municipality=municipality).first()
    with transaction.atomic():
        action.save()  # the transaction has written to the plan already
        try:
            with transaction.atomic():
                Action.objects.filter(pk=action.pk).update(title="Never kept")
                action.refresh_from_db()
                action.save()
                assert cached_for_plan(municipality.pk, ["t"], lambda: action.title) == "Never kept"
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        action.refresh_from_db()
        assert cached_for_plan(municipality.pk, ["t"], lambda: action.title) != "Never kept"
