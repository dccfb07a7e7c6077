"""A trainer describes a resource in the admin: each facet offers only its own terms."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from home.groups import ADMINISTRATORS
from library.models import Resource, Term
from tests.factories import make_resource, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def administrator(db):
    user = make_user(email="admin@example.org", is_staff=True, password=PASSWORD)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return user


@pytest.fixture
def desk(browser):
    """A trainer's screen: the admin is where they write, at a desk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your courses")).to_be_visible()


def test_each_facet_offers_its_own_terms_and_keeps_several_choices(
    live_server, desk, administrator
):
    handbook = make_resource("Border guard handbook", languages=["ru"])
    sign_in(desk, live_server, administrator)
    editor = live_server.url + f"/admin/snippets/library/resource/edit/{handbook.pk}/"
    desk.goto(editor)

    # The type: one radio button per type, no audience or country among them.
    kind = desk.get_by_role("group", name=re.compile("^Type"))
    radios = kind.get_by_role("radio")
    expect(radios).to_have_count(Term.objects.filter(facet="type").count())
    for name in ("Kazakhstan", "Journalists", "Russian", "Children"):
        expect(kind.get_by_text(name)).to_have_count(0)
    expect(kind.get_by_label("Handbook or manual")).to_be_checked()
    kind.get_by_label("Report").check()

    # Countries: a long list, filtered by what the trainer types; a hidden choice stays.
    countries = desk.get_by_role("group", name=re.compile("^Countries"))
    expect(countries.get_by_role("checkbox")).to_have_count(20)
    expect(countries.get_by_text("Journalists")).to_have_count(0)
    search = countries.get_by_label("Type to filter")
    search.fill("kyrg")
    expect(countries.get_by_role("checkbox", name="Kazakhstan")).to_be_hidden()
    countries.get_by_label("Kyrgyzstan").check()
    search.fill("nowhere at all")
    expect(countries.get_by_text("No term matches what you typed.")).to_be_visible()
    search.press("Escape")  # the whole list again
    expect(countries.get_by_role("checkbox")).to_have_count(20)
    countries.get_by_label("Tajikistan").check()  # a plain click: no Ctrl needed
    expect(countries.get_by_label("Kyrgyzstan")).to_be_checked()

    desk.get_by_role("button", name="Save", exact=True).click()
    expect(desk.get_by_text(re.compile("updated"))).to_be_visible()

    desk.goto(editor)  # saved, back to the list: open it again
    countries = desk.get_by_role("group", name=re.compile("^Countries"))
    expect(countries.get_by_label("Kyrgyzstan")).to_be_checked()
    expect(countries.get_by_label("Tajikistan")).to_be_checked()
    expect(countries.get_by_label("Kazakhstan")).not_to_be_checked()
    languages = desk.get_by_role("group", name=re.compile("^Languages"))
    expect(languages.get_by_label("Russian", exact=True)).to_be_checked()
    expect(
        desk.get_by_role("group", name=re.compile("^Type")).get_by_label("Report")
    ).to_be_checked()
    handbook.refresh_from_db()
    assert {t.slug for t in handbook.countries.all()} == {"kg", "tj"}
    assert handbook.resource_type.slug == "report"


def test_a_new_resource_takes_its_slug_from_its_title(live_server, desk, administrator):
    sign_in(desk, live_server, administrator)
    desk.goto(live_server.url + "/admin/snippets/library/resource/add/")
    title = desk.get_by_label(re.compile("^Title"))
    title.fill("Руководство для пограничников 2024")
    title.press("Tab")  # on to the next field, as a trainer would
    slug = desk.get_by_label(re.compile("^Slug"))
    expect(slug).to_have_value(re.compile(r"^rukovodstvo-[a-z0-9-]+-2024$"))
    desk.get_by_label(re.compile("^Summary")).fill("Как распознать жертву на границе.")
    desk.get_by_role("group", name=re.compile("^Type")).get_by_label("Handbook or manual").check()
    desk.get_by_role("button", name="Save", exact=True).click()
    expect(desk.get_by_text(re.compile("created"))).to_be_visible()
    resource = Resource.objects.get(title="Руководство для пограничников 2024")
    assert re.fullmatch(r"rukovodstvo-[a-z0-9-]+-2024", resource.slug)
