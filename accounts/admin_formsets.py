"""The admin's inline formsets: duplicate codes refused in plain words, and a bound on
the rows one inline shows, takes and saves (a hostile TOTAL_FORMS builds no forms)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.forms.models import BaseInlineFormSet
from django.utils.hashable import make_hashable
from django.utils.translation import gettext as _


class PlainDuplicatesFormSet(BaseInlineFormSet):
    """Two rows of one save with the same code are refused in plain words that name the
    code, instead of Django's "duplicate data for strategy and code" with raw field names."""

    def get_unique_error_message(self, unique_check):
        repeated = self._repeated([name for name in unique_check if name not in self.unique_fields])
        if repeated is None:
            return super().get_unique_error_message(unique_check)
        names, value = repeated
        if names == ["code"]:
            return _("Two rows have the same code %(code)s; each needs a code of its own.") % {
                "code": value
            }
        fields = ", ".join(str(self.model._meta.get_field(name).verbose_name) for name in names)
        return _("Two rows have the same %(field)s %(value)s; each needs its own.") % {
            "field": fields,
            "value": value,
        }

    def validate_unique(self):
        super().validate_unique()
        # Goals and strategy points may have no code (the document gives none): their code
        # is unique only when given, a conditional constraint Django's own check leaves out.
        conditional = any(
            isinstance(c, models.UniqueConstraint)
            and c.condition is not None
            and "code" in c.fields
            for c in self.model._meta.constraints
        )
        if not conditional:
            return
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("code") or (self.can_delete and self._should_delete_form(form)):
                continue
            if data["code"] in seen:
                raise ValidationError(
                    _("Two rows have the same code %(code)s; each needs a code of its own.")
                    % {"code": data["code"]}
                )
            seen.add(data["code"])

    def _repeated(self, names):
        """The fields the rows repeat and their values, as shown. Django compares only the
        fields a row's form has (an action under a goal area has no strategy box), and asks
        for the message at the second row of a pair, before it clears that row's values,
        having cleared those of earlier pairs: the first repeat is the one reported."""
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            present = [name for name in names if data.get(name) is not None]
            if not present or (self.can_delete and self._should_delete_form(form)):
                continue
            values = [data[name] for name in present]
            key = (
                tuple(present),
                tuple(
                    value.pk if isinstance(value, models.Model) else make_hashable(value)
                    for value in values
                ),
            )
            if key in seen:
                return present, ", ".join(str(value) for value in values)
            seen.add(key)
        return None


# Rows one inline takes in one save: far above any plan (the largest has under 100 actions
# in a goal area), far below Django's 1,000 + max_num that a hostile TOTAL_FORMS builds.
INLINE_MAX_ROWS = 200


class BoundedFormSetMixin:
    """A posted row count above the bound is answered with the formset's "at most N"
    error at once: no row form is built for it (Django would still build absolute_max
    of them, each with its choice lists, before saying so)."""

    def total_form_count(self):
        if self.is_bound:
            management = self.management_form
            if management.is_valid() and (
                management.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max
                or management.cleaned_data[INITIAL_FORM_COUNT] > self.absolute_max
            ):
                return 0
        return super().total_form_count()

    def full_clean(self):
        super().full_clean()
        management = self.management_form
        if (
            self.is_bound
            and management.is_valid()
            and management.cleaned_data[INITIAL_FORM_COUNT] > self.absolute_max
            and not self._non_form_errors
        ):
            self._non_form_errors.append(
                ValidationError(
                    self.error_messages["too_many_forms"] % {"num": self.max_num},
                    code="too_many_forms",
                )
            )


class BoundedInlineMixin:
    """Every inline is bounded: at most INLINE_MAX_ROWS rows shown, posted or saved."""

    max_num = INLINE_MAX_ROWS

    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("absolute_max", INLINE_MAX_ROWS)
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (BoundedFormSetMixin, formset), {})
