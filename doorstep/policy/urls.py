from django.urls import path

from doorstep.policy import views

app_name = "policy"
urlpatterns = [
    path("", views.policy_page, name="page"),
    path("overrides/", views.override_add, name="add-override"),
]
