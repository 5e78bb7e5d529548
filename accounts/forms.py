from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with the username's length actually enforced.

    AuthenticationForm sets the username field's max_length after the field is built,
    so no length validator runs: a 10,000-character username reaches authenticate(), and
    django-axes then fails to record the attempt in its 255-character column
    (PostgreSQL: a server error). Validated here, it is an ordinary form error.
    """

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class PortalUserCreationForm(UserCreationForm):
    """A new user: username and e-mail, and either a password typed here or, left empty,
    a link by e-mail for the user to choose one (`send_password_link`), so that no
    administrator ever knows another person's password. Their role is the membership
    below on the same page."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email", "first_name", "last_name")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("password1", "password2"):
            self.fields[name].required = False
        self.fields["email"].help_text = _(
            "Where the link to choose a password is sent, and the portal's reminders."
        )

    def validate_passwords(self, *args, **kwargs):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        self.cleaned_data["send_password_link"] = not password1 and not password2
        if self.cleaned_data["send_password_link"]:
            if not self.cleaned_data.get("email") and "email" not in self.errors:
                self.add_error(
                    "email",
                    _(
                        "Give an e-mail address, to send the link to choose a password, "
                        "or type a password below."
                    ),
                )
            return
        for name, value in (("password1", password1), ("password2", password2)):
            if not value and name not in self.errors:
                self.add_error(name, self.fields[name].error_messages["required"])
        super().validate_passwords(*args, **kwargs)

    def validate_password_for_user(self, user, **kwargs):
        if not self.cleaned_data.get("send_password_link"):
            super().validate_password_for_user(user, **kwargs)

    def set_password_and_save(self, user, commit=True, **kwargs):
        if self.cleaned_data.get("send_password_link"):
            # Until the user follows the link, nobody can sign in as them.
            user.set_unusable_password()
            if commit:
                user.save()
            return user
        return super().set_password_and_save(user, commit=commit, **kwargs)
