"""No lost edits: optimistic locking on a `version` field, shared by every editable model."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .history import what_they_changed

STALE_EDIT_MESSAGE = gettext_lazy(
    "Someone else saved this while you were editing. Nothing of yours is saved yet: "
    "compare below, then save again to keep your version."
)


class StaleEdit(Exception):
    """Someone else saved the record after this edit began; `current` is their version."""

    def __init__(self, current):
        super().__init__(_("Someone else changed this while you were editing."))
        self.current = current


def save_if_unchanged(instance, loaded_version, *, after_save=None, only_changed=False):
    """Save `instance` only if its row still has `loaded_version`; bump the version.

    The row is locked (SELECT … FOR UPDATE) for the check-and-save, so two saves started
    from the same version cannot both succeed. Raises StaleEdit with the current row.
    `only_changed`: write only the columns that differ from the row (and the version), so
    that what listens to the save knows what changed (the cache: a follow-up's text alone
    leaves the dashboards' figures cached); for models whose save() sets no column itself.
    """
    model = type(instance)
    with transaction.atomic():
        current = model.objects.select_for_update().get(pk=instance.pk)
        if current.version != int(loaded_version):
            raise StaleEdit(current)
        instance.version = current.version + 1
        update_fields = None
        if only_changed:
            update_fields = [
                field.attname
                for field in model._meta.concrete_fields
                if not field.primary_key
                and getattr(instance, field.attname) != getattr(current, field.attname)
            ]
        instance.save(update_fields=update_fields)
        if after_save is not None:
            after_save(instance)
    return instance


class VersionedForm(forms.ModelForm):
    """Carries the version the user loaded, so a save over someone else's is refused."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Fields the form does not edit whose change by someone else is shown after a refused
    # save (a workflow step, archiving), so the comparison is never empty.
    also_compared = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].required = True
            if not self.is_bound:
                self.fields["loaded_version"].initial = self.instance.version

    def show_version(self, version):
        """After a refused save: keep the user's input, but let the next save win."""
        data = self.data.copy()
        data[self.add_prefix("loaded_version")] = version  # a formset's row has a prefix
        self.data = data

    def refuse_stale(self, stale, edited, message=STALE_EDIT_MESSAGE):
        """After `save_if_unchanged` raised StaleEdit: tell the user, keep their input, and
        return what the other person changed (field, theirs, yours) to show side by side."""
        chosen = {
            name: self.cleaned_data.get(name) or []
            for name, field in self.fields.items()
            if isinstance(field, forms.ModelMultipleChoiceField)
        }
        conflict = what_they_changed(
            stale.current,
            edited,
            self.cleaned_data["loaded_version"],
            self._meta.fields,
            chosen=chosen,
            also=self.also_compared,
        )
        self.add_error(None, message)
        self.show_version(stale.current.version)
        return conflict
