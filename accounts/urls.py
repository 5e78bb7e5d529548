from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import LoginForm

urlpatterns = [
    # Before the stock URLs: the same sign-in page, with the username length enforced.
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("", include("django.contrib.auth.urls")),
]
