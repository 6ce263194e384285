from django.urls import path

from doorstep.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.access_log, name="access-log"),
]
