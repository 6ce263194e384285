from django.urls import path

from doorstep.contacts import views

app_name = "contacts"
urlpatterns = [
    path("<str:reference>/", views.household_page, name="household"),
    path("<str:reference>/contacts/add/", views.contact_add, name="add"),
    path("<str:reference>/contacts/<uuid:uid>/open-case/", views.case_open_view, name="open-case"),
]
