from django.urls import path

from doorstep.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.learning_page, name="list"),
    path("cases/<str:reference>/from/<uuid:uid>/", views.record_view, name="record"),
    path("<str:ref>/done/", views.done_view, name="done"),
]
