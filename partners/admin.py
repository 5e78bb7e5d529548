"""Admin for partners and twin towns; scoped to the staff member's municipality."""

from django.contrib import admin
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from accounts.admin_scope import PlainDuplicatesFormSet, ScopedAdmin, ScopedTabularInline

from .models import Partner, TwinTown, TwinTownAgreement, TwinTownStatusChange


@admin.register(Partner)
class PartnerAdmin(ScopedAdmin):
    list_display = ["name", "key", "kind", "country", "is_active", "municipality"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "kind", "is_active"]
    search_fields = ["name", "key", "cooperation"]
    list_select_related = ["municipality"]
    readonly_fields = ["version"]


class StatusChangeFormSet(PlainDuplicatesFormSet):
    """A new step whose order is left at 0 comes after the last one: the order is what
    makes a step the current status, so a step added below the history is the latest."""

    def save_new(self, form, commit=True):
        step = form.instance
        if step.order == 0:
            last = self.instance.status_changes.aggregate(last=Max("order"))["last"]
            if last is not None:
                step.order = last + 1
        return super().save_new(form, commit)


class TwinTownStatusChangeInline(ScopedTabularInline):
    model = TwinTownStatusChange
    formset = StatusChangeFormSet
    fields = ["order", "status", "changed_on", "year", "decision", "note"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("order")
        if field is not None:
            field.help_text = _(
                "Steps follow this order; the last is the current status. "
                "Left at 0, a new step comes after the last one."
            )
        return formset


@admin.register(TwinTown)
class TwinTownAdmin(ScopedAdmin):
    list_display = ["name", "country", "since", "category", "status", "municipality"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter), "status", "category"]
    search_fields = ["name", "key", "country"]
    list_select_related = ["municipality"]
    # The status follows its recorded steps (an ending with its decision), never a
    # bare edit: add a status change below, or use the portal's status page.
    readonly_fields = ["status", "version"]
    inlines = [TwinTownStatusChangeInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        twin_town = form.instance
        latest = twin_town.status_changes.order_by("-order", "-pk").first()
        if latest is not None and latest.status != twin_town.status:
            twin_town.status = latest.status
            if latest.status == "paused" and not twin_town.status_reason:
                twin_town.status_reason = latest.note  # the pausing step says why
            twin_town.save()


@admin.register(TwinTownAgreement)
class TwinTownAgreementAdmin(ScopedAdmin):
    """One agreement with several twin towns: its description and date shown on each."""

    list_display = ["title", "signed_on", "municipality"]
    fixed_fields = ["municipality"]
    list_filter = [("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "key"]
    list_select_related = ["municipality"]
    filter_horizontal = ["twin_towns"]
