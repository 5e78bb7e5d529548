from django import forms

from .models import Delivery, Kind, NotificationSetting


class NotificationSettingsForm(forms.Form):
    """One choice per kind of notification: off, in the portal, e-mail at once or daily."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        chosen = dict(NotificationSetting.objects.filter(user=user).values_list("kind", "delivery"))
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=chosen.get(kind.value, NotificationSetting.DEFAULT),
                widget=forms.RadioSelect,
            )

    def save(self):
        for kind in Kind:
            NotificationSetting.objects.update_or_create(
                user=self.user, kind=kind.value, defaults={"delivery": self.cleaned_data[kind]}
            )
