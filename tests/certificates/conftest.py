import pytest
from django.contrib.auth.models import Group

from certificates.models import CertificateTemplate
from home.groups import ADMINISTRATORS
from tests.factories import complete_lessons, make_user


@pytest.fixture
def template(course):
    return CertificateTemplate.objects.create(
        course=course,
        issuing_organisation="OSCE Training Unit",
        signatory_name="Signatory Person",
        signatory_title="Head of Training",
    )


@pytest.fixture
def completed(learner, enrolled, course):
    complete_lessons(learner, course)
    enrolled.refresh_from_db()
    return enrolled


@pytest.fixture
def administrator(db):
    user = make_user(email="admin@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return user
