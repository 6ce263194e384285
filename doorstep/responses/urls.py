from django.urls import path

from doorstep.responses import views

app_name = "responses"
urlpatterns = [
    path("cases/<str:reference>/stage/<int:stage>/", views.draft_view, name="draft"),
    path("cases/<str:reference>/stage/<int:stage>/preview/", views.preview_view, name="preview"),
    path("cases/<str:reference>/stage/<int:stage>/send/", views.send_view, name="send"),
]
