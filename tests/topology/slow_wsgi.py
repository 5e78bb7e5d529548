"""The portal's WSGI application with one slow address, for the graceful-stop test.

`/__slow__/` writes its worker's pid to $SLOW_MARKER when it starts, takes $SLOW_SECONDS,
then answers; every other address is the portal itself. Served by gunicorn with the
production configuration (deploy/gunicorn.conf.py) under supervisord, so the test sees a
request in flight when the web server is told to stop. Never part of a deployment.
"""

import os
import time
from pathlib import Path

from strategy_portal.wsgi import application as portal

SLOW_PATH = "/__slow__/"
SLOW_ANSWER = b"finished after the stop began"


def application(environ, start_response):
    if environ.get("PATH_INFO") != SLOW_PATH:
        return portal(environ, start_response)
    Path(os.environ["SLOW_MARKER"]).write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("SLOW_SECONDS", "5")))
    headers = [("Content-Type", "text/plain"), ("Content-Length", str(len(SLOW_ANSWER)))]
    start_response("200 OK", headers)
    return [SLOW_ANSWER]
