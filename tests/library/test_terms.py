"""Audiences and countries are the shared vocabularies: trainers rename them, nothing more."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from core.vocabularies import AUDIENCES, COUNTRIES
from courses.models import Audience
from library.models import Term
from tests.factories import make_trainer

pytestmark = pytest.mark.django_db


def form(term_or_fields, **changes):
    fields = term_or_fields
    if isinstance(term_or_fields, Term):
        term = term_or_fields
        fields = {"facet": term.facet, "name": term.name, "slug": term.slug, "sort_order": 0}
    return nested_form_data({**fields, **changes, "names": inline_formset([])})


@pytest.fixture
def trainer_client(client):
    client.force_login(make_trainer())
    return client


def test_the_shared_lists_are_the_terms_and_the_course_audiences():
    assert set(Term.objects.filter(facet="country").values_list("slug", flat=True)) == {
        code for code, _ in COUNTRIES
    }
    shared = {code for code, _ in AUDIENCES}
    assert set(Term.objects.filter(facet="audience").values_list("slug", flat=True)) == shared
    assert set(Audience.objects.values_list("code", flat=True)) == shared


def test_a_trainer_renames_a_country(trainer_client):
    kz = Term.objects.get(facet="country", slug="kz")
    response = trainer_client.post(
        f"/admin/snippets/library/term/edit/{kz.pk}/", form(kz, name="Qazaqstan")
    )
    assert response.status_code == 302
    assert Term.objects.get(pk=kz.pk).name == "Qazaqstan"


@pytest.mark.parametrize("changes", [{"slug": "kaz"}, {"facet": "topic"}])
def test_a_shared_terms_code_cannot_change(trainer_client, changes):
    kz = Term.objects.get(facet="country", slug="kz")
    response = trainer_client.post(
        f"/admin/snippets/library/term/edit/{kz.pk}/", form(kz, **changes)
    )
    assert response.status_code == 200
    assert "shared audiences or countries" in response.content.decode()
    assert (Term.objects.get(pk=kz.pk).facet, Term.objects.get(pk=kz.pk).slug) == ("country", "kz")


def test_no_new_audience_or_country_is_added_here(trainer_client):
    for facet in ("audience", "country"):
        fields = {"facet": facet, "name": "Astronauts «Ω»", "slug": "astronauts", "sort_order": 0}
        response = trainer_client.post("/admin/snippets/library/term/add/", form(fields))
        assert response.status_code == 200
        assert "shared lists" in response.content.decode()
    assert not Term.objects.filter(slug="astronauts").exists()
    # Other facets stay the trainers' own.
    fields = {"facet": "topic", "name": "Forced begging", "slug": "forced-begging", "sort_order": 0}
    assert trainer_client.post("/admin/snippets/library/term/add/", form(fields)).status_code == 302
    assert Term.objects.filter(facet="topic", slug="forced-begging").exists()


def test_a_shared_term_cannot_be_deleted(trainer_client):
    kz = Term.objects.get(facet="country", slug="kz")
    response = trainer_client.post(f"/admin/snippets/library/term/delete/{kz.pk}/", follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Term.objects.filter(pk=kz.pk).exists()
    children = Term.objects.get(facet="topic", slug="children")
    trainer_client.post(f"/admin/snippets/library/term/delete/{children.pk}/")
    assert not Term.objects.filter(pk=children.pk).exists()


def test_shared_terms_are_named_in_every_site_language_as_profiles_name_them(client):
    """The e-library's facets and the profile form agree, in every language."""
    from django.utils import translation
    from django.utils.translation import gettext

    from library.models import TermName
    from tests.factories import make_resource

    make_resource("Border handbook", countries=["kz"])
    for language in ("kk", "uz", "ru"):
        html = client.get(f"/{language}/library/").content.decode()
        with translation.override(language):
            kazakhstan = gettext("Kazakhstan")
        assert kazakhstan != "Kazakhstan" and kazakhstan in html
    # A name a trainer gives the term in a language comes first.
    kz = Term.objects.get(facet="country", slug="kz")
    TermName.objects.create(term=kz, language="kk", name="Қазақстан Республикасы")
    html = client.get("/kk/library/").content.decode()
    assert "Қазақстан Республикасы" in html
