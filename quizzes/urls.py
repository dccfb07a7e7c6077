from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("quizzes/<int:quiz_id>/start/", views.start, name="start"),
    path("quizzes/attempts/<int:attempt_id>/", views.attempt, name="attempt"),
    path("quizzes/attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
]
