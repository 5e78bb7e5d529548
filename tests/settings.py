"""The tests' settings: the project's, with DEBUG on as in `make run` (the quick start),
since the project's own default is off. Tests of production behaviour start the app in a
subprocess with DEBUG=0 (tests/security, tests/topology). Django's test runner still
renders pages with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")

from strategy_portal.settings import *  # noqa: E402,F403

# Tests share no cache between processes (xdist workers, test databases reuse ids): each
# process has its own memory, emptied before every test (tests/conftest.py). The Redis
# cache has tests of its own (tests/dashboard/test_cache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
