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
]
