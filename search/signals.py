"""Keep the search index current on every write (the same signals as dashboards/cache.py:
the portal's services, the admin, the importer and a restore all save through the ORM)."""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from actions.models import Action
from goals.models import Goal, Municipality
from partners.models import Partner, TwinTown

from . import index
from .models import SearchEntry

Kind = SearchEntry.Kind


def _action_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_actions(Action.objects.filter(pk=instance.pk))


def _action_links_changed(sender, instance, action, reverse=False, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Action):
        index.index_actions(Action.objects.filter(pk=instance.pk))
    elif pk_set:  # from the partner's or twin town's side
        index.index_actions(Action.objects.filter(pk__in=pk_set))


def _goal_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.index_goals(Goal.objects.filter(pk=instance.pk))


def _partner_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.index_partners(Partner.objects.filter(pk=instance.pk))
    index.index_actions(Action.objects.filter(partners=instance))  # its name is in theirs


def _twin_town_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index.index_twin_towns(TwinTown.objects.filter(pk=instance.pk))
    index.index_actions(Action.objects.filter(twin_towns=instance))


def _municipality_saved(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    # Its name is in its partners' and twin towns' rows, its language picks the stemming.
    if raw or created:
        return
    if update_fields is not None and not {"name", "language"} & set(update_fields):
        return
    index.rebuild(instance)


def _deleted(kind):
    def receiver(sender, instance, **kwargs):
        index.unindex(kind, instance.pk)

    return receiver


def _after_migrate(sender, app_config=None, using="default", **kwargs):
    """A first install with data already in it (or data loaded by SQL) gets its index."""
    if app_config is not None and app_config.label == "search" and using == "default":
        if index.is_empty_but_data_exists():
            index.rebuild()


def connect():
    uid = "search-index"
    post_save.connect(_action_saved, sender=Action, dispatch_uid=f"{uid}-action")
    post_save.connect(_goal_saved, sender=Goal, dispatch_uid=f"{uid}-goal")
    post_save.connect(_partner_saved, sender=Partner, dispatch_uid=f"{uid}-partner")
    post_save.connect(_twin_town_saved, sender=TwinTown, dispatch_uid=f"{uid}-twin-town")
    post_save.connect(_municipality_saved, sender=Municipality, dispatch_uid=f"{uid}-municipality")
    for model, kind in [
        (Action, Kind.ACTION),
        (Goal, Kind.GOAL),
        (Partner, Kind.PARTNER),
        (TwinTown, Kind.TWIN_TOWN),
    ]:
        post_delete.connect(
            _deleted(kind), sender=model, dispatch_uid=f"{uid}-{kind}-delete", weak=False
        )
    for field in ("partners", "twin_towns"):
        m2m_changed.connect(
            _action_links_changed,
            sender=getattr(Action, field).through,
            dispatch_uid=f"{uid}-action-{field}",
        )
    post_migrate.connect(_after_migrate, dispatch_uid=f"{uid}-migrate")
