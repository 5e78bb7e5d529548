"""gunicorn settings for production (supervisord and systemd start it with `-c` this file).

SIGTERM (a deploy, `supervisorctl stop`, `systemctl stop`) is a graceful stop: the master
stops accepting, each worker finishes the request it is serving within
`graceful_timeout`, then exits. The supervisor waits a little longer than that before it
kills anything (supervisord `stopwaitsecs`, systemd `TimeoutStopSec`).
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# A request that runs longer than this is a bug or an attack: its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# In-flight requests get this long to finish on SIGTERM.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "25"))
# Recycle workers now and then (memory a long-lived process never gives back).
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The TLS proxy on the same host sets X-Forwarded-Proto; Django reads it (settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
