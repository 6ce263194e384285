from django.urls import path

from doorstep.hazards import views

app_name = "hazards"
urlpatterns = [
    path("report/<str:reference>/", views.report_for_household, name="report"),
    path("cases/<str:reference>/<int:hazard_id>/assess/", views.assess_view, name="assess"),
    path(
        "cases/<str:reference>/<int:hazard_id>/made-safe/", views.made_safe_view, name="made-safe"
    ),
    path("cases/<str:reference>/<int:hazard_id>/summary/", views.summary_view, name="summary"),
    path(
        "cases/<str:reference>/<int:hazard_id>/decant/considered/",
        views.decant_consider_view,
        name="decant-consider",
    ),
    path(
        "cases/<str:reference>/<int:hazard_id>/decant/started/",
        views.decant_start_view,
        name="decant-start",
    ),
    path(
        "cases/<str:reference>/<int:hazard_id>/decant/ended/",
        views.decant_end_view,
        name="decant-end",
    ),
]
