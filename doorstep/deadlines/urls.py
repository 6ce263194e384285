from django.urls import path

from doorstep.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("queue/", views.queue_page, name="queue"),
    path("cases/<str:reference>/clocks.json", views.case_replay_download, name="case-replay"),
]
