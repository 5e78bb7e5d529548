"""Users with their membership (municipality, role, department) in the admin.

Staff below administrator manage only their own municipality's non-administrators, give
any role but administrator, and never touch superuser status, permissions or groups:
those would reach beyond their municipality.

No role is ever preselected (a select that opens on a role submits it unseen), and the
administrator role is never a choice in a form: it is granted on a screen of its own that
says what it gives, asks for confirmation and tells the other administrators. Staff
status and groups follow the membership (accounts.services), so they are not form fields.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import anonymise, permissions, services
from .admin_scope import AdminsOnlyMixin, ScopedPlainAdmin, ScopedStackedInline
from .forms import PortalUserCreationForm
from .models import Membership, Role

User = get_user_model()

CHOOSE_A_ROLE = gettext_lazy("Choose a role")
# An administrator's membership is changed only on the grant and remove screens.
ADMIN_MEMBERSHIP_FIELDS = ["role", "municipality", "department"]


class MembershipScopeMixin:
    """Memberships of users the staff member may manage; roles they may give."""

    def get_queryset(self, request):
        return permissions.manageable_users(request.user, super().get_queryset(request), "user__")

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "role":
            # Blank first: an untouched select submits nothing, and nothing is saved.
            kwargs["choices"] = [("", CHOOSE_A_ROLE), *permissions.assignable_roles(request.user)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = permissions.manageable_users(request.user, User.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Membership)
class MembershipAdmin(MembershipScopeMixin, ScopedPlainAdmin):
    list_display = ["user", "municipality", "role", "department"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "role"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user", "municipality", "department"]
    raw_id_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.role == Role.ADMIN:
            fields += [name for name in ADMIN_MEMBERSHIP_FIELDS if name not in fields]
        return fields


class MembershipInline(MembershipScopeMixin, ScopedStackedInline):
    model = Membership
    can_delete = False
    fk_name = "user"
    extra = 1
    max_num = 1

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and permissions.is_admin_membership(obj):
            fields += [name for name in ADMIN_MEMBERSHIP_FIELDS if name not in fields]
        return fields


admin.site.unregister(User)

# Derived from the membership (staff status, groups) or the operators' own (superuser,
# single permissions): shown, never edited in a form.
DERIVED_USER_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    add_form = PortalUserCreationForm
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "first_name", "last_name"),
            },
        ),
        (
            gettext_lazy("Password"),
            {
                "classes": ("wide",),
                "description": gettext_lazy(
                    "Leave both fields empty to send the new user an e-mail with a link to "
                    "choose their own password (recommended)."
                ),
                "fields": ("password1", "password2"),
            },
        ),
    )
    change_form_template = "admin/accounts/user/change_form.html"
    actions = ["anonymise_former_employees"]

    def get_queryset(self, request):
        return permissions.manageable_users(request.user, super().get_queryset(request))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.is_admin(request.user):
            actions.pop("anonymise_former_employees", None)
        return actions

    @admin.action(description=gettext_lazy("Anonymise former employees (keeps their history)"))
    def anonymise_former_employees(self, request, queryset):
        """Administrators only, after a page that says what happens; each person's name,
        user name and e-mail address replaced by a pseudonym (accounts.anonymise)."""
        if not permissions.is_admin(request.user):
            raise PermissionDenied
        users = list(queryset.order_by("pk"))
        if request.POST.get("confirm") == "yes":
            done = []
            for user in users:
                reason = anonymise.check(user, by=request.user)
                if reason:
                    self.message_user(request, reason, messages.ERROR)
                    continue
                name = str(user)
                anonymise.anonymise(user, by=request.user)
                done.append(_("%(name)s is now %(pseudonym)s") % {"name": name, "pseudonym": user})
            if done:
                self.message_user(request, "; ".join(done) + ".", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Anonymise former employees"),
            "people": [(user, anonymise.check(user, by=request.user)) for user in users],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/user/anonymise.html", context)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_write_in_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and permissions.can_write_in_admin(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and permissions.can_write_in_admin(
            request.user
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in DERIVED_USER_FIELDS if name not in fields]
        return fields

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if not change and form.cleaned_data.get("send_password_link"):
            if services.send_password_set_link(user, request):
                self.message_user(
                    request,
                    _("%(user)s was sent an e-mail to %(email)s with a link to choose a password.")
                    % {"user": user, "email": user.email},
                    messages.SUCCESS,
                )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_grant_administrator": permissions.is_admin(request.user),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/administrator/",
                self.admin_site.admin_view(self.administrator_view),
                name="auth_user_administrator",
            ),
        ]
        return own + super().get_urls()

    def administrator_view(self, request, object_id):
        """Grant (or remove) the administrator role: administrators only, on a screen that
        says what it gives and asks to confirm."""
        if not permissions.is_admin(request.user):
            raise PermissionDenied
        user = get_object_or_404(self.get_queryset(request), pk=_pk(object_id))
        membership = Membership.objects.filter(user=user).select_related("municipality").first()
        is_admin = membership is not None and membership.role == Role.ADMIN
        back = reverse("admin:auth_user_change", args=[user.pk])
        if request.method == "POST" and request.POST.get("confirm") == "yes":
            if is_admin:
                if user == request.user:
                    self.message_user(
                        request,
                        _(
                            "You cannot remove your own administrator role; "
                            "ask another administrator."
                        ),
                        messages.ERROR,
                    )
                    return HttpResponseRedirect(back)
                services.revoke_administrator(user, by=request.user)
                self.message_user(
                    request,
                    _("%(user)s is no longer an administrator and has no role now.")
                    % {"user": user},
                    messages.SUCCESS,
                )
            else:
                services.grant_administrator(
                    user, by=request.user, site_url=request.build_absolute_uri("/").rstrip("/")
                )
                self.message_user(
                    request,
                    _(
                        "%(user)s is now an administrator of every municipality. "
                        "The other administrators have been told by e-mail."
                    )
                    % {"user": user},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(back)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": user,
            "membership": membership,
            "removing": is_admin,
            "title": _("Remove the administrator role")
            if is_admin
            else _("Make %(user)s an administrator") % {"user": user},
            "unconfirmed": request.method == "POST",
        }
        return TemplateResponse(
            request,
            "admin/accounts/user/administrator.html",
            context,
            status=400 if request.method == "POST" else 200,
        )


def _pk(object_id):
    try:
        return int(object_id)
    except (TypeError, ValueError):
        raise Http404 from None


admin.site.unregister(Group)


@admin.register(Group)
class SharedGroupAdmin(AdminsOnlyMixin, GroupAdmin):
    """Groups (e.g. "Coordinators") are shared by every municipality."""


def _admins_only(model):
    """Re-register another app's admin for a shared table as administrators only."""
    if admin.site.is_registered(model):
        base = type(admin.site._registry[model])
        admin.site.unregister(model)
        admin.site.register(model, type(f"AdminsOnly{base.__name__}", (AdminsOnlyMixin, base), {}))


# django-axes' sign-in records hold every municipality's usernames and addresses.
for _model in (AccessAttempt, AccessLog, AccessFailureLog):
    _admins_only(_model)
