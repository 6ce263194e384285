"""The property page lives with cases: it shows the cases about a place (ADR 6)."""

from django.urls import path

from doorstep.cases import views

app_name = "property"
urlpatterns = [
    path("<str:reference>/", views.property_page, name="detail"),
]
