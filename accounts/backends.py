"""Sign-in by username and password, as Django's own backend, and a cheaper signed-in
page: the user of a session is read with their membership and its municipality in one
query, since nearly every page asks for both (permissions, language, menu)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("membership__municipality")
        try:
            user = users.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
