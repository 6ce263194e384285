from django.urls import path

from doorstep.vulnerabilities import views

app_name = "vulnerabilities"
urlpatterns = [
    path("<str:reference>/vulnerabilities/add/", views.vulnerability_add, name="add"),
]
