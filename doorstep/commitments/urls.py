from django.urls import path

from doorstep.commitments import views

app_name = "commitments"
urlpatterns = [
    path("", views.commitments_page, name="list"),
    path("<int:pk>/", views.commitment_page, name="commitment"),
    path("<int:pk>/claim/", views.claim_view, name="claim"),
    path("<int:pk>/verify/", views.verify_view, name="verify"),
    path("<int:pk>/drop/", views.drop_view, name="drop"),
    path("cases/<str:reference>/new/", views.commitment_new, name="new"),
]
