"""Trainers translate resources in the admin; readers see the version in their language."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.models import Translation

from library.models import Resource, Term, TermName
from tests.courses.test_queries import LESSON_ENROLLED
from tests.factories import in_language, make_resource, make_trainer, make_user, sync_trees
from tests.library.test_citations import RESOURCE_DETAIL, cite
from tests.library.test_library import LISTING_BROWSING, LISTING_SEARCHING

pytestmark = pytest.mark.django_db


def translate(resource, language="ru", **fields):
    """A version of ``resource`` in ``language``, with ``fields`` translated."""
    version = resource.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(version, name, value)
    version.save()
    return version


@pytest.fixture
def protocol(db):
    return make_resource(
        "Palermo Protocol",
        kind="law_treaty",
        year=2000,
        publisher="United Nations",
        languages=["en", "ru"],
        topics=["legal_framework"],
    )


@pytest.fixture
def shelf(protocol):
    """The protocol, translated into Russian, and two resources in English only."""
    translated = translate(
        protocol, title="Палермский протокол", summary="Протокол о торговле людьми."
    )
    others = [
        make_resource("Border guard handbook", languages=["ru"], topics=["migration"]),
        make_resource("Labour exploitation report", kind="report", languages=["en"]),
    ]
    return protocol, translated, others


def protocol_topics(resource) -> list[str]:
    return [term.slug for term in resource.topics.all()]


def titles(response):
    return [r.title for r in response.context["found"].resources]


def test_all_languages_have_a_locale():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"en", "ru", "kk", "ky", "tg", "uz"}


def test_trainer_translates_a_resource_with_wagtail_localize(client, protocol):
    """Translate in the admin, offline as a PO file, then publish: readers see it."""
    import polib

    client.force_login(make_trainer())
    submit = f"/admin/localize/submit/snippet/library/resource/{protocol.pk}/"
    listing = client.get("/admin/snippets/library/resource/").content.decode()
    assert submit in listing  # "Translate" in the resource's menu
    assert client.get(submit).status_code == 200
    russian = Locale.objects.get(language_code="ru")
    assert client.post(submit, {"locales": [russian.pk]}).status_code == 302
    version = Resource.objects.get(
        translation_key=protocol.translation_key, locale__language_code="ru"
    )
    assert set(version.languages.values_list("slug", flat=True)) == {"en", "ru"}
    translation = Translation.objects.get(
        source__object_id=protocol.translation_key, target_locale=russian
    )
    editor = f"/admin/snippets/library/resource/edit/{version.pk}/"
    assert client.get(editor).status_code == 200  # wagtail-localize's segment editor

    # The translator downloads the strings, translates them offline, uploads them.
    download = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    po = polib.pofile(download.content.decode())
    assert "Palermo Protocol" in {entry.msgid for entry in po}
    for entry in po:
        if entry.msgid == "Palermo Protocol":
            entry.msgstr = "Палермский протокол «2000»"
    upload = SimpleUploadedFile("ru.po", str(po).encode(), content_type="text/x-gettext")
    client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {"file": upload, "next": editor},
    )
    assert client.post(editor, {"action": "publish"}).status_code == 302
    version.refresh_from_db()
    assert version.title == "Палермский протокол «2000»"
    protocol.refresh_from_db()
    assert protocol.title == "Palermo Protocol"  # the original is untouched
    assert "Палермский протокол «2000»" in client.get("/ru/library/").content.decode()


def test_translation_tools_are_for_the_library_s_editors_only(client, protocol):
    submit = f"/admin/localize/submit/snippet/library/resource/{protocol.pk}/"
    editor = make_user(email="editor@example.org", is_staff=True, is_superuser=False)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    russian = Locale.objects.get(language_code="ru")
    response = client.post(submit, {"locales": [russian.pk]})
    assert response.status_code in (302, 403) and response.get("Location") != submit
    assert Resource.objects.count() == 1  # nothing made


def test_a_slug_names_one_resource_in_every_language(protocol):
    other = make_resource("Another protocol")
    translated = translate(other, title="Другой протокол")
    translated.slug = protocol.slug  # taken by a different resource, in English
    with pytest.raises(ValidationError) as error:
        translated.full_clean()
    assert "slug" in error.value.message_dict
    # A resource's own versions share theirs.
    translate(protocol).full_clean()


def test_readers_see_the_version_in_their_language(client, shelf):
    _protocol, _translated, others = shelf
    english = client.get("/en/library/")
    russian = client.get("/ru/library/")
    assert "Palermo Protocol" in titles(english) and "Палермский протокол" not in titles(english)
    assert "Палермский протокол" in titles(russian) and "Palermo Protocol" not in titles(russian)
    # Untranslated resources show in the original; each resource once.
    assert english.context["found"].total == russian.context["found"].total == 3
    assert all(r.title in titles(russian) for r in others)
    # The description is marked with its own language, for screen readers.
    assert 'lang="ru"' in russian.content.decode()


def test_facet_counts_are_the_same_in_every_language(client, shelf):
    def counts(response):
        return {
            f["key"]: {i["value"].term.slug: i["value"].count for i in f["values"]}
            for f in response.context["facets"]
        }

    assert counts(client.get("/en/library/")) == counts(client.get("/ru/library/"))


def test_search_finds_a_resource_by_any_of_its_versions(client, shelf):
    # A Russian reader typing the English title finds the Russian version...
    assert titles(client.get("/ru/library/", {"q": "Palermo"})) == ["Палермский протокол"]
    # ...and an English reader typing Russian words finds the English one.
    assert titles(client.get("/en/library/", {"q": "Палермский"})) == ["Palermo Protocol"]


def test_a_resource_described_only_in_russian_is_listed_for_everyone(client):
    russian = Locale.objects.get(language_code="ru")
    only = make_resource("Leaflet for migrants", kind="leaflet")
    only.locale, only.title = russian, "Памятка для мигрантов"
    only.save()
    assert "Памятка для мигрантов" in titles(client.get("/en/library/"))
    assert client.get(f"/en/library/{only.slug}/").status_code == 200


def test_detail_page_opens_from_any_version_address(client, shelf):
    protocol, translated, _others = shelf
    translated.slug = "palermskii-protokol"
    translated.save()
    for slug in (protocol.slug, translated.slug):
        assert client.get(f"/en/library/{slug}/").context["resource"] == protocol
        assert client.get(f"/ru/library/{slug}/").context["resource"] == translated
    html = client.get("/ru/library/").content.decode()
    assert 'href="/ru/library/palermskii-protokol/"' in html


def test_related_resources_are_shown_in_the_reader_language(client, shelf):
    statute = make_resource("Criminal code", kind="law_treaty", topics=["legal_framework"])
    translate(statute, title="Уголовный кодекс")
    related = client.get(f"/ru/library/{statute.slug}/").context["related"]
    assert [r.title for r in related] == ["Палермский протокол"]


def test_term_names_follow_the_reader_language(client, shelf):
    law = Term.objects.get(facet="type", slug="law_treaty")
    TermName.objects.create(term=law, language="ru", name="Закон или договор")
    protocol, _translated, _others = shelf
    russian = client.get("/ru/library/").content.decode()
    assert "Закон или договор" in russian  # in the facets and on the result
    assert "Закон или договор" in client.get(f"/ru/library/{protocol.slug}/").content.decode()
    english = client.get("/en/library/").content.decode()
    assert "Law or treaty" in english and "Закон или договор" not in english


def test_trainer_names_a_term_in_another_language_in_the_admin(client):
    law = Term.objects.get(facet="type", slug="law_treaty")
    client.force_login(make_trainer())
    form = {
        "facet": "type",
        "name": law.name,
        "slug": law.slug,
        "sort_order": law.sort_order,
        "names-TOTAL_FORMS": "2",
        "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "1000",
        "names-0-language": "ru",
        "names-0-name": "Закон или договор",
        "names-1-language": "ru",
        "names-1-name": "Закон",
    }
    url = f"/admin/snippets/library/term/edit/{law.pk}/"
    refused = client.post(url, form)  # two Russian names for one term
    assert refused.status_code == 200 and not TermName.objects.exists()
    form["names-TOTAL_FORMS"] = "1"
    assert client.post(url, form).status_code == 302
    assert law.names.get().name == "Закон или договор"


def test_a_lesson_shows_the_cited_resource_in_the_reader_language(
    client, learner, enrolled, lessons, shelf, django_assert_num_queries
):
    protocol, translated, _others = shelf
    cite(lessons[0], protocol)
    client.force_login(learner)
    sync_trees()
    russian_lesson = in_language(lessons[0].url, "ru")
    html = client.get(russian_lesson).content.decode()
    assert "Палермский протокол" in html and f'href="/ru/library/{translated.slug}/"' in html
    assert "Palermo Protocol" in client.get(lessons[0].url).content.decode()
    with django_assert_num_queries(LESSON_ENROLLED):
        client.get(russian_lesson)
    # The lesson still cites the resource the trainer chose.
    assert lessons[0].specific.body[-1].value["resource"] == protocol


def test_a_translation_lists_the_lessons_citing_the_original(client, lessons, shelf):
    protocol, translated, _others = shelf
    cite(lessons[0], protocol)
    sync_trees()  # the lesson is in the Russian tree too (not translated: an alias)
    html = client.get(f"/ru/library/{translated.slug}/").content.decode()
    assert lessons[0].title in html


def test_query_counts_are_the_same_in_russian(client, shelf):
    protocol, _translated, _others = shelf
    related = make_resource("Related one", topics=protocol_topics(protocol))
    pages = {}

    def count(url, params=None):
        url = in_language(url, "ru")
        client.get(url, params)  # term names are cached after the first view
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
            assert response.status_code == 200
        pages[url] = response.content.decode()
        return len(ctx.captured_queries)

    assert count("/en/library/") == LISTING_BROWSING
    assert count("/en/library/", {"q": "protocol"}) == LISTING_SEARCHING
    assert count(f"/en/library/{protocol.slug}/") == RESOURCE_DETAIL - 3  # not cited
    assert related.title in pages[f"/ru/library/{protocol.slug}/"]  # the related list was read


def test_russian_words_are_found_whatever_their_case(client, protocol):
    """Grammatical case on PostgreSQL (its "russian" configuration stems words); letter
    case everywhere (SQLite's FTS5 folds Cyrillic capitals too)."""
    translate(
        protocol,
        title="Руководство по противодействию торговле людьми",
        summary="Как выявлять жертв торговли людьми на границе.",
    )
    assert titles(client.get("/ru/library/", {"q": "РУКОВОДСТВО"})) == [
        "Руководство по противодействию торговле людьми"
    ]
    if connection.vendor == "postgresql":
        # Nominative "торговля" finds the dative and genitive forms in the text.
        assert titles(client.get("/ru/library/", {"q": "торговля жертвы"})) == [
            "Руководство по противодействию торговле людьми"
        ]


def test_lessons_in_russian_are_found_whatever_their_case(lessons):
    """The lessons' own search (Wagtail's, as in the admin's page search)."""
    from courses.models import LessonPage
    from tests.factories import translate_tree

    course = lessons[0].get_parent().get_parent()
    translated = translate_tree(course, "ru")
    lesson = next(p for p in translated if p.specific_class is LessonPage).specific
    lesson.title = "Признаки торговли людьми"
    lesson.save_revision().publish()
    russian = Locale.objects.get(language_code="ru")
    found = LessonPage.objects.live().filter(locale=russian).search("ПРИЗНАКИ")
    assert [page.pk for page in found] == [lesson.pk]
    if connection.vendor == "postgresql":
        found = LessonPage.objects.live().search("торговля признак")
        assert lesson.pk in [page.pk for page in found]
