from django.urls import path

from doorstep.ombudsman import views

app_name = "ombudsman"
urlpatterns = [
    path("", views.referrals_view, name="list"),
    path("refer/<str:reference>/", views.refer_view, name="refer"),
    path("cases/<str:reference>/intervened/", views.intervene_view, name="intervene"),
    path(
        "cases/<str:reference>/evidence/requested/",
        views.evidence_request_view,
        name="evidence-request",
    ),
    path(
        "cases/<str:reference>/evidence/<str:request_id>/sent/",
        views.evidence_sent_view,
        name="evidence-sent",
    ),
    path("cases/<str:reference>/determination/", views.determination_view, name="determination"),
    path("cases/<str:reference>/orders/<str:order>/complied/", views.comply_view, name="comply"),
]
