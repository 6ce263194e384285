from django.urls import URLPattern

app_name = "vulnerabilities"
urlpatterns: list[URLPattern] = []
