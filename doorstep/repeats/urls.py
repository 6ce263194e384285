from django.urls import path

from doorstep.repeats import views

app_name = "repeats"
urlpatterns = [
    path("cases/<str:reference>/decide/", views.decide, name="decide"),
]
