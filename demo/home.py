"""Demo pages: the home page, the general pages and the index pages under home.

Facts come from the program's public announcements (see ../shared/program/);
people and districts are fictional.
"""

import datetime

from wagtail.models import Page, Site

from applicants.models import InterestFormField, InterestFormPage
from case_studies.models import BestPracticeIndexPage, CaseStudyIndexPage
from core.models import ProgramSettings
from curriculum.models import CurriculumIndexPage
from demo.base import (
    cta,
    heading,
    quote,
    site_root_page,
    table,
    text,
    upsert_image,
    upsert_page,
)
from home.models import (
    ContentPage,
    HomePage,
    TagIndexPage,
    TopicIndexPage,
)
from news.models import NewsIndexPage, NewsPage
from people.models import CohortIndexPage, PeopleIndexPage

HOME_INTRO = (
    "The Certified Educational Chief Technology Officer (CeCTO) program gives North "
    "Carolina's school leaders the knowledge, skills and confidence to lead technology "
    "in their districts. Technology directors earn the CeCTO certification; "
    "superintendents join them in Leaders for the 21st Century."
)


ABOUT_BODY = [
    heading("A program built for school districts"),
    text(
        "<p>Superintendents and technology directors face growing responsibilities. "
        "As the lines between traditional services, new initiatives and departmental "
        "duties blur, district leaders must manage the expanding role of IT in their "
        "Local Education Agency (LEA), protect it from security threats and keep pace "
        "with new technology.</p>"
        "<p>CeCTO was added in 2010 to the Certified Government Chief Information "
        "Officer (CGCIO) series, which the UNC School of Government's Center for Public "
        "Technology began in 2005 and which has trained more than 300 public IT "
        "professionals. It is one of the nation's first technology-centered "
        "certification programs for educators.</p>"
    ),
    quote(
        "While the program is geared toward technology issues, it's more than that: "
        "it's about leadership.",
        "A program partner",
        "Partner organization leadership",
    ),
    heading("How it is taught"),
    text(
        "<p>Lectures, case studies and examples let participants examine specific "
        "issues and draw on each other's experience. Instruction mixes face-to-face "
        "sessions, synchronous online sessions and asynchronous online work.</p>"
        "<ul><li>Strategic technology planning and IT governance</li>"
        "<li>Risk assessment and management, and security</li>"
        "<li>Legal and regulatory issues, and financial trends</li>"
        "<li>Project, acquisition and change management</li>"
        "<li>Communications, leadership and emerging trends</li></ul>"
    ),
    heading("Outcomes"),
    table(
        "CeCTO graduates by year",
        ["Measure", "Figure"],
        [
            ("School leaders taking part in the first year", "Nearly 70"),
            ("Class of 2012: technology directors and NCDPI staff certified", "25"),
            (
                "Class of 2012: superintendents completing Leaders for the 21st Century",
                "18",
            ),
            ("CeCTOs in North Carolina after three years (2010 to 2012)", "83"),
        ],
    ),
    cta("Ask to join a future course", "/join/"),
]

TRACKS_BODY = [
    heading("CeCTO Certification"),
    text(
        "<p>For school (LEA) technology directors: <b>240 hours</b> of instruction over "
        "<b>ten months</b>, from February to November in the early cohorts and from "
        "August in later ones. The track establishes the core competencies for "
        "assessing and addressing the most critical issues facing IT leaders in school "
        "systems. Candidates write a best practice during their course of study.</p>"
    ),
    heading("Leaders for the 21st Century"),
    text(
        "<p>For superintendents: a <b>20-hour</b> instructional program, with required "
        "joint sessions alongside CeCTO candidates.</p>"
    ),
    heading("Joint meetings of both tracks"),
    table(
        "The program year",
        ["When", "What"],
        [
            ("February", "Kick-off: transformational leadership in K-12 education"),
            ("September", "Joint session of superintendents and technology directors"),
            ("Autumn", "Final joint meeting: review of the directors' best practices"),
            ("November", "Graduation ceremony"),
        ],
    ),
]

PARTNERS_BODY = [
    text(
        "<p>CeCTO is offered through a partnership of three North Carolina "
        "institutions.</p>"
    ),
    heading("N.C. Department of Public Instruction (NCDPI)"),
    text(
        "<p>The state education agency; its technology staff help shape the curriculum "
        "and some of its staff complete the certification themselves.</p>"
    ),
    heading("UNC School of Government, Center for Public Technology"),
    text(
        "<p>Designs and teaches the program, building on the Certified Government CIO "
        "program it has run since 2005.</p>"
    ),
    heading("MCNC"),
    text(
        "<p>The non-profit that runs North Carolina's research and education network, "
        "supporting the program's vision of change management through technology.</p>"
    ),
]


def seed_home():
    """The home page as the default site's root, replacing Wagtail's welcome page."""
    root = site_root_page()
    hero = upsert_image(
        "Program hero",
        "Abstract blue banner with circles, the CeCTO Portal's decorative artwork.",
        seed=1,
    )
    home, created = upsert_page(
        root,
        HomePage,
        "home-cecto",
        title="CeCTO Portal",
        hero_heading="Leading technology in North Carolina's schools",
        intro=HOME_INTRO,
        hero_image=hero,
        listing_image=hero,
        search_description=(
            "North Carolina's Certified Educational Chief Technology Officer program "
            "for school technology directors and superintendents."
        ),
        calls_to_action=[
            cta("Explore the two tracks", "/tracks/"),
            cta("Ask to join a future course", "/join/", style="secondary"),
        ],
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="CeCTO Portal",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "CeCTO Portal"
        site.save()
        # Wagtail's stock welcome page: a plain Page with nothing under it.
        if old_root.specific_class is Page and old_root.is_leaf():
            old_root.delete()
    seed_program_settings(site)
    return home, created


# The program's own mailbox at the School of Government, which runs it.
PROGRAM_CONTACT_EMAIL = "cecto@sog.unc.edu"


def seed_program_settings(site):
    """The footer's contact address: the program's, not the model's placeholder."""
    program = ProgramSettings.for_site(site)
    placeholder = ProgramSettings._meta.get_field("contact_email").default
    if program.contact_email == placeholder:
        program.contact_email = PROGRAM_CONTACT_EMAIL
        program.save()


ACCESSIBILITY_BODY = [
    heading("Our target: WCAG 2.1 AA"),
    text(
        "<p>The CeCTO Portal is built to meet the Web Content Accessibility Guidelines "
        "(WCAG) 2.1 at level AA, the standard that North Carolina's public school "
        "bodies must meet under the ADA Title II rule. Every kind of public page is "
        "checked with an automated accessibility test before each release, at desktop "
        "and phone widths, and the pages work with a keyboard alone, at 200% zoom and "
        "at 320 pixels wide without sideways scrolling (data tables excepted).</p>"
        "<p>Each page has one main heading, a skip link to its content, labelled form "
        "fields with their errors next to them, and alternative text on every "
        "image that carries meaning. Charts, such as the curriculum map, come with "
        "their figures in a table.</p>"
    ),
    heading("Known limits"),
    text(
        "<p>Some documents that faculty share with participants (slides and readings "
        "from past sessions) were written before this portal and may not be fully "
        "accessible. Ask us and we will send an accessible version within five "
        "working days.</p>"
    ),
    heading("How to report a barrier"),
    text(
        "<p>If something on the portal stops you from reading, signing in, submitting "
        "a best practice or asking to join a course, tell the program staff with the "
        "contact details below or at the foot of every page. Say which page (its "
        "address), what you were trying to do, and the browser or assistive "
        "technology you use. We reply within two working days and tell you when the "
        "barrier is fixed; in the meantime we give you the same information or "
        "service another way.</p>"
    ),
]

PRIVACY_BODY = [
    text(
        "<p>The CeCTO Portal is run by the UNC School of Government's Center for "
        "Public Technology for the Certified Educational Chief Technology Officer "
        "program. This statement says what personal data the portal keeps, why, and "
        "for how long.</p>"
    ),
    heading("What the portal keeps"),
    table(
        "Personal data on the CeCTO Portal",
        ["What", "Why", "How long"],
        [
            (
                "Accounts: name, e-mail address, password (stored only as a salted "
                "hash), two-factor devices for staff",
                "To let participants, faculty and staff sign in",
                "While you take part in the program, then closed on request",
            ),
            (
                "Best-practice submissions, their attachments and reviewers' comments "
                "and scores",
                "To review and, once approved, publish your best practice",
                "Published practices stay public; drafts are deleted on request",
            ),
            (
                "Requests to join a future course: name, role, district, e-mail "
                "address and message",
                "To reply and to plan the next cohorts",
                "Two years after the request",
            ),
            (
                "Sign-in records: the address and time of failed sign-ins",
                "To slow down password guessing (throttling)",
                "Cleared after a successful sign-in or within 30 days",
            ),
            (
                "The e-mail queue: who each message went to, its subject and when",
                "To deliver notifications reliably and show that they were sent",
                "Message bodies are erased once sent; the record after 90 days",
            ),
            (
                "Backups of the database and uploaded files",
                "To restore the portal after a failure",
                "Encrypted, kept for 30 days",
            ),
        ],
    ),
    heading("What it does not do"),
    text(
        "<p>The portal sets only the cookies it needs to keep you signed in and to "
        "protect forms. It runs no advertising or tracking scripts, loads nothing "
        "from other websites, and never sells or shares personal data. Graduates "
        "appear on public class rosters only if they agreed to be listed.</p>"
    ),
    heading("Who to contact"),
    text(
        "<p>To see, correct or delete what the portal holds about you, or with any "
        "question about this statement, write to the program staff at the address at "
        "the foot of every page. Requests are answered within ten working days.</p>"
    ),
]


# Index pages: (model, slug, title, intro, in the main menu, listing image seed).
INDEX_PAGES = {
    "curriculum": (
        CurriculumIndexPage,
        "Curriculum",
        "Every module of both tracks, by topic area, with the hours each counts "
        "towards certification and a curriculum map.",
        True,
        5,
    ),
    "case-studies": (
        CaseStudyIndexPage,
        "Case studies",
        "Stories of North Carolina school districts facing real technology "
        "challenges, taught as cases with discussion questions.",
        True,
        6,
    ),
    "best-practices": (
        BestPracticeIndexPage,
        "Best practices",
        "Practices that worked, written by technology directors during their "
        "course of study and reviewed at the final joint meeting.",
        True,
        7,
    ),
    "cohorts": (
        CohortIndexPage,
        "Cohorts",
        "Every class of CeCTOs and of Leaders for the 21st Century, with the "
        "graduates who chose to be listed.",
        True,
        8,
    ),
    "people": (
        PeopleIndexPage,
        "Faculty and staff",
        "The faculty who teach the program and the staff who run it.",
        True,
        None,
    ),
    "topics": (
        TopicIndexPage,
        "Topics",
        "The twelve core competencies of the curriculum, each with its modules, "
        "case studies and best practices.",
        False,
        None,
    ),
    "tags": (TagIndexPage, "Tags", "", False, None),
    "news": (
        NewsIndexPage,
        "News",
        "Announcements from the program: cohorts, graduations and calls to join.",
        True,
        None,
    ),
}

CONTENT_PAGES = {
    "about": (
        "About the program",
        "Who CeCTO is for, how it is taught and what it has achieved.",
        ABOUT_BODY,
        2,
    ),
    "tracks": (
        "The two tracks",
        "CeCTO Certification for technology directors; Leaders for the 21st "
        "Century for superintendents.",
        TRACKS_BODY,
        3,
    ),
    "partners": (
        "Partners",
        "NCDPI, the UNC School of Government's Center for Public Technology and MCNC.",
        PARTNERS_BODY,
        4,
    ),
    "accessibility": (
        "Accessibility statement",
        "How the CeCTO Portal meets WCAG 2.1 AA and how to report a barrier.",
        ACCESSIBILITY_BODY,
        None,
    ),
    "privacy": (
        "Privacy statement",
        "What personal data the CeCTO Portal keeps, why, for how long, and whom to "
        "ask about it.",
        PRIVACY_BODY,
        None,
    ),
}

# General pages reached from the footer or from other pages, not the main menu.
NOT_IN_MENU = {"tracks", "partners", "accessibility", "privacy"}

# Tree order is menu order on a fresh database.
PAGE_ORDER = [
    "about",
    "tracks",
    "curriculum",
    "case-studies",
    "best-practices",
    "cohorts",
    "people",
    "partners",
    "topics",
    "tags",
    "news",
    "join",
    "accessibility",
    "privacy",
]
FEATURED = [
    "about",
    "tracks",
    "curriculum",
    "case-studies",
    "best-practices",
    "cohorts",
]


def _listing_image(title, seed):
    if seed is None:
        return None
    return upsert_image(
        title,
        "Abstract artwork of overlapping circles in the program's colours.",
        seed=seed,
    )


def seed_pages(home):
    """The general and index pages under home; return (pages by slug, created)."""
    created = 0
    pages = {page.slug: page for page in home.get_children().specific()}
    for slug in PAGE_ORDER:
        if slug in pages:
            continue
        if slug == "join":
            page, was_created = seed_interest_form(home)
        elif slug in CONTENT_PAGES:
            title, intro, body, seed = CONTENT_PAGES[slug]
            page, was_created = upsert_page(
                home,
                ContentPage,
                slug,
                title=title,
                intro=intro,
                body=body,
                listing_image=_listing_image(title, seed),
                show_in_menus=slug not in NOT_IN_MENU,
            )
        else:
            model, title, intro, in_menu, seed = INDEX_PAGES[slug]
            fields = {"intro": intro} if intro else {}
            page, was_created = upsert_page(
                home,
                model,
                slug,
                title=title,
                show_in_menus=in_menu,
                listing_image=_listing_image(title, seed),
                search_description=intro,
                **fields,
            )
        created += was_created
        pages[slug] = page
    created += seed_news(pages["news"])
    if not home.featured.raw_data:
        home.featured = [("page", pages[slug]) for slug in FEATURED]
        home.save_revision().publish()
    return pages, created


# The interest form's questions: (label, field type, required, choices, help text).
INTEREST_FORM_FIELDS = [
    ("Name", "singleline", True, [], ""),
    ("Email", "email", True, [], "We reply to this address."),
    (
        "School district",
        "district",
        False,
        [],
        "Your North Carolina LEA; choose “Other (tell us)” if it is not listed.",
    ),
    (
        "Role",
        "dropdown",
        False,
        ["Technology director", "Superintendent", "District leader", "Other"],
        "",
    ),
    (
        "Track of interest",
        "radio",
        False,
        ["CeCTO Certification", "Leaders for the 21st Century", "Not sure yet"],
        "",
    ),
    ("Message", "multiline", False, [], "Anything you would like staff to know."),
]


def seed_interest_form(home):
    """/join/: the interest form, e-mailing the site's contact address."""
    site = Site.objects.filter(root_page=home).first()
    contact = (
        ProgramSettings.for_site(site).contact_email
        if site
        else ProgramSettings._meta.get_field("contact_email").default
    )
    return upsert_page(
        home,
        InterestFormPage,
        "join",
        title="Ask to join a future course",
        intro=(
            "Technology directors, superintendents and other district leaders: tell "
            "us a little about yourself and staff will contact you about the next "
            "cohort."
        ),
        thank_you_text=(
            "<p>Thank you. Program staff will reply by e-mail within a few working "
            "days.</p>"
        ),
        to_address=contact,
        subject="CeCTO Portal: a request to join a future course",
        search_description="Ask to join a future CeCTO or Leaders for the 21st "
        "Century course.",
        form_fields=[
            InterestFormField(
                sort_order=order,
                label=label,
                field_type=field_type,
                required=required,
                choices="\n".join(choices),
                help_text=help_text,
            )
            for order, (label, field_type, required, choices, help_text) in enumerate(
                INTEREST_FORM_FIELDS
            )
        ],
    )


# (slug, date, title, intro, body paragraphs)
NEWS = [
    (
        "class-of-2012-graduates",
        datetime.date(2012, 11, 15),
        "The class of 2012 graduates",
        "Twenty-five technology directors and NCDPI staff earned the CeCTO "
        "certification, and eighteen superintendents completed Leaders for the 21st "
        "Century.",
        "<p>With this class, North Carolina has 83 Certified Educational Chief "
        "Technology Officers after three years of the program.</p>",
    ),
    (
        "next-cohort-interest",
        datetime.date(2013, 3, 1),
        "Tell us if you would like to join the next cohort",
        "Technology directors and superintendents can now ask to join a future "
        "course through the interest form.",
        '<p>Program staff reply to every request. <a href="/join/">Ask to join a '
        "future course</a>.</p>",
    ),
]


def recent_news(today=None):
    """News of the weeks before the demo is seeded, dated relative to today so the
    listing never looks abandoned: (slug, date, title, intro, body paragraphs)."""
    today = today or datetime.date.today()
    return [
        (
            "class-of-2027-enrolled",
            today - datetime.timedelta(days=6),
            "Seventeen district leaders enroll in the Class of 2027",
            "Twelve technology directors and five superintendents will start the "
            "program in February with the kick-off on transformational leadership "
            "in K-12 education.",
            "<p>The class graduates together in November 2027. Candidates can find "
            'every session in <a href="/events/">the program calendar</a>, which '
            "they can also subscribe to from their own calendar.</p>",
        ),
        (
            "accessibility-and-privacy-statements",
            today - datetime.timedelta(days=19),
            "The portal's accessibility and privacy statements",
            "Read how the portal meets WCAG 2.1 AA, how to report a barrier, and "
            "what personal data it keeps.",
            '<p>See the <a href="/accessibility/">accessibility statement</a> and the '
            '<a href="/privacy/">privacy statement</a>, linked at the foot of every '
            "page.</p>",
        ),
    ]


def seed_news(news_index):
    """The news items under /news/, the recent ones dated relative to today;
    return how many were created."""
    created = 0
    for slug, date, title, intro, body in [*recent_news(), *NEWS]:
        _page, was_created = upsert_page(
            news_index,
            NewsPage,
            slug,
            title=title,
            date=date,
            intro=intro,
            body=[text(body)],
        )
        created += was_created
    return created
