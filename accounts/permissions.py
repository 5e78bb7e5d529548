"""Who may see and change what. Every view, the admin and the report job ask here.

Rules:
- admin (superuser or role admin): everything, all municipalities;
- coordinator: the whole plan of their municipality, reviews follow-ups, partners, reports;
- editor: the actions their department is responsible for, and those actions' follow-ups;
- politician: reads everything of their municipality, edits nothing;
- anonymous: only a published municipality's plan, figures and approved follow-ups;
- a draft strategy: members of its municipality (and admins) only, published or not.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from goals.models import Strategy

from .models import Membership, Role


def membership_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def is_admin(user):
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    m = membership_of(user)
    return m is not None and m.role == Role.ADMIN


def role_in(user, municipality):
    """The user's role in this municipality, or None if they do not belong to it."""
    if is_admin(user):
        return Role.ADMIN
    m = membership_of(user)
    if m is None or m.municipality_id != municipality.pk:
        return None
    return m.role


def is_staff_member(user):
    """Admins, and members of a municipality. A membership without one (only admins may
    lack it) grants nothing, not "all municipalities"."""
    if is_admin(user):
        return True
    m = membership_of(user)
    return m is not None and m.municipality_id is not None


def can_view(user, municipality):
    return role_in(user, municipality) is not None or municipality.is_published


def can_view_internal(user, municipality):
    """Drafts, internal comments and unapproved follow-ups: members only."""
    return role_in(user, municipality) is not None


def can_edit_plan(user, municipality):
    return role_in(user, municipality) in {Role.ADMIN, Role.COORDINATOR}


# `action_edit_scope`: every action of the municipality, or none.
EVERY_ACTION, NO_ACTION = "every", "none"


def action_edit_scope(user, municipality):
    """Which of the municipality's actions the user may edit: EVERY_ACTION, NO_ACTION, or
    the id of the department whose actions they are (an editor). The one rule behind
    `can_edit_action`; also a cache key part for pages that show edit controls per row
    (the plan list), so two users with the same scope see the same controls."""
    role = role_in(user, municipality)
    if role in {Role.ADMIN, Role.COORDINATOR}:
        return EVERY_ACTION
    if role == Role.EDITOR:
        department_id = membership_of(user).department_id
        return NO_ACTION if department_id is None else department_id
    return NO_ACTION


def may_edit_in_scope(scope, action):
    """`can_edit_action` for a scope from `action_edit_scope`."""
    return scope == EVERY_ACTION or (scope != NO_ACTION and scope == action.responsible_id)


def can_edit_action(user, action):
    return may_edit_in_scope(action_edit_scope(user, action.strategy.municipality), action)


def can_write_follow_up(user, action):
    return can_edit_action(user, action)


def can_review_follow_up(user, municipality):
    return can_edit_plan(user, municipality)


def can_manage_partners(user, municipality):
    return can_edit_plan(user, municipality)


def can_generate_report(user, municipality):
    return can_edit_plan(user, municipality)


def can_download_report(user, municipality):
    return role_in(user, municipality) in {Role.ADMIN, Role.COORDINATOR, Role.POLITICIAN}


def visible_municipalities(user, queryset):
    """Municipalities this user may read: all for admins, own + published for others."""
    if is_admin(user):
        return queryset
    m = membership_of(user)
    condition = Q(is_published=True)
    if m is not None and m.municipality_id:
        condition |= Q(pk=m.municipality_id)
    return queryset.filter(condition)


def require_view(user, municipality):
    """Another municipality's data is a 404, never a hint that it exists."""
    if not can_view(user, municipality):
        raise Http404


# --- Strategies: a draft is the members' working paper -----------------------------------


def can_view_strategy(user, strategy):
    """Adopted and superseded strategies follow their municipality (`can_view`); a draft is
    for the municipality's members and admins only, even in a published municipality."""
    if strategy.is_draft:
        return can_view_internal(user, strategy.municipality)
    return can_view(user, strategy.municipality)


def require_view_strategy(user, strategy):
    """A draft is a 404 for outsiders, exactly like an unpublished municipality."""
    if not can_view_strategy(user, strategy):
        raise Http404


def strategy_visibility(user, path=""):
    """`can_view_strategy` as a Q, for rows that lead to a strategy by `path` (e.g.
    "strategy__", "goal_area__strategy__", or "" for strategies): every strategy for
    admins; their own municipality's and published municipalities' non-drafts for others.
    A condition, not a query, so lists and aggregates keep their query counts."""
    if is_admin(user):
        return Q()
    condition = Q(**{f"{path}municipality__is_published": True}) & ~Q(
        **{f"{path}status": Strategy.Status.DRAFT}
    )
    m = membership_of(user)
    if m is not None and m.municipality_id:
        condition |= Q(**{f"{path}municipality": m.municipality_id})
    return condition


def visible_strategies(user, queryset, path=""):
    """Strategies (or rows leading to one by `path`) this user may read."""
    return queryset.filter(strategy_visibility(user, path))


# --- Staff screens for actions and follow-ups -------------------------------------------


def require_member(user, municipality):
    """Staff screens (drafts, workflow, change history): members only, others get a 404."""
    if not can_view_internal(user, municipality):
        raise Http404


def can_create_action(user, municipality):
    return can_edit_plan(user, municipality)


def can_archive_action(user, action):
    """Taking an action out of the plan (or back) is a plan decision, not a department's."""
    return can_edit_plan(user, action.strategy.municipality)


def can_assign_responsible(user, municipality):
    """Editors work within their department; only the plan's owners move an action."""
    return can_edit_plan(user, municipality)


def can_edit_follow_up(user, follow_up):
    """Editors edit their department's drafts and returned follow-ups; reviewers any."""
    action = follow_up.action
    if can_review_follow_up(user, action.strategy.municipality):
        return True
    editable = {follow_up.State.DRAFT, follow_up.State.RETURNED}
    return can_write_follow_up(user, action) and follow_up.state in editable


def can_submit_follow_up(user, follow_up):
    editable = {follow_up.State.DRAFT, follow_up.State.RETURNED}
    return follow_up.state in editable and can_write_follow_up(user, follow_up.action)


# --- Publishing -------------------------------------------------------------------------


def can_publish(user, municipality):
    """Publishing (or unpublishing) a municipality is its coordinators' decision."""
    return can_edit_plan(user, municipality)


def require_publisher(user, municipality):
    """Members without the right get 403; outsiders 404, never a hint."""
    if can_publish(user, municipality):
        return
    if role_in(user, municipality) is None:
        raise Http404
    raise PermissionDenied


# --- Annual reports ----------------------------------------------------------------------


def require_report_reader(user, municipality):
    """Annual reports: members without the right get 403; outsiders 404, never a hint."""
    if can_download_report(user, municipality):
        return
    if role_in(user, municipality) is None:
        raise Http404
    raise PermissionDenied


def require_report_generator(user, municipality):
    require_report_reader(user, municipality)
    if not can_generate_report(user, municipality):
        raise PermissionDenied


def can_write_report_text(user, municipality):
    """The annual report's foreword and goal-area assessments: the municipality's
    coordinators and admins. Every member reads them (`require_member`)."""
    return can_edit_plan(user, municipality)


# --- Admin site and strategy files -------------------------------------------------------


def scope_to_own_municipality(user, queryset, path):
    """Rows of the user's own municipality (`path` leads from the row to it); all for admins.

    The Django admin asks here, so staff who are not administrators never see another
    municipality's rows, not even in filters or choice lists.
    """
    if is_admin(user):
        return queryset
    m = membership_of(user)
    if m is None or m.municipality_id is None:
        return queryset.none()
    return queryset.filter(**{path: m.municipality_id})


def can_import_strategy(user, municipality):
    """Importing replaces a plan: the plan's owners only. `None`: a new municipality."""
    if municipality is None:
        return is_admin(user)
    return can_edit_plan(user, municipality)


# --- Users and memberships in the admin ----------------------------------------------------


def manageable_users(user, queryset, path=""):
    """Users (or rows that lead to one by `path`, e.g. "user__") a staff member may see
    and change: all for admins; for others the non-administrators of their own
    municipality. Administrators are never managed by anyone below them."""
    if is_admin(user):
        return queryset
    m = membership_of(user)
    if m is None or m.municipality_id is None:
        return queryset.none()
    return (
        queryset.filter(**{f"{path}membership__municipality": m.municipality_id})
        .exclude(**{f"{path}is_superuser": True})
        .exclude(**{f"{path}membership__role": Role.ADMIN})
    )


def assignable_roles(user):
    """Roles a staff member may choose in a form. Never administrator: administrators
    grant that role on a screen of its own, with confirmation (accounts.admin)."""
    return [(value, label) for value, label in Role.choices if value != Role.ADMIN]


def is_admin_membership(user):
    """The user holds the administrator role through their membership."""
    m = membership_of(user)
    return m is not None and m.role == Role.ADMIN


def can_write_in_admin(user):
    """Adding rows and managing users in the admin: the plan's owners (admins and a
    municipality's coordinators), whatever model permissions others were given."""
    if is_admin(user):
        return True
    m = membership_of(user)
    return m is not None and m.municipality is not None and can_edit_plan(user, m.municipality)


def can_change_shared_settings(user):
    """Groups, their permissions and sign-in records serve every municipality at once."""
    return is_admin(user)


# Records the portal keeps: actions are archived, follow-ups go through review, twin-town
# relations are ended with a decision. None of them is deleted by a portal user.
KEPT_RECORDS = {
    "actions.action",
    "actions.followup",
    "partners.twintown",
    "partners.twintownstatuschange",
}


def can_delete_kept_record(user):
    """Deleting an action, follow-up, twin town or status change in the admin: superusers
    (the platform's operators) only, to remove a mistaken import or a test municipality
    (the admin deletes a strategy only if every row it cascades to may be deleted, so
    "nobody" would make that impossible). Role admins and coordinators archive or end."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


# --- Working together: comments and following actions -------------------------------------

COMMENT_EDIT_MINUTES = 15


def can_read_comments(user, municipality):
    """Comment threads are the municipality's internal conversation: members only."""
    return can_view_internal(user, municipality)


def can_comment(user, municipality):
    """Those who work on the plan write in its threads; politicians read them."""
    return role_in(user, municipality) in {Role.ADMIN, Role.COORDINATOR, Role.EDITOR}


def can_edit_comment(user, comment, now):
    """The author, for COMMENT_EDIT_MINUTES after writing, while they may still comment."""
    if comment.removed_at is not None or comment.author_id != getattr(user, "pk", None):
        return False
    if (now - comment.created_at).total_seconds() > COMMENT_EDIT_MINUTES * 60:
        return False
    return can_comment(user, comment.action.strategy.municipality)


def can_remove_comment(user, comment):
    """The author (while a member), or the plan's owners (coordinators, admins)."""
    if comment.removed_at is not None:
        return False
    municipality = comment.action.strategy.municipality
    if can_edit_plan(user, municipality):
        return True
    return comment.author_id == getattr(user, "pk", None) and can_comment(user, municipality)


def can_watch(user, action):
    return can_view_internal(user, action.strategy.municipality)
