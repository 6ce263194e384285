from django.urls import path

from doorstep.permits import views

app_name = "permits"
urlpatterns = [
    path("", views.permits_page, name="list"),
    path("check/", views.check_page, name="check"),
    path("households/<str:reference>/request/", views.request_view, name="request"),
    path("cases/<str:reference>/decide/", views.decide_view, name="decide"),
    path("cases/<str:reference>/withdraw/", views.withdraw_view, name="withdraw"),
]
