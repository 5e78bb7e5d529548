"""Sessions read from the cache, kept in the database: Django's `cached_db`, except that a
cache that is down (Redis stopped) never turns a page into a server error: the session is
then read from and written to the database alone."""

import logging

from django.contrib.sessions.backends import cached_db, db

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    def load(self):
        try:
            return super().load()
        except Exception:  # noqa: BLE001 - the cache failed after the database answered
            log.warning("Session cache unavailable: reading the database", exc_info=True)
            return db.SessionStore.load(self)

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except Exception:  # noqa: BLE001
            return db.SessionStore.exists(self, session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)
        except Exception:  # noqa: BLE001
            log.warning("Session cache unavailable: deleting in the database", exc_info=True)
            db.SessionStore.delete(self, session_key)
