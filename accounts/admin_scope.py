"""Admin classes that show a staff member only their own municipality's rows.

Every rule is asked of accounts.permissions; each model declares its path to its
municipality itself (`municipality_path`, core.tenancy).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import (
    FieldDoesNotExist,
    ImproperlyConfigured,
    ValidationError,
)
from django.db import models, transaction
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from core.tenancy import municipality_of, municipality_path

from . import permissions
from .admin_formsets import (
    INLINE_MAX_ROWS,
    BoundedFormSetMixin,
    BoundedInlineMixin,
    PlainDuplicatesFormSet,
)

# The formsets are part of the admin's building blocks, imported from here by each app.
__all__ = [
    "INLINE_MAX_ROWS",
    "BoundedFormSetMixin",
    "BoundedInlineMixin",
    "PlainDuplicatesFormSet",
    "municipality_of",
    "path_for",
]


def path_for(model):
    """The model's path to its municipality, as the model declares it (core.tenancy);
    None for rows of no municipality and for other packages' models (users, groups)."""
    return getattr(model, "municipality_path", None)


class ScopedRawIdWidget(ForeignKeyRawIdWidget):
    """A raw id box whose label is looked up among the rows the field offers, so a posted
    id of another municipality's row shows nothing rather than that row's name."""

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = queryset

    def label_and_url_for_value(self, value):
        key = self.rel.get_related_field().name
        try:
            offered = self.queryset.filter(**{key: value}).exists()
        except (ValueError, OverflowError, ValidationError):
            offered = False
        return super().label_and_url_for_value(value) if offered else ("", "")


# The largest id a database column holds (64-bit signed): a larger one is no row.
MAX_ID = 2**63 - 1


def refuse_ids_out_of_range(formfield):
    """A multiple choice's ids above MAX_ID are "not one of the choices", as Django says
    of any other unknown id. Django looks them up with `id IN (…)`, which SQLite answers
    with OverflowError (a server error) instead of no rows."""
    if formfield is None or not hasattr(formfield, "_check_values"):
        return
    check = formfield._check_values

    def _check_values(value):
        for pk in value or ():
            text = str(pk).strip()
            if text.lstrip("+-").isdigit() and abs(int(text)) > MAX_ID:
                raise ValidationError(
                    formfield.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return check(value)

    formfield._check_values = _check_values


class ScopedMixin:
    """Querysets, choices and object permissions limited to the user's municipality.

    `fixed_fields` are chosen when a row is added and shown read-only afterwards: the
    owner (municipality, strategy) of a row that others link to. Moving it would leave
    those links pointing into another municipality's plan, and another municipality's
    staff would then open it."""

    fixed_fields = ()

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is None or not self.fixed_fields:
            return fields
        return [*fields, *(name for name in self.fixed_fields if name not in fields)]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None or not self.fixed_fields:
            return form
        fixed = set(self.fixed_fields)

        class FixedOwnerForm(form):
            def _get_validation_exclusions(self):
                # A read-only owner still takes part in the (strategy, code) and
                # (municipality, key) checks: a taken code stays a form error.
                return set(super()._get_validation_exclusions()) - fixed

        FixedOwnerForm.__name__ = form.__name__
        return FixedOwnerForm

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # A scoped admin of a model that declares no path is a programming error: say so
        # (AttributeError from municipality_path) rather than filter on nothing.
        path = municipality_path(self.model)
        if path is None:
            raise ImproperlyConfigured(f"{self.model._meta.label} belongs to no municipality")
        return permissions.scope_to_own_municipality(request.user, queryset, path)

    def _scope_field(self, request, db_field, kwargs):
        path = path_for(db_field.related_model)
        if path is not None:
            queryset = kwargs.get("queryset")
            if queryset is None:
                queryset = db_field.related_model._default_manager.all()
            kwargs["queryset"] = permissions.scope_to_own_municipality(request.user, queryset, path)

    def _name_municipality(self, request, db_field, formfield):
        """An administrator's list mixes municipalities: each choice says whose it is
        ("Hamar: Kultur", not just "Kultur"), in the same one query."""
        path = path_for(db_field.related_model)
        if formfield is None or path in (None, "pk") or not permissions.is_admin(request.user):
            return
        formfield.queryset = formfield.queryset.select_related(path)
        plain = formfield.label_from_instance

        def label(obj):
            municipality = municipality_of(obj)
            return f"{municipality}: {plain(obj)}" if municipality is not None else plain(obj)

        formfield.label_from_instance = label

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._scope_field(request, db_field, kwargs)
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        self._name_municipality(request, db_field, formfield)
        if formfield is not None and type(formfield.widget) is ForeignKeyRawIdWidget:
            widget = formfield.widget
            formfield.widget = ScopedRawIdWidget(
                widget.rel,
                widget.admin_site,
                attrs=widget.attrs,
                using=widget.db,
                queryset=formfield.queryset,
            )
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._scope_field(request, db_field, kwargs)
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        self._name_municipality(request, db_field, formfield)
        refuse_ids_out_of_range(formfield)
        return formfield

    def _allowed(self, request, obj, rule):
        if obj is None:
            return True
        municipality = municipality_of(obj)
        if municipality is None:
            return permissions.is_admin(request.user)
        return rule(request.user, municipality)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(
            request, obj, permissions.can_view_internal
        )

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and permissions.can_write_in_admin(
            request.user
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(
            request, obj, permissions.can_edit_plan
        )

    def has_delete_permission(self, request, obj=None):
        if self.model._meta.label_lower in permissions.KEPT_RECORDS:
            if not permissions.can_delete_kept_record(request.user):
                return False
        return super().has_delete_permission(request, obj) and self._allowed(
            request, obj, permissions.can_edit_plan
        )

    def save_model(self, request, obj, form, change):
        """A change keeps the row's read-only fields (a follow-up's state and year) as
        they are: a revert from the history page would otherwise bring back the old
        row's. A versioned row's `version` is bumped, as a portal save does, so that a
        portal edit begun before it is refused as stale instead of overwriting it."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        with transaction.atomic():
            current = type(obj).objects.select_for_update().get(pk=obj.pk)
            for name in self.get_readonly_fields(request, obj):
                try:
                    field = self.model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                if field.concrete and not field.many_to_many:
                    setattr(obj, field.attname, getattr(current, field.attname))
            if is_versioned(self.model):
                obj.version = current.version + 1
            super().save_model(request, obj, form, change)


def is_versioned(model):
    """Models with optimistic locking (goals.versioning): an integer `version` the user
    never edits. (Strategy.version is the document's own version text, not this.)"""
    try:
        field = model._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.PositiveIntegerField) and not field.editable


class ScopedAdmin(ScopedMixin, SimpleHistoryAdmin):
    """For models with change history (django-simple-history)."""

    def history_view(self, request, object_id, extra_context=None):
        self._require_history_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_history_in_scope(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_history_in_scope(self, request, object_id):
        """Another municipality's row has no history here: the 404 of a row that never
        was (simple-history would answer 403, telling that the row exists). A deleted
        row of one's own municipality keeps its history."""
        pk = unquote(object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        try:
            if self.get_queryset(request).filter(pk=pk).exists():
                return
            record = history.filter(**{self.model._meta.pk.attname: pk}).first()
        except (ValueError, OverflowError, ValidationError):
            raise Http404 from None
        if record is None or not self._allowed(
            request, record.instance, permissions.can_view_internal
        ):
            raise Http404


class AdminsOnlyMixin:
    """For tables every municipality shares (groups, sign-in records): administrators
    only, since a change there reaches other municipalities' staff."""

    def _shared(self, request):
        return permissions.can_change_shared_settings(request.user)

    def has_view_permission(self, request, obj=None):
        return self._shared(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._shared(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._shared(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._shared(request) and super().has_delete_permission(request, obj)


class ScopedPlainAdmin(ScopedMixin, admin.ModelAdmin):
    """For models without change history."""


class ScopedTabularInline(BoundedInlineMixin, ScopedMixin, admin.TabularInline):
    extra = 0
    formset = PlainDuplicatesFormSet


class ScopedStackedInline(BoundedInlineMixin, ScopedMixin, admin.StackedInline):
    extra = 0
    formset = PlainDuplicatesFormSet


def view_on_site(request, content_type_id, object_id):
    """The admin's "view on site" redirect, for rows the staff member may see only.

    Django's own follows any id of any registered model, and the address it redirects
    to tells another municipality's slug and the keys of its partners and twin towns.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut

    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404
    try:
        visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
    except (ValueError, OverflowError, ValidationError):
        visible = False
    if not visible:
        raise Http404
    return shortcut(request, content_type_id, object_id)
