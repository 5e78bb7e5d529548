from django import forms
from django.utils.translation import gettext_lazy as _


def _goal_then_targets(item):
    """Each goal followed by its targets, in the framework's order (a target is of its
    goal's framework)."""
    goal = item.parent if item.parent_id else item
    framework = item.framework
    return (framework.order, framework.code, goal.order, bool(item.parent_id), item.order, item.pk)


class LinksForm(forms.Form):
    """One group of checkboxes per framework (the SDGs, Europa 2020, the master plan), for
    the items a goal or an action contributes to. `offered`: the items the municipality
    may use; `current`: those linked now."""

    def __init__(self, *args, offered, current, notes=None, **kwargs):
        """`notes`: {item pk: note} of the current links."""
        super().__init__(*args, **kwargs)
        notes = notes or {}
        self.items = {str(item.pk): item for item in offered}
        groups, targets = {}, {}
        for item in sorted(offered, key=_goal_then_targets):
            (targets if item.parent_id else groups).setdefault(item.framework, []).append(item)
        chosen = {str(item.pk) for item in current}
        for framework, items in groups.items():
            self.fields[f"framework_{framework.pk}"] = self._choices(framework.name, items, chosen)
        # The targets under the goals (the SDGs' 169), a list of their own for each
        # framework, opened where one is ticked.
        for framework, items in targets.items():
            self.fields[f"framework_{framework.pk}_targets"] = self._choices(
                _("Targets: %(framework)s") % {"framework": framework.name}, items, chosen
            )
        # How the action contributes to each goal: optional, one field per goal and per
        # target linked now (a target ticked now gets its field once saved).
        for item in offered:
            if item.parent_id and str(item.pk) not in chosen:
                continue
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=_("How it contributes to %(item)s") % {"item": f"{item.label} {item.name}"},
                required=False,
                max_length=500,
                initial=notes.get(item.pk, ""),
            )

    @staticmethod
    def _choices(label, items, chosen):
        return forms.MultipleChoiceField(
            label=label,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(str(item.pk), f"{item.label} {item.name}") for item in items],
            initial=[str(item.pk) for item in items if str(item.pk) in chosen],
        )

    def note_fields(self):
        return [self[name] for name in self.fields if name.startswith("note_")]

    def choice_fields(self):
        return [
            self[name]
            for name in self.fields
            if name.startswith("framework_") and not name.endswith("_targets")
        ]

    def target_fields(self):
        return [self[name] for name in self.fields if name.endswith("_targets")]

    def notes_open(self):
        """The notes' section opens by itself when one is written or wrong."""
        return any(field.value() or field.errors for field in self.note_fields())

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        chosen = {str(item.pk) for item in self.chosen_items()}
        for pk in self.items:
            if f"note_{pk}" in self.fields and cleaned.get(f"note_{pk}") and pk not in chosen:
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
