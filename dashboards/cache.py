"""Cached figures: what is computed is cached, never who may see it.

A municipality's plan has a version token in the cache; every write to any of its rows
(saves, deletes and many-to-many changes of the plan's models, whichever path made them:
the portal's services, the admin, the importer, a restore) sets a new token, through the
signals connected in `connect_signals` (once per plan per transaction, at its commit:
`bump`). Cached entries are keyed by that token, so a write is seen on the very next
page. Tokens are random, never counters: a token lost from the cache (evicted, Redis
restarted) can never come back and revive old entries.

Permission checks run before any of this, on every request; cached values are the same
for everyone who may see them (the key holds whether only approved follow-ups count, and
the language). A cache that fails is logged and skipped: pages are computed as if
nothing were cached, never a server error.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)

# Entries expire after a while anyway: a cache without eviction never fills up with old
# versions, and a write that bypassed the model's signals (a bulk update by hand, SQL)
# shows within minutes.
TIMEOUT = 5 * 60
EVERY_PLAN = "all"
# A version outlives every entry made under it; one that expires is simply made anew.
VERSION_TIMEOUT = 7 * 24 * 3600


def _version_key(municipality_id):
    return f"plan-version:{municipality_id}"


def _token():
    return uuid.uuid4().hex[:16]


def _changed_key(municipality_id):
    return f"plan-changed:{municipality_id}"


# A follow-up's narrative (what was done, other resources, its contribution to the goals)
# shows on the public plan, the follow-up's page, my work and the report, never in a
# figure: a save that changes nothing else (staff writing a draft's text, save after save)
# sets this version only, and the dashboards' figures, cached under the plan's version
# alone (`narrative=False`), stay as they are. Entries default to both.
def _narrative(municipality_id):
    return f"{municipality_id}:narrative"


def _keys(municipality_id, narrative):
    return (municipality_id, _narrative(municipality_id)) if narrative else (municipality_id,)


# Bumped on every write, whichever plan: when anything published last changed.
ANY_PLAN = "any"


def plan_version(municipality_id, *, narrative=True):
    """The plan's current token (and the one every plan shares), made if missing; inside
    a transaction that wrote to the plan, also that transaction's own token (`bump`).
    `narrative`: changed by a follow-up's narrative too (see `_narrative`)."""
    return plan_versions([municipality_id], narrative=narrative)[municipality_id]


def plan_versions(municipality_ids, *, narrative=True):
    """`plan_version` of each of `municipality_ids`, in one cache read."""
    ids = list(dict.fromkeys(municipality_ids))
    keys = [_version_key(key) for pk in ids for key in _keys(pk, narrative)]
    keys.append(_version_key(EVERY_PLAN))
    found = cache.get_many(keys)
    missing = {key: _token() for key in keys if key not in found}
    if missing:
        # add(): two requests making a token at once agree on the first one stored.
        for key, token in missing.items():
            cache.add(key, token, VERSION_TIMEOUT)
        found = cache.get_many(keys)
    pending = _pending_bumps()
    every = str(found.get(_version_key(EVERY_PLAN), "none"))
    versions = {}
    for pk in ids:
        mine = _keys(pk, narrative)
        shared = [str(found.get(_version_key(key), "none")) for key in mine] + [every]
        own = [pending[key].token for key in (*mine, EVERY_PLAN) if key in pending]
        versions[pk] = "-".join(shared + own)
    return versions


def _set_token(key):
    """A new shared token for plan `key` (EVERY_PLAN: all), and the time it changed."""
    if not _available():
        return  # entries stored before it went down expire within TIMEOUT
    try:
        cache.set(_version_key(key), _token(), VERSION_TIMEOUT)
        now = time.time()
        cache.set_many({_changed_key(key): now, _changed_key(ANY_PLAN): now}, VERSION_TIMEOUT)
    except Exception:  # noqa: BLE001 - a cache that is down has nothing to invalidate
        _failed("bumping a plan version")


class _PendingBump:
    """The writes of one transaction to one plan: a token of the transaction's own, new
    at each write (its own later reads never see an entry made before that write), and a
    shared token once it commits (`on_commit`, registered once per plan per
    transaction however many rows it writes)."""

    def __init__(self, key):
        self.key, self.done = key, False
        self.token, self.at = _token(), time.time()

    def __call__(self):
        self.done = True
        _set_token(self.key)


def _pending_bumps():
    """{plan key: _PendingBump} of the current transaction (empty outside one).

    Kept beside the connection's list of on-commit callbacks: Django replaces that list
    when the transaction commits or rolls back, or a savepoint rolls back, so a bump
    whose callback went with it (rolled back, or run) is dropped, never trusted."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return {}
    state = getattr(connection, "_plan_bumps", None)
    if state is None or state[0] is not connection.run_on_commit:
        registered = {id(func) for _sids, func, _robust in connection.run_on_commit}
        kept = {}
        if state is not None:
            kept = {key: bump for key, bump in state[1].items() if id(bump) in registered}
        for bump in kept.values():
            # A savepoint rolled back: what was cached under the token it had is gone.
            bump.token = _token()
        state = (connection.run_on_commit, kept)
        connection._plan_bumps = state
    return {key: bump for key, bump in state[1].items() if not bump.done}


def bump(municipality_id=None, *, narrative_only=False):
    """A write to the plan of `municipality_id` (None: it could not be told, so every
    plan); `narrative_only`: to a follow-up's narrative and nothing else (`_narrative`).
    Outside a transaction: a new shared token now. Inside one: a new token of the
    transaction's own now (its reads see its writes; nobody else sees either before the
    commit, and a rollback leaves no entry anyone can reach), and one new shared token
    when it commits, so a page computed from the data before the commit is not kept under
    it, and an import of thousands of rows writes the cache once, not per row."""
    key = municipality_id or EVERY_PLAN
    if narrative_only and municipality_id:
        key = _narrative(municipality_id)
    if not transaction.get_connection().in_atomic_block:
        _set_token(key)
        return
    pending = _pending_bumps()
    if key in pending:
        pending[key].token, pending[key].at = _token(), time.time()
        return
    entry = _PendingBump(key)
    transaction.get_connection()._plan_bumps[1][key] = entry
    transaction.on_commit(entry)


def plan_changed_at(municipality_id=ANY_PLAN):
    """When the plan of `municipality_id` (ANY_PLAN: any plan) last changed, as a Unix
    time, for the open-data API's Last-Modified. A time lost from the cache (or a cache
    that is down) counts as now: later than the truth is safe (a client downloads again),
    earlier never happens. The current transaction's own writes count too."""
    now = time.time()
    pending = _pending_bumps()
    mine = _keys(municipality_id, narrative=True)
    own = [
        bump.at
        for key, bump in pending.items()
        if municipality_id == ANY_PLAN or key in (*mine, EVERY_PLAN)
    ]
    if not _available():
        return now
    keys = [_changed_key(key) for key in mine] + [_changed_key(EVERY_PLAN)]
    if municipality_id == ANY_PLAN:
        keys = keys[:1]
    try:
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                cache.add(key, now, VERSION_TIMEOUT)
        found = cache.get_many(keys)
    except Exception:  # noqa: BLE001
        _failed("reading when a plan changed")
        return now
    return max([*(float(found.get(key, now)) for key in keys), *own], default=now)


# After a failure the cache is left alone for a while: a Redis that hangs would otherwise
# cost every page its socket timeout, several times over.
PAUSE_AFTER_FAILURE = 30
_paused_until = 0.0


def _available():
    return time.monotonic() >= _paused_until


def _failed(what):
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
    log.warning(
        "Cache unavailable (%s): pages computed without it for %s s",
        what,
        PAUSE_AFTER_FAILURE,
        exc_info=True,
    )


# One computation per entry: after a write, every reader of a busy plan misses the same
# entry at once, and on a loaded server each duplicate would cost a full computation (a
# load test counted a third of them duplicates). The first to miss claims the entry; the
# others wait for its result, and compute it themselves only if it does not come (the
# claim expires: a worker that died never blocks the page).
CLAIM_TIMEOUT = 10
WAIT_FOR_CLAIM = 2.0
POLL_INTERVAL = 0.02


def cached(parts, compute):
    """compute(), cached under `parts` (which must hold the plan's version)."""
    key = "figures:" + ":".join(str(part) for part in parts)
    try:
        value = cache.get(key)
        if value is not None:
            return value
        claimed = cache.add(key + ":claim", 1, CLAIM_TIMEOUT)
        if not claimed:
            value = _wait_for(key)
            if value is not None:
                return value
    except Exception:  # noqa: BLE001
        _failed(f"reading {key}")
        return compute()
    try:
        value = compute()
        try:
            cache.set(key, value, TIMEOUT)
        except Exception:  # noqa: BLE001
            _failed(f"storing {key}")
    finally:
        if claimed:
            _release(key)
    return value


def _wait_for(key):
    """The value another request is computing for `key`, once stored; None after
    WAIT_FOR_CLAIM or once its claim is gone without a value (it failed)."""
    deadline = time.monotonic() + WAIT_FOR_CLAIM
    while time.monotonic() < deadline:
        time.sleep(POLL_INTERVAL)
        found = cache.get_many([key, key + ":claim"])
        if key in found or key + ":claim" not in found:
            return found.get(key)
    return None


def _release(key):
    try:
        cache.delete(key + ":claim")
    except Exception:  # noqa: BLE001
        _failed(f"releasing {key}")


def cached_for_plan(municipality_id, parts, compute, *, narrative=True):
    """compute(), cached under the plan's version; `narrative=False` for an entry that
    shows no follow-up's narrative (figures), kept when only a narrative changes."""
    if not _available():
        return compute()
    try:
        version = plan_version(municipality_id, narrative=narrative)
    except Exception:  # noqa: BLE001
        _failed("reading the plan version")
        return compute()
    return cached([municipality_id, version, *parts], compute)


def cached_for_plans(entries, compute, *, narrative=True):
    """{name: value} for `entries`, {name: (municipality_id, parts)}: each cached as
    `cached_for_plan` would, read in two cache calls however many there are;
    `compute(names)` gives {name: value} for those missing (one call). A name that
    `compute` leaves out (no longer visible, deleted) is left out of the answer."""
    if not _available():
        return compute(list(entries))
    try:
        versions = plan_versions(
            [municipality_id for municipality_id, _ in entries.values()], narrative=narrative
        )
        keys = {
            name: "figures:" + ":".join(str(part) for part in [pk, versions[pk], *parts])
            for name, (pk, parts) in entries.items()
        }
        found = cache.get_many(list(keys.values()))
    except Exception:  # noqa: BLE001
        _failed("reading cached entries")
        return compute(list(entries))
    values = {name: found[key] for name, key in keys.items() if key in found}
    missing = [name for name in entries if name not in values]
    if missing:
        made = compute(missing)
        try:
            cache.set_many({keys[name]: value for name, value in made.items()}, TIMEOUT)
        except Exception:  # noqa: BLE001
            _failed("storing cached entries")
        values.update(made)
    return values


# --- Which writes change a plan ---------------------------------------------------------

PLAN_MODELS = [
    "goals.Municipality",
    "goals.Strategy",
    "goals.GoalArea",
    "goals.Goal",
    "goals.StrategyPoint",
    "goals.PlanStatement",
    "goals.Amendment",
    "goals.PlanGoal",
    "goals.ResponsibleParty",
    "partners.Partner",
    "partners.TwinTown",
    "partners.TwinTownStatusChange",
    "partners.TwinTownAgreement",
    "actions.Action",
    "actions.Milestone",
    "actions.Indicator",
    "actions.IndicatorValue",
    "actions.FollowUp",
    "actions.ExternalFunding",
    # The links to the SDGs and other frameworks, and the frameworks a strategy names.
    "frameworks.StrategyFramework",
    "frameworks.GoalAreaLink",
    "frameworks.StrategyPointLink",
    "frameworks.GoalLink",
    "frameworks.ActionLink",
    # The shared frameworks' names and colours show on every plan's cached pages (no
    # municipality of their own: `_changed` bumps every plan).
    "frameworks.Framework",
    "frameworks.FrameworkItem",
]


# Rows of one municipality (core.tenancy) that no cached page shows, so their writes leave
# the plan's entries alone. Every other model with a path to a municipality must bump the
# plan version (here or in its app, as frameworks does): tests/dashboard/test_cache.py
# walks every model and fails for one that does neither.
NOT_ON_CACHED_PAGES = {
    "accounts.Membership": "who may see a page is checked on every request, never cached",
    "collaboration.Watch": "a member's own watch list",
    "collaboration.Comment": "comments show on the action's own page, which is not cached",
    "collaboration.Evidence": "evidence shows on the follow-up's own page, not cached",
    "annual_reports.AnnualReport": "the report job's state, shown uncached on the reports page",
    "annual_reports.ReportText": "the report's own texts, read by the report job only",
    "statutory.MunicipalityAccessibility": "the accessibility statement, not cached",
    "search.SearchEntry": "the search index, written with the plan rows it indexes",
    "goals.MunicipalityLogo": "the logo is served by its own view, not cached pages",
}


def _municipality_id(instance):
    from core.tenancy import municipality_of

    try:
        municipality = municipality_of(instance)
    except Exception:  # noqa: BLE001 - a row being deleted with its parents
        return None
    return getattr(municipality, "pk", None)


def _changed(sender, instance, update_fields=None, **kwargs):
    # A save of named columns that are all narrative (`narrative_fields` on the model,
    # and the version every save sets) changes no figure.
    narrative = {*getattr(sender, "narrative_fields", ()), "version"}
    narrative_only = bool(update_fields) and set(update_fields) <= narrative
    bump(_municipality_id(instance), narrative_only=narrative_only)


def _m2m_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump(_municipality_id(instance))


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in PLAN_MODELS:
        model = apps.get_model(label)
        uid = f"plan-version-{label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _m2m_changed, sender=through, dispatch_uid=f"{uid}-{field.name}-m2m"
            )
