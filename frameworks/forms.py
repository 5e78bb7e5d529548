from django import forms
from django.utils.translation import gettext_lazy as _


class LinksForm(forms.Form):
    """One group of checkboxes per framework (the SDGs, Europa 2020, the master plan), for
    the items a goal or an action contributes to. `offered`: the items the municipality
    may use; `current`: those linked now."""

    def __init__(self, *args, offered, current, notes=None, **kwargs):
        """`notes`: {item pk: note} of the current links."""
        super().__init__(*args, **kwargs)
        notes = notes or {}
        self.items = {str(item.pk): item for item in offered}
        groups = {}
        for item in offered:
            groups.setdefault(item.framework, []).append(item)
        chosen = {str(item.pk) for item in current}
        for framework, items in groups.items():
            self.fields[f"framework_{framework.pk}"] = forms.MultipleChoiceField(
                label=framework.name,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(str(item.pk), f"{item.label} {item.name}") for item in items],
                initial=[str(item.pk) for item in items if str(item.pk) in chosen],
            )
        # How the action contributes to each goal: optional, one field per item.
        for item in offered:
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("How it contributes to %(item)s") % {"item": f"{item.label} {item.name}"},
                required=False,
                max_length=500,
                initial=notes.get(item.pk, ""),
            )

    def note_fields(self):
        return [self[name] for name in self.fields if name.startswith("note_")]

    def choice_fields(self):
        return [self[name] for name in self.fields if name.startswith("framework_")]

    def notes_open(self):
        """The notes' section opens by itself when one is written or wrong."""
        return any(field.value() or field.errors for field in self.note_fields())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = {str(item.pk) for item in self.chosen_items()}
        for pk in self.items:
            if cleaned.get(f"note_{pk}") and pk not in chosen:
                # A note on a goal not ticked would be lost: said, not dropped.
                self.add_error(f"note_{pk}", _("Tick the goal to keep this note."))
        return cleaned

    def notes(self):
        """{item pk: note} of the chosen items."""
        return {
            item.pk: self.cleaned_data.get(f"note_{item.pk}", "") for item in self.chosen_items()
        }

    def chosen_items(self):
        return [
            self.items[pk]
            for name, values in self.cleaned_data.items()
            if name.startswith("framework_")
            for pk in values
        ]


EDITED = _("Framework links edited on the action page")
