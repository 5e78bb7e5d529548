"""After a write, readers who miss the same cached entry at once wait for one computation
of it instead of each computing it (a busy plan's dashboard after a save), and a
computation that never finishes does not keep them waiting longer than a moment."""

import threading

import pytest
from django.core.cache import cache

from dashboards import cache as plan_cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_readers_missing_together_share_one_computation():
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow():
        calls.append("first")
        started.set()
        release.wait(5)
        return "figures"

    def second():
        calls.append("second")
        return "computed again"

    answers = {}
    first = threading.Thread(target=lambda: answers.update(a=plan_cache.cached(["x", 1], slow)))
    first.start()
    assert started.wait(5)
    waiting = threading.Thread(target=lambda: answers.update(b=plan_cache.cached(["x", 1], second)))
    waiting.start()
    release.set()
    first.join(5)
    waiting.join(5)
    assert answers == {"a": "figures", "b": "figures"}
    assert calls == ["first"]
    # The claim is given back: the next entry is computed again at once.
    assert plan_cache.cached(["x", 2], lambda: "next") == "next"


def test_a_claim_left_by_a_dead_worker_delays_a_reader_only_briefly(monkeypatch):
    monkeypatch.setattr(plan_cache, "WAIT_FOR_CLAIM", 0.2)
    cache.add("figures:x:3:claim", 1, 60)  # claimed, then the worker died
    assert plan_cache.cached(["x", 3], lambda: "computed") == "computed"


def test_a_failed_computation_gives_its_claim_back():
    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        plan_cache.cached(["x", 4], broken)
    assert plan_cache.cached(["x", 4], lambda: "computed") == "computed"
