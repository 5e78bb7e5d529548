"""An e-mail backend for tests with a real worker process: each message is written as a
JSON file to TEST_MAIL_DIR, Django's mail outbox as another process can read it."""

import json
import os
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        folder = Path(os.environ["TEST_MAIL_DIR"])
        for message in messages:
            data = {"to": message.to, "subject": message.subject, "body": message.body}
            path = folder / f"{uuid.uuid4().hex}.json"
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False))
            tmp.rename(path)  # a reader never sees half a message
        return len(messages)


def outbox(folder):
    """The messages written so far, as dicts (to, subject, body)."""
    return [json.loads(path.read_text()) for path in sorted(Path(folder).glob("*.json"))]
