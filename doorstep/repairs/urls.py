from django.urls import path

from doorstep.repairs import views

app_name = "repairs"
urlpatterns = [
    path("report/<str:reference>/", views.report_for_household, name="report"),
    path("report-communal/<str:reference>/", views.report_communal, name="report-communal"),
    path("cases/<str:reference>/", views.repair_page, name="case"),
    path("cases/<str:reference>/jobs/raise/", views.job_raise_view, name="raise-job"),
    path("jobs/<str:reference>/", views.job_page, name="job"),
]
