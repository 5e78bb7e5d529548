from django.utils.functional import cached_property

from . import notifications


class Bell:
    """The top bar's unread count: one query, and only on a page that shows it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self):
        return notifications.unread_count(self.user)


def bell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}
