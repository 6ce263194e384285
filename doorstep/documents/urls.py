from django.urls import path

from doorstep.documents import views

app_name = "documents"
urlpatterns = [
    path("household/<str:reference>/add/", views.add_to_household, name="add-to-household"),
    path("case/<str:reference>/add/", views.add_to_case, name="add-to-case"),
    path("<str:reference>/", views.download, name="download"),
]
