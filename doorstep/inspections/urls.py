from django.urls import path

from doorstep.inspections import views

app_name = "inspections"
urlpatterns = [
    path("cases/<str:reference>/record/", views.record_view, name="record"),
    path("cases/<str:reference>/<str:inspection>/report/", views.attach_view, name="attach-report"),
]
