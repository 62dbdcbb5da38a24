"""Writing, saving and submitting a best practice on the public site."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page, WorkflowState

from case_studies.models import BestPracticeAuthor, BestPracticePage
from submissions.services import SUBMISSIONS_COLLECTION
from submissions.workflows import FACULTY_REVIEW_TASK
from tests.submissions.conftest import office_file, pdf_file

pytestmark = pytest.mark.django_db

SUBMIT_URL = "/best-practices/submit/"


def form_data(client, program, **overrides):
    """A complete, valid submission carrying the form's one-time token."""
    response = client.get(SUBMIT_URL)
    assert response.status_code == 200
    data = {
        "form_token": response.context["form"]["form_token"].value(),
        "title": "Shared help desk for three districts",
        "intro": "Three small districts share one help desk.",
        "topic_areas": [program["topics"][0].pk],
        "tags": "help desk, shared services",
        "body": "<p>We pooled <b>staff</b>.</p><ul><li>One queue</li></ul>",
        "action": "save",
    }
    data.update(overrides)
    return data


def counts():
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        BestPracticeAuthor.objects.count(),
        WorkflowState.objects.count(),
    )


def test_participant_saves_a_draft_owned_by_them(author_client, author, program):
    response = author_client.post(SUBMIT_URL, form_data(author_client, program))
    assert response.status_code == 302
    assert response.url == "/dashboard/"
    page = BestPracticePage.objects.get()
    assert page.get_parent().pk == program["index"].pk
    assert not page.live
    assert page.owner == author
    assert page.cohort == program["cohort"]
    assert [a.person.user for a in page.authors.all()] == [author]
    assert list(page.topic_areas.all()) == [program["topics"][0]]
    assert sorted(t.name for t in page.tags.all()) == ["help desk", "shared services"]
    assert page.body == "<p>We pooled <b>staff</b>.</p><ul><li>One queue</li></ul>"
    assert page.get_latest_revision().user == author
    assert page.current_workflow_state is None
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Your draft is saved."]


def test_participant_submits_for_review_and_faculty_get_it(
    author_client, author, program
):
    data = form_data(author_client, program, action="submit")
    response = author_client.post(SUBMIT_URL, data, follow=True)
    page = BestPracticePage.objects.get()
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == author
    assert state.current_task_state.task.name == FACULTY_REVIEW_TASK
    assert state.current_task_state.revision == page.get_latest_revision()
    assert not BestPracticePage.objects.get().live
    assert "Submitted for review. Faculty will review it" in response.content.decode()
    assert "In review with Faculty" in response.content.decode()


def test_co_authors_come_from_the_same_cohort_only(
    author_client, program, classmate, outsider
):
    response = author_client.get(SUBMIT_URL)
    choices = list(response.context["form"].fields["co_authors"].queryset)
    assert choices == [classmate.person]
    data = form_data(author_client, program, co_authors=[outsider.person.pk])
    response = author_client.post(SUBMIT_URL, data)
    assert response.status_code == 200
    assert "co_authors" in response.context["form"].errors
    assert not BestPracticePage.objects.exists()

    data = form_data(author_client, program, co_authors=[classmate.person.pk])
    author_client.post(SUBMIT_URL, data)
    page = BestPracticePage.objects.get()
    assert {a.person.user.username for a in page.authors.all()} == {"parker", "quinn"}


def test_attachment_becomes_a_private_document(author_client, author, program):
    data = form_data(author_client, program, attachment=pdf_file())
    author_client.post(SUBMIT_URL, data)
    page = BestPracticePage.objects.get()
    document = page.attachment
    assert document.collection.name == SUBMISSIONS_COLLECTION
    assert document.uploaded_by_user == author
    restriction = CollectionViewRestriction.objects.get(collection=document.collection)
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Participants",
        "Faculty",
        "Program Director",
        "Superintendents",
    }
    assert Client().get(document.url).status_code in (302, 403)


@pytest.mark.parametrize(
    ("name", "folder"),
    [("plan.docx", "word/"), ("slides.pptx", "ppt/"), ("budget.xlsx", "xl/")],
)
def test_office_documents_are_accepted(author_client, program, name, folder):
    data = form_data(author_client, program, attachment=office_file(name, folder))
    response = author_client.post(SUBMIT_URL, data)
    assert response.status_code == 302
    assert BestPracticePage.objects.get().attachment.filename == name


def test_publishing_moves_the_attachment_to_the_public_collection(
    author_client, program
):
    author_client.post(
        SUBMIT_URL, form_data(author_client, program, attachment=pdf_file())
    )
    page = BestPracticePage.objects.get()
    page.get_latest_revision().publish()  # as the director's approval does
    page.attachment.refresh_from_db()
    assert page.attachment.collection.name == "Best practice attachments"
    assert not CollectionViewRestriction.objects.filter(
        collection=page.attachment.collection
    ).exists()


def test_the_submit_form_is_in_the_site_design(author_client):
    response = author_client.get(SUBMIT_URL)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'value="save">Save draft</button>' in html
    assert 'value="submit">Submit for review</button>' in html
    assert "text pasted from Word or Google Docs keeps them" in html
    assert 'aria-describedby="id_body_helptext"' in html
    assert '<label class="form-label" for="id_title">' in html


# --- Bad input ------------------------------------------------------------------------


def test_missing_csrf_token_is_refused_and_creates_nothing(author, program):
    client = Client(enforce_csrf_checks=True)
    client.force_login(author)
    before = counts()
    response = client.post(
        SUBMIT_URL, {"title": "No token", "action": "save", "form_token": "x"}
    )
    assert response.status_code == 403
    assert counts() == before


def test_empty_title_is_refused_with_a_message(author_client, program):
    before = counts()
    response = author_client.post(
        SUBMIT_URL, form_data(author_client, program, title="  ")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a title." in html
    assert 'aria-describedby="id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert counts() == before


def test_submitting_needs_summary_topic_and_body(author_client, program):
    before = counts()
    data = form_data(
        author_client, program, action="submit", intro="", body="", topic_areas=[]
    )
    response = author_client.post(SUBMIT_URL, data)
    errors = response.context["form"].errors
    assert set(errors) == {"intro", "topic_areas", "body"}
    assert counts() == before


def test_a_draft_can_be_incomplete(author_client, program):
    data = form_data(author_client, program, intro="", body="", topic_areas=[])
    assert author_client.post(SUBMIT_URL, data).status_code == 302
    assert BestPracticePage.objects.get().intro == ""


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("practice.pdf", b"<html><script>alert(1)</script></html>"),
        (
            "practice.pdf",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
        ),
        ("practice.html", b"%PDF-1.7 but named .html"),
        ("practice.svg", b"<svg/>"),
        ("practice.zip", b"PK\x03\x04"),
        ("practice.docx", b"%PDF-1.7 a pdf named docx"),
        ("practice.xlsx", None),  # a word document named .xlsx
    ],
)
def test_disguised_or_unsupported_files_are_refused(
    author_client, program, name, content
):
    uploaded = (
        office_file(name, "word/")
        if content is None
        else SimpleUploadedFile(name, content)
    )
    before = counts()
    response = author_client.post(
        SUBMIT_URL, form_data(author_client, program, attachment=uploaded)
    )
    assert response.status_code == 200
    assert "attachment" in response.context["form"].errors
    assert counts() == before


def test_a_plain_zip_named_docx_is_refused(author_client, program):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    uploaded = SimpleUploadedFile("practice.docx", buffer.getvalue())
    before = counts()
    response = author_client.post(
        SUBMIT_URL, form_data(author_client, program, attachment=uploaded)
    )
    assert "not a real .docx file" in response.content.decode()
    assert counts() == before


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_oversized_files_are_refused(author_client, program):
    uploaded = SimpleUploadedFile("big.pdf", b"%PDF-1.7\n" + b"x" * 2048)
    before = counts()
    response = author_client.post(
        SUBMIT_URL, form_data(author_client, program, attachment=uploaded)
    )
    assert "The file is too big: attachments can be at most 1.0" in (
        response.content.decode()
    )
    assert counts() == before


def test_script_in_text_fields_is_escaped_or_removed(author_client, program):
    data = form_data(
        author_client,
        program,
        title="<script>alert('t')</script>Plan",
        intro="<img src=x onerror=alert(1)>",
        body=(
            '<p onclick="alert(1)">Hi<script>alert(2)</script>'
            '<a href="javascript:alert(3)">bad</a> <a href="https://ok.example">ok</a>'
            '<a href=" JaVa&#x09;script:alert(4)">also bad</a></p>'
            "<style>p{}</style><iframe src=x></iframe><svg onload=alert(5)></svg>"
        ),
    )
    author_client.post(SUBMIT_URL, data)
    page = BestPracticePage.objects.get()
    assert page.title == "<script>alert('t')</script>Plan"  # plain text, escaped
    assert "javascript" not in page.body.lower()
    assert "alert" not in page.body
    assert "onclick" not in page.body and "<iframe" not in page.body
    assert '<a href="https://ok.example">ok</a>' in page.body
    html = author_client.get("/dashboard/").content.decode()
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;Plan" in html
    assert "<script>alert('t')" not in html


def test_plain_text_body_becomes_paragraphs(author_client, program):
    data = form_data(author_client, program, body="First.\n\nSecond <b>bold</b>.")
    author_client.post(SUBMIT_URL, data)
    assert BestPracticePage.objects.get().body == (
        "<p>First.</p><p>Second <b>bold</b>.</p>"
    )


def test_posting_submit_twice_creates_one_page_and_one_review(author_client, program):
    data = form_data(author_client, program, action="submit")
    author_client.post(SUBMIT_URL, data)
    before = counts()
    response = author_client.post(SUBMIT_URL, data, follow=True)
    assert counts() == before
    assert BestPracticePage.objects.count() == 1
    assert WorkflowState.objects.count() == 1
    assert "saved once, not twice" in response.content.decode()


def test_an_identical_recent_submission_is_not_created_twice(author_client, program):
    """Two tabs (two tokens) sending the same title: one page."""
    first = form_data(author_client, program)
    second = form_data(author_client, program)
    author_client.post(SUBMIT_URL, first)
    author_client.post(SUBMIT_URL, second)
    assert BestPracticePage.objects.count() == 1


def test_an_unknown_form_token_is_refused(author_client, program):
    before = counts()
    response = author_client.post(
        SUBMIT_URL, form_data(author_client, program, form_token="forged")
    )
    assert "already sent or has expired" in response.content.decode()
    assert counts() == before


def test_a_failure_midway_leaves_no_page_and_no_document(
    author_client, program, monkeypatch
):
    def explode(*args, **kwargs):
        raise RuntimeError("revision store failed")

    monkeypatch.setattr(BestPracticePage, "save_revision", explode)
    data = form_data(author_client, program, attachment=pdf_file("midway.pdf"))
    before = counts()
    with pytest.raises(RuntimeError):
        author_client.post(SUBMIT_URL, data)
    assert counts() == before
    stored = Path(settings.PRIVATE_MEDIA_ROOT, "documents")
    assert not any(stored.glob("midway*")) if stored.exists() else True
