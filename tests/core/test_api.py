"""The read-only API at /api/v2/ shows published public content only, to everybody:
drafts, private materials (and pages under them) and documents of private
collections never appear, in listings, details, searches or tree filters."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from curriculum.privacy import materials_collection, restrict_to_program_groups
from submissions.services import submissions_collection
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import ImageFactory, UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
)
from tests.factories.home import ContentPageFactory
from tests.two_factor import sign_in_verified

pytestmark = pytest.mark.django_db


def make_document(title, collection):
    document = get_document_model()(title=title, collection=collection)
    document.file.save(
        f"{title.lower().replace(' ', '-')}.pdf",
        ContentFile(b"%PDF-1.4\n%%EOF\n"),
        save=False,
    )
    document.save()
    return document


@pytest.fixture
def content(home_page, groups):
    """Public pages and documents, and every kind of content that must stay hidden."""
    practices = BestPracticeIndexPageFactory(parent=home_page)
    public_practice = BestPracticePageFactory(
        parent=practices, title="Open Wi-Fi for bus routes"
    )
    draft_practice = BestPracticePageFactory(
        parent=practices, title="Unfinished draft practice", draft=True
    )
    curriculum = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=curriculum, title="Cybersecurity")
    materials = ModuleMaterialsPageFactory(
        parent=module, title="Secret incident playbook"
    )
    restrict_to_program_groups(materials)
    under_materials = ContentPageFactory(parent=materials, title="Hidden worksheet")
    password_page = ContentPageFactory(parent=home_page, title="Password protected")
    PageViewRestriction.objects.create(
        page=password_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    root_collection = Collection.get_first_root_node()
    public_collection = root_collection.add_child(name="Best practice attachments")
    private_materials = materials_collection()
    nested_private = private_materials.add_child(name="Module 3 handouts")
    return {
        "public_practice": public_practice,
        "draft_practice": draft_practice,
        "module": module,
        "materials": materials,
        "under_materials": under_materials,
        "password_page": password_page,
        "public_document": make_document("Bus route map", public_collection),
        "private_documents": [
            make_document("Participant roster", private_materials),
            make_document("Nested handout", nested_private),
            make_document("Draft attachment", submissions_collection()),
        ],
        "image": ImageFactory(title="Campus photo"),
    }


@pytest.fixture(params=["anonymous", "participant", "superuser"])
def api_client(request, client, groups):
    """The same answers are expected whoever asks: the API is public only."""
    if request.param == "participant":
        user = UserFactory()
        user.groups.add(groups["Participants"])
        client.force_login(user)
    elif request.param == "superuser":
        sign_in_verified(client, UserFactory(superuser=True))
    return client


HIDDEN_PAGES = ("draft_practice", "materials", "under_materials", "password_page")


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


# --- pages --------------------------------------------------------------------------


def test_page_listing_shows_public_pages_and_hides_drafts_and_private_pages(
    api_client, content
):
    listed = titles(api_client.get("/api/v2/pages/?limit=20"))
    assert {"Open Wi-Fi for bus routes", "Cybersecurity"} <= listed
    for key in HIDDEN_PAGES:
        assert content[key].title not in listed


@pytest.mark.parametrize("key", HIDDEN_PAGES)
def test_hidden_page_detail_is_not_found(api_client, content, key):
    response = api_client.get(f"/api/v2/pages/{content[key].pk}/")
    assert response.status_code == 404


def test_public_page_detail_is_found(api_client, content):
    response = api_client.get(f"/api/v2/pages/{content['public_practice'].pk}/")
    assert response.status_code == 200
    assert response.json()["title"] == "Open Wi-Fi for bus routes"


def test_find_by_html_path_does_not_reach_private_pages(api_client, content):
    response = api_client.get(
        "/api/v2/pages/find/?html_path=/curriculum/cybersecurity/"
        f"{content['materials'].slug}/"
    )
    assert response.status_code == 404


def test_type_filter_with_fields_lists_published_best_practices(api_client, content):
    response = api_client.get(
        "/api/v2/pages/?type=case_studies.BestPracticePage"
        "&fields=title,search_description,first_published_at"
    )
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Open Wi-Fi for bus routes"]
    assert items[0]["meta"]["type"] == "case_studies.BestPracticePage"
    assert "search_description" in items[0]["meta"]


def test_type_filter_for_materials_pages_is_empty(api_client, content):
    response = api_client.get("/api/v2/pages/?type=curriculum.ModuleMaterialsPage")
    assert response.json()["meta"]["total_count"] == 0


def test_search_does_not_find_drafts_or_private_pages(api_client, content):
    for query in ("Secret incident playbook", "Hidden worksheet", "Unfinished"):
        response = api_client.get("/api/v2/pages/", {"search": query})
        assert response.status_code == 200
        listed = {item["title"] for item in response.json()["items"]}
        assert not listed & {content[key].title for key in HIDDEN_PAGES}


def test_search_finds_public_pages(api_client, content):
    response = api_client.get("/api/v2/pages/", {"search": "Wi-Fi"})
    assert "Open Wi-Fi for bus routes" in titles(response)


def test_child_of_a_public_module_leaves_out_its_private_materials(api_client, content):
    response = api_client.get(f"/api/v2/pages/?child_of={content['module'].pk}")
    assert titles(response) == set()


@pytest.mark.parametrize("key", ["materials", "draft_practice", "password_page"])
@pytest.mark.parametrize("tree_filter", ["child_of", "descendant_of", "ancestor_of"])
def test_tree_filters_refuse_a_hidden_page_as_their_anchor(
    api_client, content, key, tree_filter
):
    response = api_client.get(f"/api/v2/pages/?{tree_filter}={content[key].pk}")
    assert response.status_code == 400
    assert "doesn't exist" in response.json()["message"]


def test_descendants_of_a_public_module_leave_out_private_materials(
    api_client, content
):
    response = api_client.get(f"/api/v2/pages/?descendant_of={content['module'].pk}")
    assert titles(response) == set()


# --- documents and images -----------------------------------------------------------


def test_document_listing_hides_every_private_collection(api_client, content):
    response = api_client.get("/api/v2/documents/?limit=20")
    assert titles(response) == {"Bus route map"}
    body = response.content.decode()
    for document in content["private_documents"]:
        assert document.file.name.rsplit("/", 1)[-1] not in body


def test_private_document_detail_is_not_found(api_client, content):
    for document in content["private_documents"]:
        response = api_client.get(f"/api/v2/documents/{document.pk}/")
        assert response.status_code == 404


def test_document_search_does_not_find_private_documents(api_client, content):
    response = api_client.get("/api/v2/documents/", {"search": "roster"})
    assert titles(response) == set()


def test_public_document_detail_gives_its_download_address(api_client, content):
    document = content["public_document"]
    response = api_client.get(f"/api/v2/documents/{document.pk}/")
    assert response.status_code == 200
    assert response.json()["meta"]["download_url"].endswith(document.url)


def test_images_are_listed(api_client, content):
    assert "Campus photo" in titles(api_client.get("/api/v2/images/"))


# --- read-only ----------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_refuses_writes(client, admin_user, content, endpoint, method):
    sign_in_verified(client, admin_user)
    assert getattr(client, method)(f"/api/v2/{endpoint}/").status_code == 405


def test_api_answers_json_only(client, content):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
