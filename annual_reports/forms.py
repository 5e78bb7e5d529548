from django import forms
from django.utils.translation import gettext_lazy as _

from .texts import MAX_LENGTH


class GenerateReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    final = forms.BooleanField(
        label=_("Final version for the council"),
        required=False,
        help_text=_("Otherwise the cover says it is a draft."),
    )

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in reversed(list(strategy.years))]


class ReportTextsForm(forms.Form):
    """The foreword and one assessment per goal area, each with the version it was loaded
    at (so a save over someone else's newer text is refused, not silently lost)."""

    def __init__(self, *args, strategy, goal_areas, texts, **kwargs):
        super().__init__(*args, **kwargs)
        self.goal_areas = goal_areas
        label = strategy.municipality.label_goal_area
        slots = [("foreword", None, _("Foreword"))] + [
            (f"area_{area.pk}", area, f"{label} {area.code}. {area.title}") for area in goal_areas
        ]
        self.slots = []
        for name, area, field_label in slots:
            saved = texts.get(area.pk if area else None)
            self.fields[name] = forms.CharField(
                label=field_label,
                required=False,
                max_length=MAX_LENGTH,
                strip=False,
                initial=saved.text if saved else "",
                widget=forms.Textarea(attrs={"rows": 8 if area is None else 5}),
                help_text=_(
                    "Plain text: an empty line starts a new paragraph; lines starting with "
                    "“- ” or “1. ” make a list."
                )
                if area is None
                else "",
            )
            self.fields[f"{name}_version"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=saved.version if saved else 0, min_value=0
            )
            self.slots.append((name, area, field_label))

    def entries(self):
        """[(goal area or None, text, loaded version, label)] for `save_texts`."""
        data = self.cleaned_data
        return [
            (area, data[name] or "", data[f"{name}_version"] or 0, label)
            for name, area, label in self.slots
        ]

    def text_fields(self):
        return [self[name] for name, _area, _label in self.slots]
