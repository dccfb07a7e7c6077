"""The resource form's facets: each lists its own terms, in the trainer's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

from library.models import Resource, Term, TermName
from library.widgets import FacetCheckboxes, FacetRadios
from tests.factories import make_resource, make_trainer, term

pytestmark = pytest.mark.django_db

FACETS = {
    "resource_type": "type",
    "languages": "language",
    "countries": "country",
    "audiences": "audience",
    "topics": "topic",
}
# Pinned: one query for the terms of every facet and one per facet for those chosen,
# beside Wagtail's own (user, locks, editing sessions, usage...). It was 31 with the
# snippet chooser and the multi-select boxes, which read each facet's terms twice (the
# second time for Wagtail's client-side panels).
ADMIN_RESOURCE_EDIT = 23


def edit_url(resource):
    return f"/admin/snippets/library/resource/edit/{resource.pk}/"


def resource_form(**data):
    """What the editor posts for a resource, with ``data`` changed."""
    fields = {
        "title": "Border guard handbook",
        "original_title": "",
        "slug": "border-guard-handbook",
        "summary": "About the border.",
        "resource_type": term("type", "handbook").pk,
        "publisher": "OSCE",
        "year": "2011",
        "languages": [term("language", "ru").pk],
        "countries": [term("country", "kz").pk],
        "audiences": [],
        "topics": [],
        "url": "",
        "document": "",
        "licence": "",
        "attribution": "",
        "notes": rich_text(""),
    }
    return {**fields, **data}


@pytest.fixture
def handbook(db):
    return make_resource(
        "Border guard handbook", year=2011, languages=["ru"], countries=["kz"], topics=["migration"]
    )


@pytest.fixture
def trainer_client(client):
    client.force_login(make_trainer())
    return client


def facet_form(resource=None, data=None):
    form_class = Resource.get_edit_handler().get_form_class()
    return form_class(data, instance=resource or Resource())


def labels(form, name):
    """{term id: label} of a facet field's choices."""
    return {value.value: label for value, label in form.fields[name].choices}


def test_each_facet_offers_its_own_terms_only(handbook):
    form = facet_form(handbook)
    for name, facet in FACETS.items():
        offered = {value.value for value, _label in form.fields[name].choices if value != ""}
        assert offered == set(Term.objects.filter(facet=facet).values_list("pk", flat=True))
    assert isinstance(form.fields["resource_type"].widget, FacetRadios)  # no empty choice
    assert "" not in [value for value, _label in form.fields["resource_type"].choices]
    for name in ("languages", "countries", "audiences", "topics"):
        assert isinstance(form.fields[name].widget, FacetCheckboxes)


def test_the_terms_are_named_in_the_admin_language(handbook):
    report = term("type", "report")
    TermName.objects.create(term=report, language="ru", name="Доклад")
    with translation.override("ru"):
        form = facet_form(handbook)
        types, countries = labels(form, "resource_type"), labels(form, "countries")
    assert types[report.pk] == "Доклад"
    assert types[term("type", "video").pk] == "Video"  # no Russian name: its own
    assert countries[term("country", "kz").pk] == "Казахстан"  # the interface catalogue's
    with translation.override("en"):
        form = facet_form(handbook)
        types = labels(form, "resource_type")
    assert types[report.pk] == "Report"  # the name, not "Type: Report"


def test_the_editor_shows_the_trainer_s_language(client, handbook):
    trainer = make_trainer()
    profile = UserProfile.get_for_user(trainer)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(trainer)
    html = client.get(edit_url(handbook)).content.decode()
    assert "Казахстан" in html
    assert "Country: Kazakhstan" not in html and "Audience:" not in html


def test_a_term_of_another_facet_is_refused_and_nothing_saved(trainer_client, handbook):
    kz, border = term("country", "kz"), term("audience", "border_migration")
    forged = [
        {"resource_type": kz.pk},  # a country as the type
        {"countries": [kz.pk, border.pk]},  # an audience among the countries
        {"audiences": [term("topic", "children").pk]},
        {"resource_type": 2**64},  # no database column holds this id
        {"languages": [2**64]},
        {"topics": ["not-an-id"]},
    ]
    for data in forged:
        response = trainer_client.post(edit_url(handbook), resource_form(title="Changed", **data))
        assert response.status_code == 200, data
        [field] = data
        errors = response.context["form"].errors[field]
        assert any("valid choice" in error or "valid value" in error for error in errors), errors
        handbook.refresh_from_db()
        assert handbook.title == "Border guard handbook"
        assert handbook.resource_type.slug == "handbook"
        assert [t.slug for t in handbook.countries.all()] == ["kz"]


def test_check_boxes_keep_several_choices(trainer_client, handbook):
    countries = [term("country", code).pk for code in ("kz", "kg", "tj")]
    data = resource_form(countries=countries, resource_type=term("type", "report").pk)
    assert trainer_client.post(edit_url(handbook), data).status_code == 302
    handbook.refresh_from_db()
    assert {t.slug for t in handbook.countries.all()} == {"kz", "kg", "tj"}
    assert handbook.resource_type.slug == "report"
    # A later save that adds a topic keeps the countries the editor shows ticked.
    html = trainer_client.get(edit_url(handbook)).content.decode()
    assert html.count("checked") >= 4  # three countries and the language
    data = resource_form(
        countries=countries,
        resource_type=term("type", "report").pk,
        topics=[term("topic", "migration").pk],
    )
    assert trainer_client.post(edit_url(handbook), data).status_code == 302
    assert {t.slug for t in handbook.countries.all()} == {"kz", "kg", "tj"}


def test_a_new_resource_takes_its_slug_from_the_title_an_existing_one_keeps_it(
    trainer_client, handbook
):
    added = trainer_client.get("/admin/snippets/library/resource/add/").content.decode()
    assert 'data-w-sync-target-value="#id_slug"' in added and "w-sync#apply" in added
    assert 'data-w-slug-allow-unicode-value="false"' in added  # the field takes ASCII only
    edited = trainer_client.get(edit_url(handbook)).content.decode()
    assert "w-sync#apply" not in edited  # its address may be cited: typed by hand only


def test_the_long_lists_have_a_filter_box(trainer_client, handbook):
    html = trainer_client.get(edit_url(handbook)).content.decode()
    for name in ("languages", "countries"):  # 18 and 20 terms
        assert f'id="id_{name}-filter"' in html
    for name in ("resource_type", "audiences", "topics"):
        assert f'id="id_{name}-filter"' not in html
    assert "library/facet-filter.js" in html


def test_the_editor_s_query_count_is_pinned(trainer_client, handbook):
    def count(resource):
        trainer_client.get(edit_url(resource))
        with CaptureQueriesContext(connection) as ctx:
            assert trainer_client.get(edit_url(resource)).status_code == 200
        return len(ctx.captured_queries)

    assert count(handbook) == ADMIN_RESOURCE_EDIT
    for n in range(5):
        Term.objects.create(facet="topic", slug=f"extra-{n}", name=f"Extra {n}", sort_order=50)
    many = make_resource(
        "Well described",
        languages=["en", "ru", "kk"],
        countries=["kz", "kg", "tj", "uz"],
        audiences=["border_migration", "police_investigators"],
        topics=["migration", "children", "extra-1"],
    )
    assert count(many) == ADMIN_RESOURCE_EDIT
