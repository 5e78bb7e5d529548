"""What the portal holds about one person (the right of access): their account, role,
settings, what they wrote and every history row that names them as the one who changed it.

`summary` reads it in a fixed number of queries (one per kind of row, one per history
table), whatever the person did; `export` is the same as data for a JSON download, with
each history row listed.
"""

from dataclasses import dataclass, field

from django.apps import apps

from accounts.models import Membership
from actions.models import FollowUp
from collaboration.models import Comment, Delivery, Evidence, Kind, NotificationSetting


def history_models():
    """Every history table (django-simple-history), by its model's name."""
    models = [
        m
        for m in apps.get_models()
        if hasattr(m, "instance_type") and any(f.name == "history_user" for f in m._meta.fields)
    ]
    return sorted(models, key=lambda m: m._meta.label)


@dataclass
class PersonalData:
    user: object
    membership: object
    counts: list = field(default_factory=list)  # (label, number)
    notification_settings: list = field(default_factory=list)  # (kind label, delivery label)
    history: list = field(default_factory=list)  # (model's name, rows the person wrote)


def _counts(user):
    return [
        ("follow_ups_submitted", FollowUp.objects.filter(submitted_by=user).count()),
        ("follow_ups_reviewed", FollowUp.objects.filter(reviewed_by=user).count()),
        ("comments", Comment.objects.filter(author=user).count()),
        ("evidence", Evidence.objects.filter(uploaded_by=user).count()),
        ("follows", user.watches.filter(following=True).count()),
        ("notifications", user.notifications.count()),
    ]


def _settings(user):
    chosen = dict(NotificationSetting.objects.filter(user=user).values_list("kind", "delivery"))
    return [(kind, chosen.get(kind, NotificationSetting.DEFAULT)) for kind in Kind.values]


def _membership(user):
    return Membership.objects.filter(user=user).select_related("municipality", "department").first()


def summary(user):
    data = PersonalData(user=user, membership=_membership(user))
    data.counts = _counts(user)
    data.notification_settings = [
        (Kind(kind).label, Delivery(delivery).label) for kind, delivery in _settings(user)
    ]
    for model in history_models():
        count = model.objects.filter(history_user=user).count()
        if count:
            data.history.append((model.instance_type._meta.verbose_name_plural, count))
    return data


def export(user):
    """Everything `summary` shows, as JSON-ready data, with each history row listed."""
    membership = _membership(user)
    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
        "membership": {
            "municipality": membership.municipality.name if membership.municipality else None,
            "role": membership.role,
            "department": membership.department.name if membership.department else None,
            "interface_language": membership.language or None,
        }
        if membership
        else None,
        "counts": dict(_counts(user)),
        "notification_settings": dict(_settings(user)),
        "history": [row for model in history_models() for row in _history_rows(model, user)],
    }


CHANGES = {"+": "created", "~": "changed", "-": "deleted"}


def _history_rows(model, user):
    key = model.instance_type._meta.pk.attname  # "id", or e.g. "municipality_id"
    rows = (
        model.objects.filter(history_user=user)
        .order_by("history_date", "history_id")
        .values_list(key, "history_date", "history_type", "history_change_reason")
    )
    return [
        {
            "table": model.instance_type._meta.label,
            "object_id": object_id,
            "date": date.isoformat(),
            "change": CHANGES.get(change, change),
            "reason": reason or "",
        }
        for object_id, date, change, reason in rows
    ]
