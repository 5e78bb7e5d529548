from django import forms
from django.utils.translation import gettext_lazy as _


class LinksForm(forms.Form):
    """One group of checkboxes per framework (the SDGs, Europa 2020, the master plan), for
    the items a goal or an action contributes to. `offered`: the items the municipality
    may use; `current`: those linked now."""

    def __init__(self, *args, offered, current, **kwargs):
        super().__init__(*args, **kwargs)
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

    def chosen_items(self):
        return [
            self.items[pk]
            for name, values in self.cleaned_data.items()
            if name.startswith("framework_")
            for pk in values
        ]


EDITED = _("Framework links edited on the action page")
