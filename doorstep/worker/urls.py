from django.urls import path

from doorstep.worker import views

app_name = "worker"
urlpatterns = [
    path("healthz/worker", views.health, name="health"),
]
