"""The tests' settings: the project's, with DEBUG on as in `make run` (the quick start),
since the project's own default is off. Tests of production behaviour start the app in a
subprocess with DEBUG=0 (tests/security, tests/topology). Django's test runner still
renders pages with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "1")

from strategy_portal.settings import *  # noqa: E402,F403
