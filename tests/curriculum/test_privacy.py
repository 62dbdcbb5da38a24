"""Participant materials: private pages and private documents."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from curriculum.privacy import materials_collection, restrict_to_program_groups
from tests.factories.core import UserFactory
from tests.factories.curriculum import (
    CurriculumIndexPageFactory,
    ModuleMaterialsPageFactory,
    ModulePageFactory,
)
from tests.two_factor import sign_in, sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def module(home_page, groups):
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(
        parent=index, title="IT governance", slug="it-governance"
    )
    materials = ModuleMaterialsPageFactory(parent=module, title="Governance materials")
    restrict_to_program_groups(materials)
    return module


@pytest.fixture
def private_document(groups):
    document = get_document_model()(
        title="Board policy template", collection=materials_collection()
    )
    document.file.save("policy.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def test_anonymous_visitor_is_sent_to_sign_in_for_materials(client, module):
    response = client.get("/curriculum/it-governance/materials/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_anonymous_visitor_sees_the_module_overview_and_a_note(client, module):
    response = client.get("/curriculum/it-governance/")
    assert response.status_code == 200
    assert (
        b"Governance materials" not in response.content
        or b"Sign in" in response.content
    )
    assert b"participants" in response.content.lower()


@pytest.mark.parametrize(
    "group", ["Participants", "Faculty", "Program Director", "Superintendents"]
)
def test_program_groups_can_read_materials(client, module, groups, group):
    user = UserFactory()
    user.groups.add(groups[group])
    sign_in(client, user)
    response = client.get("/curriculum/it-governance/materials/")
    assert response.status_code == 200
    assert b"Private notes." in response.content


def test_signed_in_user_outside_the_program_cannot_read_materials(client, module):
    client.force_login(UserFactory())
    response = client.get("/curriculum/it-governance/materials/")
    assert response.status_code in (302, 403)
    assert b"Private notes." not in response.content


def test_new_materials_pages_are_made_private_when_created_in_the_admin(
    client, admin_user, home_page, groups
):
    index = CurriculumIndexPageFactory(parent=home_page)
    module = ModulePageFactory(parent=index)
    sign_in_verified(client, admin_user)
    response = client.post(
        f"/admin/pages/add/curriculum/modulematerialspage/{module.pk}/",
        {
            "title": "Materials",
            "slug": "materials",
            "intro": "",
            "body-count": "0",
            "listing_title": "",
            "listing_summary": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    restriction = PageViewRestriction.objects.get(
        page__slug="materials", page__depth=module.depth + 1
    )
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Participants",
        "Faculty",
        "Program Director",
        "Superintendents",
    }


def test_private_documents_need_a_program_sign_in(
    client, private_document, participant_user
):
    url = private_document.url
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    client.force_login(participant_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
