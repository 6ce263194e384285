from django.urls import path

from doorstep.remedies import views

app_name = "remedies"
urlpatterns = [
    path("cases/<str:reference>/request/", views.request_new, name="request"),
    path("cases/<str:reference>/offer/", views.offer_new, name="offer"),
    path("cases/<str:reference>/payment/", views.payment_new, name="payment"),
    path("cases/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
]
