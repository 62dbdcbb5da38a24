"""An attachment awaiting publication opens only for its authors and reviewers."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from submissions.services import submissions_collection
from tests.factories.case_studies import BestPracticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(program, author):
    document = get_document_model()(
        title="Help desk data", collection=submissions_collection()
    )
    document.file.save("data.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    BestPracticePageFactory(
        parent=program["index"],
        live=False,
        owner=author,
        attachment=document,
        authors=[author.person],
    )
    return document


def test_anonymous_visitors_are_sent_to_sign_in(client, attachment):
    response = client.get(attachment.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_participant_cannot_open_it(client, attachment, classmate):
    client.force_login(classmate)
    assert client.get(attachment.url).status_code == 403


@pytest.mark.parametrize("who", ["author", "faculty", "director"])
def test_authors_and_reviewers_can_open_it(client, attachment, author, reviewers, who):
    client.force_login(author if who == "author" else reviewers[who])
    response = client.get(attachment.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
