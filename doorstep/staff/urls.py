from django.urls import path

from doorstep.core.access import public_view
from doorstep.staff import views

app_name = "staff"
urlpatterns = [
    path(
        "sign-in/",
        public_view("signing in is done signed out (throttled: ADR 3)")(views.SignInView.as_view()),
        name="sign-in",
    ),
    path(
        "sign-out/",
        public_view("signing out ends whatever session there is (POST only)")(
            views.SignOutView.as_view()
        ),
        name="sign-out",
    ),
    path("sign-in/code/", views.two_factor_code, name="two-factor-code"),
    path("account/two-factor/", views.two_factor, name="two-factor"),
]
