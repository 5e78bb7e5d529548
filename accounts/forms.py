from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator


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
