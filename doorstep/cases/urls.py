from django.urls import path

from doorstep.cases import views

app_name = "cases"
urlpatterns = [
    path("<str:reference>/", views.case_page, name="case"),
    path("<str:reference>/notes/", views.note_add_view, name="add-note"),
]
