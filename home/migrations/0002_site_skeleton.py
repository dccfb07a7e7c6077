"""The site every installation starts with: a locale for each content language, the
home page as the default site's root, the course catalogue and the e-library under it.

Run once, like Wagtail's project template does: a page an administrator deletes later
stays deleted.
"""

from django.conf import settings
from django.db import migrations

HOME_INTRO = (
    "<p>Free online courses for the professionals who meet trafficking in their work "
    "(peacekeepers, journalists, judges, police, border guards and social workers) and "
    "for people at risk.</p>"
)
CHILDREN = [
    (
        "courses",
        "CourseIndexPage",
        "Courses",
        "courses",
        "<p>Choose a course for your profession, or one for everyone.</p>",
    ),
    (
        "library",
        "LibraryIndexPage",
        "E-library",
        "library",
        "<p>Handbooks, laws, guides and tools on trafficking in persons, to find by "
        "subject, country, language and audience.</p>",
    ),
]


def create_site(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    # Wagtail's own migrations leave a "Welcome to Wagtail" page (and a site rooted at
    # it) in the home page's place; deleting the page deletes that site too.
    page_type = ContentType.objects.get_for_model(Page)
    Page.objects.filter(depth=2, content_type=page_type).delete()
    if Page.objects.filter(depth=2).exists():
        return  # a site is already there

    def add(model_app, model_name, **fields):
        model = apps.get_model(model_app, model_name)
        content_type, _created = ContentType.objects.get_or_create(
            app_label=model_app, model=model_name.lower()
        )
        return model.objects.create(
            content_type=content_type, locale=locale, draft_title=fields["title"], **fields
        )

    home = add(
        "home",
        "HomePage",
        title="Learning to counter human trafficking",
        slug="home",
        intro=HOME_INTRO,
        path="00010001",
        depth=2,
        numchild=len(CHILDREN),
        url_path="/home/",
    )
    for number, (app_label, model_name, title, slug, intro) in enumerate(CHILDREN, 1):
        add(
            app_label,
            model_name,
            title=title,
            slug=slug,
            intro=intro,
            path=f"{home.path}{number:04d}",
            depth=3,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
        )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page_id=home.pk,
        is_default_site=True,
        site_name="Counter-Trafficking Learning",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("courses", "0001_initial"),
        ("library", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
