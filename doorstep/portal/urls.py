from django.urls import path

from doorstep.core.access import public_view
from doorstep.portal import views

sign_in = public_view("a resident signs in signed out (throttled, as staff are)")
sign_out = public_view("signing out ends whatever session there is (POST only)")

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", sign_in(views.ResidentSignInView.as_view()), name="sign-in"),
    path("sign-out/", sign_out(views.ResidentSignOutView.as_view()), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("register/", views.register, name="register"),
    path("register/code/", views.register_code, name="register-code"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("report/", views.report, name="report"),
    path("tell/", views.tell, name="tell"),
    path("details/", views.details, name="details"),
    path("details/<str:which>/", views.detail_form, name="detail-form"),
    path("anti-social-behaviour/", views.asb, name="asb"),
    path("cases/<str:reference>/stage-2/", views.escalate, name="escalate"),
    path("cases/<str:reference>/done/<int:pk>/", views.confirm, name="confirm"),
    path("cases/<str:reference>/documents/<str:document>/", views.document, name="document"),
    path(
        "cases/<str:reference>/appointments/<str:appointment>/does-not-suit/",
        views.unsuitable,
        name="unsuitable",
    ),
    path("cases/<str:reference>/", views.case_page, name="case"),
    path("invite/<str:reference>/", views.invite, name="invite"),
]
