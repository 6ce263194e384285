from django.urls import path

from doorstep.appointments import views

app_name = "appointments"
urlpatterns = [
    path("cases/<str:reference>/book/", views.book_view, name="book"),
    path("<str:reference>/move/", views.move_view, name="move"),
    path("<str:reference>/cancel/", views.cancel_view, name="cancel"),
    path("<str:reference>/attend/", views.attend_view, name="attend"),
    path("<str:reference>/missed/", views.miss_view, name="miss"),
]
