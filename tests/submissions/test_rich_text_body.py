"""The body of a best practice: written in the rich-text editor (Trix) or, without
JavaScript, as plain text; saved by the body's rich-text rules; edited again formatted."""

import html as html_lib
import re

import pytest

from case_studies.models import BestPracticePage
from submissions.validators import clean_body_html, html_to_text, text_to_html
from tests.submissions.test_submit import SUBMIT_URL, form_data

pytestmark = pytest.mark.django_db

# What Trix posts for a heading, two paragraphs (a blank line), a list and a link.
TRIX_BODY = (
    "<h1>The problem</h1>"
    "<div>Three districts, one <strong>help desk</strong>.<br><br>"
    'It <em>worked</em>: <a href="https://example.org/report">the report</a>.</div>'
    "<ul><li>One queue</li><li>Shared staff</li></ul>"
    "<ol><li>Plan</li><li>Pilot</li></ol>"
)
SAVED_BODY = (
    "<h2>The problem</h2>"
    "<p>Three districts, one <strong>help desk</strong>.</p>"
    '<p>It <em>worked</em>: <a href="https://example.org/report">the report</a>.</p>'
    "<ul><li>One queue</li><li>Shared staff</li></ul>"
    "<ol><li>Plan</li><li>Pilot</li></ol>"
)


def editor_value(response):
    """The HTML the editor starts from: the body textarea's data-html."""
    match = re.search(
        r'<textarea name="body"[^>]*data-html="([^"]*)"', response.content.decode()
    )
    assert match, "the body textarea carries its HTML for the editor"
    return html_lib.unescape(match.group(1))


def textarea_text(response):
    match = re.search(
        r'<textarea name="body"[^>]*>\n?(.*?)</textarea>',
        response.content.decode(),
        re.S,
    )
    return html_lib.unescape(match.group(1))


def test_participant_editing_again_gets_the_same_formatted_html_in_the_editor(
    author_client, program
):
    data = form_data(author_client, program, body=TRIX_BODY, body_format="html")
    assert author_client.post(SUBMIT_URL, data).status_code == 302
    page = BestPracticePage.objects.get()
    assert page.get_latest_revision_as_object().body == SAVED_BODY

    response = author_client.get(f"/best-practices/submissions/{page.pk}/edit/")
    assert editor_value(response) == SAVED_BODY
    # Saved again from the editor unchanged, the body stays the same.
    again = {
        **form_data(author_client, program),
        "body": editor_value(response),
        "body_format": "html",
    }
    again.pop("form_token")
    author_client.post(f"/best-practices/submissions/{page.pk}/edit/", again)
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().body == SAVED_BODY


def test_participant_without_javascript_sees_plain_text_never_markup(
    author_client, program
):
    data = form_data(author_client, program, body=TRIX_BODY, body_format="html")
    author_client.post(SUBMIT_URL, data)
    page = BestPracticePage.objects.get()
    text = textarea_text(
        author_client.get(f"/best-practices/submissions/{page.pk}/edit/")
    )
    assert "<" not in text
    assert text == (
        "The problem\n\nThree districts, one help desk.\n\n"
        "It worked: the report.\n\n- One queue\n- Shared staff\n\n1. Plan\n2. Pilot"
    )


def test_plain_text_posted_without_javascript_becomes_paragraphs(
    author_client, program
):
    body = "We pooled staff.\nOne line more.\n\nA second paragraph."
    author_client.post(
        SUBMIT_URL, form_data(author_client, program, body=body, body_format="text")
    )
    assert BestPracticePage.objects.get().get_latest_revision_as_object().body == (
        "<p>We pooled staff.<br/>One line more.</p><p>A second paragraph.</p>"
    )


def test_markdown_like_text_is_not_published_as_its_markers(author_client, program):
    body = "- one\n- two\n\n1. first\n2. second\n\n**bold** and *italic* <b>tags</b>"
    author_client.post(
        SUBMIT_URL, form_data(author_client, program, body=body, body_format="text")
    )
    saved = BestPracticePage.objects.get().get_latest_revision_as_object().body
    assert saved == (
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li><li>second</li></ol>"
        "<p><strong>bold</strong> and <em>italic</em> &lt;b&gt;tags&lt;/b&gt;</p>"
    )
    assert "**" not in saved and "- one" not in saved


@pytest.mark.parametrize(
    "dirty",
    [
        "<div>ok<script>alert(1)</script></div>",
        '<div onclick="alert(1)" onmouseover="x()">ok</div>',
        '<div><a href="javascript:alert(1)">ok</a></div>',
        '<div style="color:red">ok<style>p{color:red}</style></div>',
        '<div>ok<iframe src="https://evil.example/"></iframe></div>',
        '<div>ok<img src="x" onerror="alert(1)"></div>',
    ],
)
def test_editor_html_is_sanitised_by_the_body_rules(dirty):
    cleaned = clean_body_html(dirty)
    assert "ok" in cleaned and cleaned.startswith("<p>")
    for bad in ("script", "alert", "onclick", "style", "iframe", "javascript", "<img"):
        assert bad not in cleaned


def test_editor_headings_and_line_breaks_map_to_the_body_elements():
    assert clean_body_html("<h1>A</h1><h5>B</h5>") == "<h2>A</h2><h4>B</h4>"
    assert clean_body_html("<div>a<br>b<br><br><br>c</div>") == "<p>a<br/>b</p><p>c</p>"
    assert clean_body_html("<div><ul><li>x</li></ul></div>") == "<ul><li>x</li></ul>"


def test_plain_text_round_trips_through_the_fallback():
    html = "<h2>Head</h2><p>a<br/>b</p><ul><li>x</li></ul><ol><li>y</li></ol>"
    assert clean_body_html(text_to_html(html_to_text(html))) == (
        "<p>Head</p><p>a<br/>b</p><ul><li>x</li></ul><ol><li>y</li></ol>"
    )
