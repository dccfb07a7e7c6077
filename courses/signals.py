"""Signals other apps may listen to without courses importing them."""

from django.dispatch import Signal

# Sent once, when a learner's course completion date is set, with learner and course.
course_completed = Signal()
