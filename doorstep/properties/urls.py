from django.urls import URLPattern

# Imported for its search section, which registers with the home page.
from doorstep.properties import views  # noqa: F401

app_name = "properties"
urlpatterns: list[URLPattern] = []
