from django.urls import path

from doorstep.moves import views

app_name = "moves"
urlpatterns = [
    path("", views.moves_page, name="list"),
    path("households/<str:reference>/request/", views.request_view, name="request"),
    path("cases/<str:reference>/evidence/ask/", views.evidence_request_view, name="ask"),
    path("cases/<str:reference>/evidence/received/", views.evidence_receive_view, name="receive"),
    path("cases/<str:reference>/panel/", views.panel_view, name="panel"),
    path("cases/<str:reference>/decide/", views.decide_view, name="decide"),
    path("cases/<str:reference>/routes/", views.routes_view, name="routes"),
]
