from django.urls import path

from doorstep.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index_page, name="index"),
    path("tsm/<int:year>/", views.tsm_page, name="tsm"),
    path("tsm/<int:year>/<slug:measure>/", views.cases_page, name="cases"),
]
