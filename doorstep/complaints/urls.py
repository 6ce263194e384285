from django.urls import path

from doorstep.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaints_page, name="list"),
    path("households/<str:reference>/receive/", views.receive_view, name="receive"),
    path("cases/<str:reference>/acknowledge/", views.acknowledge_view, name="acknowledge"),
    path("cases/<str:reference>/extend/", views.extend_view, name="extend"),
    path("cases/<str:reference>/escalate/", views.escalate_view, name="escalate"),
    path("cases/<str:reference>/refuse/", views.refuse_view, name="refuse"),
    path("cases/<str:reference>/officer/", views.assign_view, name="assign"),
]
