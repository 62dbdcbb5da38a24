"""A best practice's attachment follows the page: public while it is published,
private again once it is unpublished or deleted, public again on re-publishing."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from submissions.services import (
    PUBLIC_ATTACHMENTS_COLLECTION,
    SUBMISSIONS_COLLECTION,
    submissions_collection,
)
from tests.factories.case_studies import BestPracticePageFactory

pytestmark = pytest.mark.django_db


def new_attachment(title="Help desk data"):
    document = get_document_model()(title=title, collection=submissions_collection())
    document.file.save("data.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


@pytest.fixture
def published(program, author):
    """A published best practice whose attachment went public on publishing."""
    page = BestPracticePageFactory(
        parent=program["index"],
        live=False,
        owner=author,
        attachment=new_attachment(),
        authors=[author.person],
    )
    page.save_revision(user=author).publish()
    page.refresh_from_db()
    return page


def collection_of(document):
    document.refresh_from_db()
    return document.collection.name


def listed_in_api(client, document):
    listing = client.get("/api/v2/documents/").json()
    ids = {item["id"] for item in listing["items"]}
    detail = client.get(f"/api/v2/documents/{document.pk}/")
    return document.pk in ids and detail.status_code == 200


def is_public(client, document):
    """Whether a signed-out visitor can download it and the API lists it."""
    response = client.get(document.url)
    downloadable = response.status_code == 200
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    return downloadable and listed_in_api(client, document)


def test_publishing_makes_the_attachment_public(client, published):
    document = published.attachment
    assert collection_of(document) == PUBLIC_ATTACHMENTS_COLLECTION
    assert is_public(client, document)


def test_unpublishing_makes_the_attachment_private_again(client, published):
    document = published.attachment
    published.unpublish()
    assert collection_of(document) == SUBMISSIONS_COLLECTION
    assert client.get(document.url).status_code == 302
    assert not listed_in_api(client, document)


def test_deleting_a_published_practice_makes_its_attachment_private(client, published):
    document = published.attachment
    Page.objects.get(pk=published.pk).delete()
    assert collection_of(document) == SUBMISSIONS_COLLECTION
    assert client.get(document.url).status_code == 302
    assert not listed_in_api(client, document)


def test_deleting_an_unpublished_practice_left_public_makes_it_private(
    client, published
):
    # An attachment left public by a release without this rule.
    document = published.attachment
    Page.objects.filter(pk=published.pk).update(live=False)
    Page.objects.get(pk=published.pk).specific.delete()
    assert collection_of(document) == SUBMISSIONS_COLLECTION


def test_re_publishing_makes_it_public_again(client, published):
    document = published.attachment
    published.unpublish()
    assert not is_public(client, document)
    published.refresh_from_db()
    published.save_revision().publish()
    assert collection_of(document) == PUBLIC_ATTACHMENTS_COLLECTION
    assert is_public(client, document)


def test_an_attachment_another_live_practice_shows_stays_public(
    client, program, author, published
):
    document = published.attachment
    other = BestPracticePageFactory(
        parent=program["index"],
        live=False,
        owner=author,
        attachment=document,
        authors=[author.person],
    )
    other.save_revision(user=author).publish()
    published.unpublish()
    assert collection_of(document) == PUBLIC_ATTACHMENTS_COLLECTION
    assert is_public(client, document)


def test_documents_in_other_collections_are_left_where_they_are(
    client, program, author
):
    from wagtail.models import Collection

    elsewhere = Collection.get_first_root_node().add_child(name="Press kit")
    document = new_attachment("Press kit")
    document.collection = elsewhere
    document.save()
    page = BestPracticePageFactory(
        parent=program["index"], live=True, owner=author, attachment=document
    )
    page.unpublish()
    assert collection_of(document) == "Press kit"


def test_with_the_page_cache_on_the_api_drops_it_at_once(client, published, settings):
    settings.PAGE_CACHE_TIMEOUT = 300
    document = published.attachment
    assert listed_in_api(client, document)
    assert client.get("/api/v2/documents/")["X-Cache"] == "HIT"
    published.unpublish()
    assert not listed_in_api(client, document)


def test_a_replaced_attachment_goes_private_when_the_new_one_is_published(
    client, published
):
    old = published.attachment
    published.attachment = new_attachment("Help desk data, revised")
    published.save_revision().publish()
    assert collection_of(old) == SUBMISSIONS_COLLECTION
    assert not is_public(client, old)
    assert is_public(client, published.attachment)


def test_a_published_practice_in_a_section_made_private_takes_its_attachment_along(
    client, program, published, author
):
    from wagtail.models import PageViewRestriction

    document = published.attachment
    restriction = PageViewRestriction.objects.create(
        page=program["index"], restriction_type=PageViewRestriction.LOGIN
    )
    assert collection_of(document) == SUBMISSIONS_COLLECTION
    assert client.get(document.url).status_code == 302
    assert not listed_in_api(client, document)

    client.force_login(author)  # whoever may see the page may open it
    assert client.get(document.url).status_code == 200
    client.logout()

    restriction.delete()
    assert collection_of(document) == PUBLIC_ATTACHMENTS_COLLECTION
    assert is_public(client, document)


def test_publishing_inside_a_private_section_keeps_the_attachment_private(
    client, program, author
):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=program["index"], restriction_type=PageViewRestriction.LOGIN
    )
    page = BestPracticePageFactory(
        parent=program["index"], live=False, owner=author, attachment=new_attachment()
    )
    page.save_revision().publish()
    assert collection_of(page.attachment) == SUBMISSIONS_COLLECTION


def test_deleting_the_whole_section_makes_every_attachment_private(
    client, program, published
):
    document = published.attachment
    Page.objects.get(pk=program["index"].pk).delete()
    assert collection_of(document) == SUBMISSIONS_COLLECTION
