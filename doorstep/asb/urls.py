from django.urls import path

from doorstep.asb import views

app_name = "asb"
urlpatterns = [
    path("", views.asb_page, name="list"),
    path("report/", views.start_view, name="start"),
    path("households/<str:reference>/report/", views.report_view, name="report"),
    path("cases/<str:reference>/open/", views.open_view, name="open"),
    path("cases/<str:reference>/decline/", views.decline_view, name="decline"),
    path("cases/<str:reference>/assess/", views.assess_view, name="assess"),
    path("cases/<str:reference>/action/", views.act_view, name="act"),
    path("cases/<str:reference>/review/", views.review_view, name="review"),
    path("cases/<str:reference>/close/", views.close_view, name="close"),
    path("cases/<str:reference>/case-review/", views.case_review_view, name="case-review"),
]
