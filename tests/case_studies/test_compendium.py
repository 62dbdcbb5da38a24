"""The best-practice compendium: the PDF read back, the command, the download per
role, and what it costs."""

import os
import re
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from case_studies.compendium import body_html, compendium_html, compendium_pdf
from case_studies.permissions import may_download_compendium as may_download
from people.choices import EnrollmentStatus
from tests.factories.case_studies import (
    BestPracticeIndexPageFactory,
    BestPracticePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.curriculum import TopicAreaFactory, TrackFactory
from tests.factories.people import (
    CohortFactory,
    EnrollmentFactory,
    LEAFactory,
    ParticipantFactory,
    PartnerFactory,
)
from tests.two_factor import sign_in

pytestmark = pytest.mark.django_db

HAVE_POPPLER = bool(shutil.which("pdftotext") and shutil.which("pdfinfo"))
needs_poppler = pytest.mark.skipif(
    not HAVE_POPPLER and not os.environ.get("CI"),
    reason="poppler-utils (pdftotext, pdfinfo) is not installed; .ci/run installs it",
)

BODY = (
    "<h2>Why a charter</h2>"
    "<p>We wrote one page. See <a href='https://example.org/charter'>the model</a>.</p>"
    "<ul><li>Name the sponsor</li><li>Meet monthly</li></ul>"
    "<ol><li>Draft with the board</li></ol>"
)


def read_pdf(pdf, tmp_path, name="compendium.pdf"):
    """(text with whitespace collapsed, page count) of PDF bytes."""
    path = tmp_path / name
    path.write_bytes(pdf)
    return read_pdf_file(path)


def read_pdf_file(path):
    text = subprocess.run(  # noqa: S603 - a fixed local tool on our own file
        [shutil.which("pdftotext"), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
    ).stdout.decode()
    info = subprocess.run(  # noqa: S603
        [shutil.which("pdfinfo"), str(path)], check=True, capture_output=True
    ).stdout.decode()
    pages = next(
        int(line.split(":")[1])
        for line in info.splitlines()
        if line.startswith("Pages:")
    )
    return " ".join(text.split()), pages


@pytest.fixture
def track(db):
    return TrackFactory(name="CeCTO Certification", slug="cecto-certification")


@pytest.fixture
def cohort(track):
    return CohortFactory(year=2012, track=track)


@pytest.fixture
def other_cohort(track):
    return CohortFactory(year=2013, track=track)


@pytest.fixture
def index(home_page):
    return BestPracticeIndexPageFactory(parent=home_page)


@pytest.fixture
def authors(db):
    return [
        ParticipantFactory(
            first_name="Grace",
            last_name="Okonkwo",
            lea=LEAFactory(name="Alder Creek County Schools"),
        ),
        ParticipantFactory(
            first_name="Malik",
            last_name="Brandt",
            lea=LEAFactory(name="Pine Hollow City Schools"),
        ),
    ]


@pytest.fixture
def practices(index, cohort, other_cohort, authors):
    """Two published practices of 2012, a draft, a private one, and one of 2013."""
    security = TopicAreaFactory(name="Security and privacy")
    governance = TopicAreaFactory(name="Governance")
    charter = BestPracticePageFactory(
        parent=index,
        slug="charter",
        title="A technology governance charter",
        cohort=cohort,
        body=BODY,
        authors=authors,
        topic_areas=[governance],
    )
    backups = BestPracticePageFactory(
        parent=index,
        slug="backups",
        title="Tested backups every month",
        cohort=cohort,
        body=(
            "<p>Restore one server a month. Read "
            f'<a linktype="page" id="{charter.pk}">our charter</a>.</p>'
        ),
        authors=[authors[0]],
        topic_areas=[security],
    )
    BestPracticePageFactory(
        parent=index,
        slug="draft",
        title="An unfinished draft",
        cohort=cohort,
        draft=True,
        authors=[authors[1]],
    )
    private = BestPracticePageFactory(
        parent=index,
        slug="private",
        title="A private practice",
        cohort=cohort,
        authors=[authors[1]],
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    BestPracticePageFactory(
        parent=index,
        slug="next-year",
        title="A practice of the next class",
        cohort=other_cohort,
        authors=[authors[1]],
    )
    return charter, backups


@pytest.fixture
def partners(db):
    return [
        PartnerFactory(name="N.C. Department of Public Instruction"),
        PartnerFactory(name="MCNC"),
    ]


# --- The PDF ------------------------------------------------------------------------


@needs_poppler
def test_compendium_reads_back_with_cover_contents_and_each_practice(
    practices, partners, tmp_path
):
    text, pages = read_pdf(compendium_pdf(2012), tmp_path)
    assert pages >= 4  # cover, contents and a page per practice
    # The cover.
    assert "certified educational chief technology officer (cecto)" in text.lower()
    assert "Class of 2012" in text
    assert "N.C. Department of Public Instruction" in text and "MCNC" in text
    # The contents, in title order, each with a page number.
    contents = text[text.index("Contents") :]
    assert contents.index("A technology governance charter") < contents.index(
        "Tested backups every month"
    )
    assert "A technology governance charter ..." in contents  # leader dots, then page
    # Each practice: title, authors, LEAs, topic areas.
    for expected in (
        "Grace Okonkwo; Malik Brandt",
        "Alder Creek County Schools; Pine Hollow City Schools",
        "Governance",
        "Security and privacy",
        # The rich text: a heading, list items, an external and an internal link.
        "Why a charter",
        "Name the sponsor",
        "Meet monthly",
        "Draft with the board",
        "https://example.org/charter",
        "Read our charter (http://testserver/best-practices/charter/)",
    ):
        assert expected in text, expected
    # Drafts, private pages and another year's practices are left out.
    assert "An unfinished draft" not in text
    assert "A private practice" not in text
    assert "A practice of the next class" not in text


@needs_poppler
def test_contents_page_numbers_point_at_the_practices(practices, tmp_path):
    path = tmp_path / "compendium.pdf"
    path.write_bytes(compendium_pdf(2012))
    pages = []
    for number in (2, 3, 4):
        text = subprocess.run(  # noqa: S603
            [
                shutil.which("pdftotext"),
                "-f",
                str(number),
                "-l",
                str(number),
                str(path),
                "-",
            ],
            check=True,
            capture_output=True,
        ).stdout.decode()
        pages.append(" ".join(text.split()))
    contents, first, second = pages
    assert "Contents" in contents
    assert "A technology governance charter" in first and "Why a charter" in first
    assert "Tested backups every month" in second
    # The contents name the page each practice starts on; the footer, its own.
    assert re.search(r"governance charter \.+ 3 ", contents)
    assert re.search(r"every month \.+ 4 2$", contents)


def test_body_keeps_headings_lists_and_resolves_internal_links(practices):
    charter, backups = practices
    html = body_html(charter)
    assert "<h2>Why a charter</h2>" in html
    assert "<li>Name the sponsor</li>" in html and "<ol>" in html
    assert 'href="http://testserver/best-practices/charter/"' in body_html(backups)
    assert "linktype" not in body_html(backups)


def test_body_images_come_from_local_media_only(practices, settings):
    charter, _backups = practices
    charter.body = (
        '<p><img src="/media/images/chart.png" alt="A chart"></p>'
        '<p><img src="https://example.org/tracker.png" alt=""></p>'
        '<p><img src="/media/documents/secret.png" alt=""></p>'
    )
    html = body_html(charter)
    assert 'src="media:images/chart.png"' in html
    assert "example.org" not in html
    assert "secret" not in html


def test_an_author_without_public_profile_is_named_by_role_without_lea(
    practices, authors
):
    authors[1].is_public = False
    authors[1].save()
    html = compendium_html(2012)
    assert "Malik Brandt" not in html
    assert "Pine Hollow City Schools" not in html
    assert "A CeCTO participant" in html


@needs_poppler
def test_a_year_without_published_practices_says_so(other_cohort, tmp_path):
    text, pages = read_pdf(compendium_pdf(2013), tmp_path)
    assert "Class of 2013" in text
    assert "No best practice of the Class of 2013 has been published yet" in text
    assert pages == 2


def test_compendium_queries_do_not_grow_with_practices(practices, partners):
    with CaptureQueriesContext(connection) as few:
        compendium_html(2012)
    index = practices[0].get_parent()
    cohort = practices[0].cohort
    for n in range(5):
        BestPracticePageFactory(
            parent=index,
            title=f"More {n}",
            cohort=cohort,
            authors=[ParticipantFactory(is_public=False)],
            topic_areas=[TopicAreaFactory()],
        )
    with CaptureQueriesContext(connection) as many:
        compendium_html(2012)
    # The cohorts, practices, topics, authors, roles, partners, internal links.
    assert len(many) <= 12
    assert len(many) <= len(few) + 1  # + the roles of authors without a profile


# --- The command ----------------------------------------------------------------------


@needs_poppler
def test_command_writes_the_pdf(practices, tmp_path, capsys):
    output = tmp_path / "out.pdf"
    call_command("compendium", "2012", "-o", str(output))
    text, pages = read_pdf_file(output)
    assert "Tested backups every month" in text and pages >= 2
    assert "2 best practices of the Class of 2012" in capsys.readouterr().out
    assert not list(tmp_path.glob(".compendium-*"))


def test_command_refuses_a_year_without_cohort(practices, tmp_path):
    output = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match="No cohort has the class year 1999"):
        call_command("compendium", "1999", "-o", str(output))
    assert not output.exists()


def test_command_refuses_a_missing_folder(practices, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("compendium", "2012", "-o", str(tmp_path / "nope" / "out.pdf"))


def test_command_warns_when_no_practice_is_published(other_cohort, tmp_path, capsys):
    output = tmp_path / "out.pdf"
    call_command("compendium", "2013", "-o", str(output))
    assert output.read_bytes().startswith(b"%PDF")
    assert "no published best practice" in capsys.readouterr().err


# --- The download ---------------------------------------------------------------------

URL = "/compendium/2012.pdf"


def participant_in(groups, cohort, status=EnrollmentStatus.ENROLLED, name="pat"):
    user = UserFactory(username=name)
    user.groups.add(groups["Participants"])
    person = ParticipantFactory(user=user)
    EnrollmentFactory(
        person=person,
        cohort=cohort,
        status=status,
        completed_on=cohort.ends_on if status == EnrollmentStatus.COMPLETED else None,
    )
    return user


def staff_in(groups, group, name):
    user = UserFactory(username=name)
    user.groups.add(groups[group])
    return user


def test_anonymous_visitor_is_sent_to_sign_in(client, practices):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=/compendium/2012.pdf" in response["Location"]


@pytest.mark.parametrize(
    "who, expected",
    [
        ("enrolled", 200),
        ("graduate", 200),
        ("withdrawn", 403),
        ("other_cohort", 403),
        ("no_enrollment", 403),
        ("faculty", 200),
        ("director", 200),
        ("superuser", 200),
    ],
)
def test_download_per_role(
    client, groups, cohort, other_cohort, practices, who, expected
):
    users = {
        "enrolled": lambda: participant_in(groups, cohort),
        "graduate": lambda: participant_in(groups, cohort, EnrollmentStatus.COMPLETED),
        "withdrawn": lambda: participant_in(groups, cohort, EnrollmentStatus.WITHDRAWN),
        "other_cohort": lambda: participant_in(groups, other_cohort),
        "no_enrollment": lambda: staff_in(groups, "Participants", "nobody"),
        "faculty": lambda: staff_in(groups, "Faculty", "fiona"),
        "director": lambda: staff_in(groups, "Program Director", "dana"),
        "superuser": lambda: UserFactory(username="root", superuser=True),
    }
    sign_in(client, users[who]())
    response = client.get(URL)
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert (
            response["Content-Disposition"]
            == 'attachment; filename="cecto-compendium-2012.pdf"'
        )
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert response.content.startswith(b"%PDF")


def test_a_year_without_cohort_is_404(client, groups, practices):
    sign_in(client, staff_in(groups, "Program Director", "dana"))
    assert client.get("/compendium/1999.pdf").status_code == 404


def test_download_is_cached_until_something_is_published(
    client, groups, cohort, practices, index
):
    sign_in(client, participant_in(groups, cohort))
    first = client.get(URL).content
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL).content
    assert again == first
    assert len(queries) <= 8  # session, user, cohort, permission: no rebuild
    page = BestPracticePageFactory(
        parent=index, title="Published later", cohort=cohort, draft=True
    )
    page.save_revision().publish()
    assert client.get(URL).content != first


def test_may_download_needs_an_active_account(groups, cohort):
    user = participant_in(groups, cohort)
    assert may_download(user, 2012)
    assert not may_download(user, 2013)
    user.is_active = False
    assert not may_download(user, 2012)


# --- The links ------------------------------------------------------------------------


@pytest.fixture
def roster_page(home_page):
    from people.models import CohortIndexPage

    page = CohortIndexPage(title="Cohorts", slug="cohorts")
    home_page.add_child(instance=page)
    return page


def test_roster_links_the_compendium_for_its_class_only(
    client, groups, cohort, other_cohort, practices, roster_page
):
    assert URL not in client.get("/cohorts/2012/").content.decode()
    sign_in(client, participant_in(groups, other_cohort))
    assert URL not in client.get("/cohorts/2012/").content.decode()
    assert "/compendium/2013.pdf" in client.get("/cohorts/2013/").content.decode()
    client.logout()
    sign_in(client, staff_in(groups, "Faculty", "fiona"))
    assert URL in client.get("/cohorts/2012/").content.decode()


def test_dashboard_links_the_participants_compendium(client, groups, cohort, practices):
    sign_in(client, participant_in(groups, cohort))
    assert URL in client.get("/dashboard/").content.decode()


def test_dashboard_has_no_link_after_withdrawal(client, groups, cohort, practices):
    sign_in(client, participant_in(groups, cohort, EnrollmentStatus.WITHDRAWN))
    assert URL not in client.get("/dashboard/").content.decode()
