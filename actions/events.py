"""What happened to a follow-up or an action, for whoever listens (notifications, in
`collaboration`).

Sent by `services` once the step's (or save's) transaction has committed, so a listener never acts
on a step that was rolled back. Signals, not calls, because `collaboration` builds on
`actions` and a lower app never imports a higher one. Every receiver gets
`follow_up` (as saved by the step) and `actor` (the user who took the step).
"""

from django.db import transaction
from django.dispatch import Signal

follow_up_submitted = Signal()
follow_up_returned = Signal()
follow_up_approved = Signal()


def send_on_commit(signal, follow_up, actor):
    """Send `signal` after the current transaction commits (at once outside one)."""
    transaction.on_commit(
        lambda: signal.send_robust(sender=type(follow_up), follow_up=follow_up, actor=actor)
    )


# What happened to an action. Receivers get `action` (as saved) and `actor`.
action_assigned = Signal()  # its responsible department changed (or it was created with one)
action_status_changed = Signal()  # its status changed


def send_action_on_commit(signal, action, actor):
    transaction.on_commit(
        lambda: signal.send_robust(sender=type(action), action=action, actor=actor)
    )
