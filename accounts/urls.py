from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import LoginForm
from .views import ThrottledPasswordResetView

urlpatterns = [
    # Before the stock URLs: the same sign-in page, with the username length enforced.
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
