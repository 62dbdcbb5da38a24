"""Findability: sitemap.xml, robots.txt, meta description, canonical and Open Graph tags,
and an error page that renders without the database."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.models import PageViewRestriction

from curriculum.privacy import restrict_to_program_groups
from home.models import TopicIndexPage
from people.models import CohortIndexPage
from tests.factories.core import ImageFactory, UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
    TopicAreaFactory,
)
from tests.factories.home import ContentPageFactory
from tests.factories.people import CohortFactory
from tests.sitemaps import sitemap_text
from tests.two_factor import sign_in, sign_in_verified

HOST = "localhost"  # the test site's hostname, so page URLs and the request agree
SITE = f"http://{HOST}"


@pytest.fixture
def tree(home_page, groups):
    """Public, draft, private and under-private pages of one site."""
    about = ContentPageFactory(
        parent=home_page,
        title="About the program",
        slug="about",
        search_description="How the CeCTO program works.",
    )
    draft = ContentPageFactory(parent=home_page, slug="draft-page", draft=True)
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=curriculum,
        title="IT governance",
        slug="it-governance",
        intro="Governance of district technology.",
        listing_image=ImageFactory(
            description="A board meeting", file__width=1600, file__height=1000
        ),
    )
    materials = ModuleMaterialsPageFactory(parent=module, slug="materials")
    restrict_to_program_groups(materials)
    under_private = ContentPageFactory(parent=materials, slug="under-private")
    password = ContentPageFactory(parent=home_page, slug="password-page")
    PageViewRestriction.objects.create(
        page=password,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    return {
        "home": home_page,
        "about": about,
        "draft": draft,
        "curriculum": curriculum,
        "module": module,
        "materials": materials,
        "under_private": under_private,
        "password": password,
    }


def get(client, path):
    return client.get(path, HTTP_HOST=HOST)


def sitemap_locations(client):
    response = get(client, "/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return set(re.findall(r"<loc>([^<]+)</loc>", sitemap_text(client, HTTP_HOST=HOST)))


# --- sitemap.xml --------------------------------------------------------------------


def test_anonymous_sitemap_lists_live_public_pages(client, tree):
    locations = sitemap_locations(client)
    assert f"{SITE}/" in locations
    assert f"{SITE}/about/" in locations
    assert f"{SITE}/curriculum/it-governance/" in locations


def test_sitemap_leaves_out_drafts_private_pages_and_pages_under_them(client, tree):
    locations = sitemap_locations(client)
    text = " ".join(locations)
    assert "draft-page" not in text
    assert "materials" not in text
    assert "under-private" not in text
    assert "password-page" not in text


@pytest.mark.parametrize("group", ["Participants", "Faculty", "Program Director"])
def test_signed_in_program_member_sitemap_still_lists_only_public_pages(
    client, tree, groups, group
):
    user = UserFactory()
    user.groups.add(groups[group])
    sign_in(client, user)
    text = " ".join(sitemap_locations(client))
    assert f"{SITE}/about/" in text
    assert "materials" not in text
    assert "under-private" not in text
    assert "draft-page" not in text


def test_superuser_sitemap_lists_only_public_live_pages(client, tree, admin_user):
    sign_in_verified(client, admin_user)
    text = " ".join(sitemap_locations(client))
    assert "materials" not in text
    assert "draft-page" not in text


def test_sitemap_lists_the_curriculum_map(client, tree):
    assert f"{SITE}/curriculum/map/" in sitemap_locations(client)


def test_sitemap_lists_each_topic_page(client, tree):
    tree["home"].add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    TopicAreaFactory(slug="leadership")
    assert f"{SITE}/topics/leadership/" in sitemap_locations(client)


def test_sitemap_lists_each_cohort_year(client, tree):
    tree["home"].add_child(instance=CohortIndexPage(title="Cohorts", slug="cohorts"))
    CohortFactory(year=2014)
    assert f"{SITE}/cohorts/2014/" in sitemap_locations(client)


# --- robots.txt ---------------------------------------------------------------------


def test_robots_txt_points_at_the_absolute_sitemap_and_keeps_out_private_areas(
    client, db
):
    response = get(client, "/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    for path in (
        "/admin/",
        "/accounts/",
        "/dashboard/",
        "/best-practices/submit/",
        "/best-practices/submissions/",
    ):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /" not in lines  # the public site stays crawlable


# --- meta description, canonical URL and Open Graph ---------------------------------


def meta(html, attribute, name):
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)


def canonical(html):
    return re.findall(r'<link rel="canonical" href="([^"]*)"', html)


def assert_loads_nothing_from_elsewhere(html):
    """Scripts, styles, images and icons are ours; absolute addresses only ours."""
    for url in re.findall(r'\bsrc="([^"]*)"', html):
        assert not re.match(r"^(https?:)?//", url), url
    for tag in re.findall(r"<link\b[^>]*>", html):
        url = re.search(r'href="([^"]*)"', tag).group(1)
        assert not re.match(r"^(https?:)?//", url) or url.startswith(f"{SITE}/"), tag
    for url in re.findall(r'<meta [^>]*content="((?:https?:)?//[^"]*)"', html):
        assert url.startswith(f"{SITE}/"), url


def test_content_page_has_one_description_a_canonical_link_and_open_graph(client, tree):
    html = get(client, "/about/").content.decode()
    assert meta(html, "name", "description") == ["How the CeCTO program works."]
    assert canonical(html) == [f"{SITE}/about/"]
    assert meta(html, "property", "og:url") == [f"{SITE}/about/"]
    assert meta(html, "property", "og:title") == ["About the program"]
    assert meta(html, "property", "og:description") == ["How the CeCTO program works."]
    assert meta(html, "property", "og:type") == ["website"]
    assert meta(html, "property", "og:site_name") == ["CeCTO Portal"]
    assert meta(html, "property", "og:image") == []
    assert meta(html, "name", "twitter:card") == ["summary"]
    assert_loads_nothing_from_elsewhere(html)


def test_module_page_falls_back_on_its_intro_and_shares_its_listing_image(client, tree):
    html = get(client, "/curriculum/it-governance/").content.decode()
    intro = "Governance of district technology."
    assert meta(html, "name", "description") == [intro]
    assert meta(html, "property", "og:description") == [intro]
    assert canonical(html) == [f"{SITE}/curriculum/it-governance/"]
    (image,) = meta(html, "property", "og:image")
    assert image.startswith(f"{SITE}/")
    assert ".fill-1200x630" in image
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:image:height") == ["630"]
    assert meta(html, "property", "og:image:alt") == ["A board meeting"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]
    assert_loads_nothing_from_elsewhere(html)


def test_seo_title_is_the_open_graph_title(client, tree):
    tree["about"].seo_title = "About CeCTO"
    tree["about"].save_revision().publish()
    html = get(client, "/about/").content.decode()
    assert meta(html, "property", "og:title") == ["About CeCTO"]


def test_routable_subpage_keeps_its_own_description_and_canonical_address(client, tree):
    html = get(client, "/curriculum/map/?track=x").content.decode()
    (description,) = meta(html, "name", "description")
    assert description.startswith("Every curriculum module by topic area")
    assert canonical(html) == [f"{SITE}/curriculum/map/"]
    assert meta(html, "property", "og:url") == [f"{SITE}/curriculum/map/"]
    # The parent page's title and description would mislabel the map.
    assert meta(html, "property", "og:title") == []
    assert meta(html, "property", "og:description") == []
    assert_loads_nothing_from_elsewhere(html)


def test_django_view_without_a_page_gets_a_description_and_canonical_address(
    client, tree
):
    html = get(client, "/accounts/login/?next=/dashboard/").content.decode()
    (description,) = meta(html, "name", "description")
    assert "CeCTO" in description
    assert canonical(html) == [f"{SITE}/accounts/login/"]
    assert_loads_nothing_from_elsewhere(html)


def test_page_without_any_description_gets_the_program_description(client, tree):
    page = ContentPageFactory(parent=tree["home"], slug="bare", intro="")
    assert not page.get_meta_description()
    html = get(client, "/bare/").content.decode()
    (description,) = meta(html, "name", "description")
    assert "CeCTO" in description


# --- error pages --------------------------------------------------------------------


def test_server_error_page_renders_the_design_without_the_database():
    # No django_db mark: any query would fail the test.
    response = server_error(RequestFactory().get("/broken/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "css/portal.css" in html
    assert 'class="site-header"' in html
    assert "<h1>Sorry, something went wrong</h1>" in html
    assert html == render_to_string("500.html")
    assert_loads_nothing_from_elsewhere(html)


def test_not_found_page_uses_the_site_design(client, tree):
    response = get(client, "/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert len(meta(html, "name", "description")) == 1
    assert_loads_nothing_from_elsewhere(html)
