from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("groups/join/", views.join_group, name="join_group"),
    path("learning/enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("learning/steps/<int:step_id>/complete/", views.complete_step, name="complete_step"),
]
