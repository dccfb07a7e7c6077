"""Production settings plus one minimal view, the ceiling the benchmark compares with."""

from elearning.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
