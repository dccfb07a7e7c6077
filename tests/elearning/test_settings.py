"""Settings: production refuses to start half-configured; static files and languages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(DJANGO_SETTINGS_MODULE="elearning.settings.production", **env_extra)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env_extra={"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", env_extra={"SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_deploy_check_is_clean():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={"SECRET_KEY": "k3y-" + "v" * 60, "ALLOWED_HOSTS": "learn.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_static_files_carry_the_security_headers(client):
    """WhiteNoise serves them after the security middleware has had its say."""
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "kk", "ky", "tg", "uz"])
def test_a_browser_asking_for_a_site_language_gets_it(client, language):
    first = client.get("/", headers={"accept-language": f"{language},en;q=0.5"})
    assert first.status_code == 302 and first["Location"] == f"/{language}/"
    response = client.get(first["Location"])
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        browse = gettext("Browse all courses")
    assert browse != "Browse all courses" and browse in html  # the interface is translated


@pytest.mark.django_db
def test_a_language_the_site_lacks_gets_english(client):
    response = client.get("/", headers={"accept-language": "fr"}, follow=True)
    assert response["Content-Language"] == "en"
