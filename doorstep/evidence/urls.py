from django.urls import path

from doorstep.evidence import views

app_name = "evidence"
urlpatterns = [
    path("cases/<str:reference>/", views.case_pack, name="case"),
    path("households/<str:reference>/", views.household_pack, name="household"),
]
