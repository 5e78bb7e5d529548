from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from goals.versioning import VersionedForm
from partners.models import Partner, TwinTown, TwinTownStatus, TwinTownStatusChange


class PartnerForm(VersionedForm):
    class Meta:
        model = Partner
        fields = ["name", "kind", "country", "cooperation", "is_active"]
        widgets = {"cooperation": forms.Textarea(attrs={"rows": 4})}


class TwinTownForm(VersionedForm):
    class Meta:
        model = TwinTown
        fields = [
            "name",
            "country",
            "since",
            "since_approximate",
            "category",
            "status_reason",
            "description",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_since(self):
        since = self.cleaned_data.get("since")
        if since is not None and not 1900 <= since <= 2100:
            raise forms.ValidationError(_("Give a year between 1900 and 2100."))
        return since


class TwinTownStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=TwinTownStatus.choices)
    changed_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    decision = forms.CharField(
        label=_("Decision"),
        max_length=200,
        required=False,
        help_text=_(
            "The decision behind the change, e.g. case number or body. Required to end a relation."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, twin_town=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.twin_town = twin_town

    def clean(self):
        data = super().clean()
        # Every rule of the model (an ending names its decision, no step before the
        # relation began, a year the portal can store), shown on the form's own fields,
        # so the service's full_clean never meets a step the form let through.
        changed_on = data.get("changed_on")
        step = TwinTownStatusChange(
            twin_town=self.twin_town,
            status=data.get("status") or "",
            decision=data.get("decision", ""),
            note=data.get("note", ""),
            changed_on=changed_on,
            year=changed_on.year if changed_on else None,
        )
        # Pausing a relation says why: the note is the reason shown wherever the status is.
        if data.get("status") == TwinTownStatus.PAUSED and not data.get("note", "").strip():
            self.add_error("note", _("Say why the relation is paused: the reason is shown."))
        try:
            step.full_clean(exclude=["twin_town", "order"], validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                name = "changed_on" if name == "year" else name
                if name in self.fields and name not in self.errors:
                    self.add_error(name, messages)
                elif name not in self.fields:
                    self.add_error(None, messages)
        return data
