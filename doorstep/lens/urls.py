from django.urls import path

from doorstep.lens import views

app_name = "lens"
urlpatterns = [
    path("", views.portfolio_page, name="portfolio"),
]
