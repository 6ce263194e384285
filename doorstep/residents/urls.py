from django.urls import URLPattern

# Imported for its search section, which registers with the home page.
from doorstep.residents import views  # noqa: F401

app_name = "residents"
urlpatterns: list[URLPattern] = []
