"""Demo case studies (written by faculty) and best practices (written by participants).

The districts are the fictional LEAs of demo/people.py; the challenges are the ones
school technology leaders meet: device rollouts, ransomware, E-Rate, student data
privacy, a new finance system, governance. Tags are shared with the curriculum
modules, so a tag's page lists several kinds of content.
"""

import random
import re

from case_studies.models import (
    BestPracticeAuthor,
    BestPracticePage,
    BestPracticePageTag,
    CaseStudyPage,
    CaseStudyPageTag,
)
from curriculum.models import ModulePage, TopicArea, Track
from demo.base import (
    bullets,
    demo_collection,
    heading,
    quote,
    table,
    tag_items,
    upsert_document,
    upsert_page,
)
from demo.curriculum import CECTO, LEADERS
from people.choices import EnrollmentStatus
from people.models import LEA, Cohort, Person

ATTACHMENTS_COLLECTION = "Best practice attachments"

CASE_STUDIES = [
    {
        "slug": "one-to-one-devices-dogwood-valley",
        "title": "Devices in August, change by January: Dogwood Valley's 1:1 rollout",
        "lea": "Dogwood Valley County Schools",
        "intro": (
            "A county district put a laptop in the hands of every student in grades "
            "6 to 12 in one summer. The devices arrived on time; the hard part was "
            "helping teachers change how they taught."
        ),
        "district_context": (
            "A growing county district of about 14,000 students north of the "
            "Triangle, with 19 schools, a technology staff of eleven and a board "
            "that had promised families a device for every secondary student."
        ),
        "challenge": (
            "<p>The board approved the purchase in March for an August start. The "
            "technology department had five months to buy, image and distribute "
            "7,000 laptops, upgrade wireless in six schools and train 450 teachers, "
            "while keeping the rest of the district running.</p>"
        ),
        "approach": (
            "<p>The director split the work into two projects with separate "
            "leads: the logistics of devices and networks, and the change for "
            "teachers and families.</p>"
            + bullets(
                "A teacher leader in every school, paid for two summer weeks.",
                "Family nights with device care and internet safety, in English "
                "and Spanish.",
                "A help desk in every secondary school for the first six weeks.",
                "Monthly adoption figures reported to principals and the board.",
            )
        ),
        "outcome": (
            "<p>Every secondary student had a device by the second week of school. "
            "Weekly use in lessons was uneven until January, when teacher leaders "
            "began sharing lessons across schools; by spring, 80 per cent of "
            "teachers used the devices every week.</p>"
        ),
        "lessons_learned": (
            "<p>Budget for the change, not only the hardware: the teacher leaders "
            "cost less than 3 per cent of the project and made the difference. "
            "Ask the board to approve the refresh cycle at the same time as the "
            "first purchase.</p>"
        ),
        "questions": [
            "What should the board have been asked to approve in March?",
            "How would you measure whether the devices changed teaching?",
            "Which risks did the district accept by starting in August?",
        ],
        "topics": ["change-management", "project-management", "financial-trends"],
        "tracks": [CECTO, LEADERS],
        "modules": ["change-management", "project-management"],
        "tags": ["one-to-one devices", "change leadership", "budgeting"],
        "body": [
            quote(
                "We bought seven thousand laptops in one order. We won teachers "
                "over one at a time.",
                "The district's technology director",
                "Dogwood Valley County Schools (fictional)",
            ),
        ],
    },
    {
        "slug": "ransomware-response-sound-haven",
        "title": "Ransomware on a Monday morning: Sound Haven's response",
        "lea": "Sound Haven County Schools",
        "intro": (
            "A small coastal district found its servers encrypted before dawn. How "
            "it kept schools open, what it told families and what it changed "
            "afterwards."
        ),
        "district_context": (
            "A rural district of about 3,500 students in the northeast, with six "
            "schools, a technology staff of four and an on-premises data center in "
            "the central office."
        ),
        "challenge": (
            "<p>At 5 a.m. on a Monday the night custodian reported ransom notes on "
            "every screen in the central office. The student information system, "
            "finance system and file servers were encrypted, and the attackers "
            "claimed to have copied staff records.</p>"
        ),
        "approach": (
            "<p>The director followed the incident plan rehearsed the previous "
            "spring:</p>"
            + bullets(
                "Isolated the network and called the superintendent, the insurer "
                "and the state's incident response partners within the hour.",
                "Opened schools with paper attendance and cash-free lunch lines.",
                "Sent families a short message by 7 a.m. and promised an update at "
                "noon, then kept the promise.",
                "Restored from offline backups, student information first.",
                ordered=True,
            )
        ),
        "outcome": (
            "<p>Schools opened on time. Student information was restored in two "
            "days and finance in five; no ransom was paid. Staff whose records "
            "were exposed were notified and offered credit monitoring.</p>"
        ),
        "lessons_learned": (
            "<p>The offline backups and the rehearsed call list made the "
            "difference. The district has since added multi-factor sign-in for "
            "all staff and moved its finance system to a hosted service.</p>"
        ),
        "questions": [
            "Who decides whether schools open when core systems are down?",
            "What should the first message to families say, and what should it "
            "leave out?",
            "Which of the district's controls would you fund first, and why?",
        ],
        "topics": ["security", "risk-assessment-and-management", "communications"],
        "tracks": [CECTO, LEADERS],
        "modules": ["security", "risk-assessment-and-management"],
        "tags": ["cybersecurity", "incident response", "disaster recovery"],
        "body": [
            heading("Timeline of the first day"),
            table(
                "The first twelve hours",
                ["Time", "What happened"],
                [
                    ("5:10 a.m.", "Custodian reports ransom notes"),
                    ("5:40 a.m.", "Network isolated; incident lead on site"),
                    ("6:15 a.m.", "Decision to open schools on paper"),
                    ("7:00 a.m.", "First message to staff and families"),
                    ("12:00 p.m.", "Second update; insurer's forensic team engaged"),
                ],
            ),
        ],
    },
    {
        "slug": "e-rate-network-pine-barrens",
        "title": "Rebuilding the network with E-Rate in Pine Barrens",
        "lea": "Pine Barrens County Schools",
        "intro": (
            "A Sandhills district replaced its ageing wide-area network and school "
            "wireless with E-Rate support, and learned how much of the work is "
            "documentation."
        ),
        "district_context": (
            "A district of about 9,500 students in the Sandhills, with a high "
            "E-Rate discount, fourteen schools and fiber to only half of them."
        ),
        "challenge": (
            "<p>The network could not carry online testing in every school at "
            "once. The district qualified for a high discount but had never run a "
            "competitive bidding process of this size, and a past funding request "
            "had been denied for missing paperwork.</p>"
        ),
        "approach": (
            "<p>The technology director treated the purchase as a project with "
            "the finance office as a partner:</p>"
            + bullets(
                "Wrote a needs-based specification without brand names.",
                "Posted the request and waited the full competitive period before "
                "evaluating anything.",
                "Scored bids with price as the heaviest factor, on a form approved "
                "in advance.",
                "Kept every document in one shared folder, named by funding year "
                "and step.",
            )
        ),
        "outcome": (
            "<p>The request was funded in full. Fiber now reaches every school and "
            "wireless covers every classroom; the district's share was paid from "
            "two years of capital outlay.</p>"
        ),
        "lessons_learned": (
            "<p>Plan the documentation before the purchase. Bring finance and "
            "purchasing in at the needs assessment, not at the contract.</p>"
        ),
        "questions": [
            "What belongs in a needs assessment for an E-Rate request?",
            "How would you weight price against other factors, and why?",
            "What records would an auditor ask for three years later?",
        ],
        "topics": ["acquisition-management", "financial-trends"],
        "tracks": [CECTO],
        "modules": ["acquisition-management", "financial-trends"],
        "tags": ["E-Rate", "procurement"],
        "body": [],
    },
    {
        "slug": "student-data-privacy-hollis-mill",
        "title": "Hollis Mill writes a student data privacy policy",
        "lea": "Hollis Mill City Schools",
        "intro": (
            "Teachers in a city district were using more than 400 online tools, "
            "most of them unknown to the central office. The district wrote a "
            "privacy policy under FERPA and COPPA that teachers could live with."
        ),
        "district_context": (
            "A city district of about 6,000 students in the Piedmont-Triad, with "
            "strong teacher autonomy and a parent group asking pointed questions "
            "about student data."
        ),
        "challenge": (
            "<p>A parent found that a free quiz application used in a fourth "
            "grade class showed advertising and shared data with third parties. "
            "The board asked how many such tools were in use. Nobody knew.</p>"
        ),
        "approach": (
            "<p>The technology director and the chief academic officer led a "
            "working group with teachers, a principal, a parent and the board "
            "attorney:</p>"
            + bullets(
                "Inventoried tools from browser and network logs, then asked "
                "teachers to confirm what they used.",
                "Wrote a policy that names the laws (FERPA, COPPA, PPRA) and the "
                "district's own promises to families.",
                "Adopted a standard data privacy agreement for vendors.",
                "Published the list of approved tools for families to see.",
            )
        ),
        "outcome": (
            "<p>The board adopted the policy in one reading. Within a year 180 "
            "tools were approved under signed agreements, and teachers could "
            "request a new one through a short form with a two-week answer.</p>"
        ),
        "lessons_learned": (
            "<p>Make the approved path faster than the unapproved one. A policy "
            "without a quick review process only drives tools underground.</p>"
        ),
        "questions": [
            "When is a vendor a 'school official' under FERPA?",
            "Who may consent under COPPA for a child under 13 in school?",
            "How would you handle a tool teachers love that refuses to sign?",
        ],
        "topics": ["legal-and-regulatory-issues", "it-governance"],
        "tracks": [CECTO, LEADERS],
        "modules": ["legal-and-regulatory-issues", "it-governance"],
        "tags": ["student data privacy", "policy", "governance"],
        "body": [],
    },
    {
        "slug": "erp-change-ironwood",
        "title": "Replacing the finance and HR system in Ironwood",
        "lea": "Ironwood County Schools",
        "intro": (
            "A southwest district replaced a 20-year-old finance and human "
            "resources system. The software went live on schedule; payroll "
            "nearly did not."
        ),
        "district_context": (
            "A district of about 22,000 students with 2,900 employees, a "
            "long-serving finance staff and a home-grown system that only two "
            "people fully understood."
        ),
        "challenge": (
            "<p>The old system ran on unsupported hardware and its programmer was "
            "retiring. The new enterprise resource planning (ERP) system changed "
            "every finance and HR process, and the first payroll would run three "
            "weeks after go-live.</p>"
        ),
        "approach": (
            "<p>The district ran the project with a steering committee chaired by "
            "the chief finance officer, and a separate change plan:</p>"
            + bullets(
                "Two parallel payroll runs before go-live, compared line by line.",
                "Super-users in each department, trained first and freed from "
                "part of their normal work.",
                "A freeze on process changes that were not needed for go-live.",
            )
        ),
        "outcome": (
            "<p>The system went live on 1 July. The second parallel payroll found "
            "a tax-table error that would have underpaid 300 employees; it was "
            "fixed before the first live run.</p>"
        ),
        "lessons_learned": (
            "<p>Parallel runs are expensive and worth it. Treat the people who "
            "know the old system as the project's most important resource.</p>"
        ),
        "questions": [
            "Who should own an ERP project: finance, HR or technology?",
            "What would you cut to protect the parallel payroll runs?",
            "How would you keep the retiring programmer's knowledge?",
        ],
        "topics": ["change-management", "project-management"],
        "tracks": [CECTO],
        "modules": ["change-management", "project-management"],
        "tags": ["ERP", "project management", "change leadership"],
        "body": [],
    },
    {
        "slug": "governance-committee-laurel-fork",
        "title": "Laurel Fork sets up a technology governance committee",
        "lea": "Laurel Fork County Schools",
        "intro": (
            "A mountain district moved technology decisions from the technology "
            "office to a cross-district committee, and found that saying no "
            "became easier."
        ),
        "district_context": (
            "A rural western district of about 3,500 students, with long bus "
            "routes, uneven home internet and a technology director who also "
            "managed testing."
        ),
        "challenge": (
            "<p>Requests for new software arrived by e-mail, in hallways and at "
            "board meetings. The technology director was seen as the person who "
            "said no, and projects approved by individual principals kept "
            "colliding with the network and the budget.</p>"
        ),
        "approach": (
            "<p>With the superintendent's backing, the director proposed a "
            "governance committee:</p>"
            + bullets(
                "A charter signed by the superintendent, with a principal, a "
                "teacher, finance, curriculum and technology members.",
                "One intake form for every request, reviewed monthly.",
                "A published priority list, reported to the board each semester.",
            )
        ),
        "outcome": (
            "<p>In its first year the committee reviewed 46 requests, approved 19 "
            "and combined 8 into two district-wide purchases. Complaints about the "
            "technology office fell sharply.</p>"
        ),
        "lessons_learned": (
            "<p>Governance works when leaders outside technology own the "
            "decisions. Keep the intake form short.</p>"
        ),
        "questions": [
            "Who should chair a district technology governance committee?",
            "Which decisions should stay with the technology director?",
            "How would you report the committee's work to the board?",
        ],
        "topics": ["it-governance", "leadership", "communications"],
        "tracks": [CECTO, LEADERS],
        "modules": ["it-governance", "program-orientation-and-joint-meetings"],
        "tags": ["governance", "board communication"],
        "body": [
            quote(
                "The committee did not take power away from me. It gave me colleagues.",
                "The district's technology director",
                "Laurel Fork County Schools (fictional)",
            ),
        ],
    },
]


def _bp_body(problem, steps, result):
    return (
        "<h2>The problem</h2>"
        f"<p>{problem}</p>"
        "<h2>What we did</h2>" + bullets(*steps) + "<h2>What happened</h2>"
        f"<p>{result}</p>"
    )


# Written by the Class of 2012 (authors: how many). `attachment` adds a PDF.
BEST_PRACTICES = [
    {
        "slug": "one-page-incident-call-list",
        "title": "A one-page incident response call list",
        "intro": (
            "Everyone who must be called in the first hour of a security incident, "
            "on one laminated page, reviewed every semester."
        ),
        "topics": ["security", "risk-assessment-and-management"],
        "tags": ["cybersecurity", "incident response"],
        "authors": 1,
        "body": _bp_body(
            "Our incident plan was forty pages long and nobody could find the "
            "insurer's number when we needed it.",
            [
                "Listed the people and organizations to call, in order.",
                "Added after-hours numbers and a backup for each.",
                "Printed it for the superintendent, the director and the help desk.",
            ],
            "During a phishing incident in our second year, the first five calls "
            "were made within twenty minutes.",
        ),
    },
    {
        "slug": "phishing-exercises-staff-accept",
        "title": "Monthly phishing exercises that staff do not resent",
        "intro": (
            "Short, friendly phishing exercises with instant feedback, and no "
            "public shaming, cut click rates by more than half in a year."
        ),
        "topics": ["security"],
        "tags": ["cybersecurity"],
        "authors": 1,
        "body": _bp_body(
            "Staff clicked on one in four simulated phishing e-mails, and the "
            "first exercise made many of them angry.",
            [
                "Sent one short exercise a month, timed away from report cards.",
                "Showed a thirty-second lesson to anyone who clicked.",
                "Reported results by school, never by name.",
            ],
            "Clicks fell from 24 to 9 per cent, and reports of real phishing to "
            "the help desk tripled.",
        ),
    },
    {
        "slug": "vendor-privacy-agreement",
        "title": "A vendor privacy agreement every teacher can request",
        "intro": (
            "A standard student data privacy agreement, signed once per vendor, "
            "turned app approvals from months into days."
        ),
        "topics": ["legal-and-regulatory-issues", "acquisition-management"],
        "tags": ["student data privacy", "procurement"],
        "authors": 2,
        "attachment": [
            "Our agreement covers data ownership, permitted use, security, "
            "breach notice and deletion at the end of the contract.",
            "Vendors sign it once; every school in the district may then use "
            "the tool under the same terms.",
        ],
        "body": _bp_body(
            "Each school negotiated its own terms with vendors, or none at all.",
            [
                "Adapted a model agreement with the board attorney.",
                "Asked the twenty most-used vendors to sign first.",
                "Published the list of signed vendors for teachers and families.",
            ],
            "Within a year, 150 vendors had signed and new requests took an "
            "average of six days.",
        ),
    },
    {
        "slug": "three-step-app-approval",
        "title": "An app approval process in three steps",
        "intro": (
            "Request, review, decide: a process short enough that teachers use it "
            "instead of working around it."
        ),
        "topics": ["legal-and-regulatory-issues", "it-governance"],
        "tags": ["student data privacy", "governance", "policy"],
        "authors": 1,
        "body": _bp_body(
            "Teachers found approval slow and opaque, so they stopped asking.",
            [
                "A one-screen request form.",
                "Review of privacy terms, accessibility and fit with tools "
                "already licensed.",
                "A decision within ten school days, with reasons.",
            ],
            "Requests went up, and the number of unknown tools on the network "
            "went down.",
        ),
    },
    {
        "slug": "governance-committee-small-district",
        "title": "Chartering a technology governance committee in a small district",
        "intro": (
            "How a district with a technology staff of three set up governance "
            "without adding meetings nobody had time for."
        ),
        "topics": ["it-governance", "leadership"],
        "tags": ["governance", "board communication"],
        "authors": 2,
        "body": _bp_body(
            "Every technology decision landed on the director's desk, and "
            "principals felt left out.",
            [
                "Added technology to an existing monthly cabinet meeting.",
                "Wrote a one-page charter signed by the superintendent.",
                "Reported decisions to the board twice a year.",
            ],
            "Decisions were made faster and stuck, because the people affected "
            "had made them.",
        ),
    },
    {
        "slug": "one-page-board-report",
        "title": "Reporting technology to the board on one page",
        "intro": (
            "Five measures, three projects and one risk: a one-page report the "
            "board reads and asks about."
        ),
        "topics": ["communications", "it-governance"],
        "tags": ["board communication", "governance"],
        "authors": 1,
        "attachment": [
            "Measures: device availability, help desk response time, network "
            "uptime, instructional use, spending against budget.",
            "Projects: status of the three largest projects, in one line each.",
            "Risk: the one risk the board should know about this quarter.",
        ],
        "body": _bp_body(
            "Our board reports were long, technical and rarely discussed.",
            [
                "Agreed five measures with the superintendent.",
                "Reported the three largest projects in one line each.",
                "Named one risk each quarter, with what we are doing about it.",
            ],
            "Board members now ask about the measures, and the technology budget "
            "passed without a single amendment.",
        ),
    },
    {
        "slug": "five-year-refresh-budget",
        "title": "A five-year device refresh budget",
        "intro": (
            "Planning device replacement as a yearly cost, not a crisis every four "
            "years, kept a one-to-one program alive."
        ),
        "topics": ["financial-trends", "strategic-technology-planning"],
        "tags": ["budgeting", "one-to-one devices"],
        "authors": 2,
        "body": _bp_body(
            "The first one-to-one purchase was funded with a one-time grant; "
            "nobody had planned for replacing the devices.",
            [
                "Spread replacement over five years by grade band.",
                "Counted warranty, insurance, repairs and staff time.",
                "Asked the county commissioners for a steady yearly amount.",
            ],
            "The county funded the refresh as a recurring line, and the program "
            "survived a year of flat budgets.",
        ),
    },
    {
        "slug": "audit-ready-e-rate",
        "title": "Keeping E-Rate documentation audit-ready",
        "intro": (
            "One folder structure, one naming rule and one checklist per funding "
            "year: how we passed an E-Rate review without a scramble."
        ),
        "topics": ["acquisition-management", "financial-trends"],
        "tags": ["E-Rate", "procurement"],
        "authors": 1,
        "attachment": [
            "Folder per funding year; sub-folders for needs, bidding, evaluation, "
            "contracts, forms, invoices and asset records.",
            "Every file named with the funding year, the step and the date.",
            "Keep everything for at least ten years after the last date of service.",
        ],
        "body": _bp_body(
            "Our records were spread across e-mail, paper files and a departed "
            "consultant's laptop.",
            [
                "Set up one shared folder per funding year.",
                "Named every document by step and date.",
                "Checked the folder against a checklist before filing each form.",
            ],
            "When the review letter came, we answered in three days.",
        ),
    },
    {
        "slug": "teacher-leaders-one-to-one",
        "title": "Teacher leaders for a one-to-one rollout",
        "intro": (
            "A paid teacher leader in every school did more for adoption than any "
            "training day."
        ),
        "topics": ["change-management", "leadership"],
        "tags": ["one-to-one devices", "change leadership"],
        "authors": 2,
        "body": _bp_body(
            "Training days alone did not change how teachers used the new devices.",
            [
                "Recruited one teacher leader per school, with a stipend.",
                "Gave them two summer weeks and a monthly meeting.",
                "Let them share lessons across schools.",
            ],
            "Weekly use of devices in lessons doubled between October and March.",
        ),
    },
    {
        "slug": "risk-register-cabinet-reads",
        "title": "A risk register the cabinet actually reads",
        "intro": (
            "Ten risks, one page, reviewed every quarter at cabinet: risk "
            "management as a leadership habit."
        ),
        "topics": ["risk-assessment-and-management", "it-governance"],
        "tags": ["risk management", "governance"],
        "authors": 1,
        "body": _bp_body(
            "Our risk register had 140 lines and nobody outside technology had "
            "read it.",
            [
                "Kept only the ten risks with the highest scores.",
                "Named an owner outside technology for each.",
                "Reviewed the page at cabinet every quarter.",
            ],
            "Two risks were funded in the next budget because cabinet members "
            "understood them.",
        ),
    },
    {
        "slug": "quarterly-restore-drill",
        "title": "Tested restores: a quarterly backup drill",
        "intro": (
            "A backup you have not restored is a hope, not a plan. A quarterly "
            "drill proves it works."
        ),
        "topics": ["risk-assessment-and-management", "security"],
        "tags": ["disaster recovery", "cybersecurity"],
        "authors": 1,
        "body": _bp_body(
            "We had backups of everything and had never restored a whole system.",
            [
                "Restored one critical system each quarter to an isolated network.",
                "Timed the restore and recorded every problem.",
                "Reported the time to cabinet against the agreed target.",
            ],
            "The first drill took 31 hours; the fourth took 6.",
        ),
    },
    {
        "slug": "honest-project-status",
        "title": "Project status in traffic lights, honestly",
        "intro": (
            "A status report where amber is normal and red is a request for help, "
            "not a confession."
        ),
        "topics": ["project-management", "communications"],
        "tags": ["project management", "ERP"],
        "authors": 1,
        "body": _bp_body(
            "Every project was green until the week it failed.",
            [
                "Defined green, amber and red in writing with the sponsor.",
                "Asked for one sentence on what would turn each project green.",
                "Thanked project leads who reported red early.",
            ],
            "Our ERP project reported red twice, got help both times, and went "
            "live on schedule.",
        ),
    },
    {
        "slug": "piloting-classroom-technology",
        "title": "Piloting new classroom technology with an exit plan",
        "intro": (
            "A statewide template for small pilots: a question, a measure, a time "
            "limit and a way out."
        ),
        "topics": ["emerging-trends", "strategic-technology-planning"],
        "tags": ["emerging technology", "strategic planning"],
        "authors": "ncdpi",
        "body": _bp_body(
            "Districts kept buying technology after a pilot with no measures and "
            "no decision date.",
            [
                "Wrote a one-page pilot template with districts.",
                "Required a measure of learning, not only of satisfaction.",
                "Set a decision date before the pilot began.",
            ],
            "Eight districts used the template in its first year; three pilots "
            "ended early, and saved the cost of a full purchase.",
        ),
    },
]

# In progress: the demo candidates' own best practice, waiting for faculty review.
DRAFT_BEST_PRACTICE = {
    "slug": "shared-technology-and-curriculum-planning",
    "title": "Planning technology and curriculum together",
    "intro": (
        "Two districts align their technology plans with curriculum adoption "
        "cycles, so devices and software arrive when teachers need them."
    ),
    "topics": ["strategic-technology-planning", "communications"],
    "tags": ["strategic planning", "governance"],
    "body": _bp_body(
        "Curriculum adoptions arrived with software our networks and devices were "
        "not ready for.",
        [
            "Mapped five years of curriculum adoptions against the refresh cycle.",
            "Added the technology director to every adoption committee.",
        ],
        "To be completed after the spring adoption cycle.",
    ),
}


STUDENTS = re.compile(r"about ([\d,]+) students")


def agree_on_students(lea, context):
    """The district's record says the student count its case study's text says,
    so the page's text and its sidebar never contradict each other."""
    match = STUDENTS.search(context)
    if lea is None or match is None:
        return
    students = int(match.group(1).replace(",", ""))
    if lea.student_count != students:
        lea.student_count = students
        lea.save(update_fields=["student_count"])


def seed_case_studies(index):
    """The case studies under the case study index; return the number created."""
    leas = {lea.name: lea for lea in LEA.objects.all()}
    topics = {topic.slug: topic for topic in TopicArea.objects.all()}
    tracks = {track.slug: track for track in Track.objects.all()}
    modules = {page.slug: page for page in ModulePage.objects.all()}
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for case in CASE_STUDIES:
        if case["slug"] in existing:
            continue
        agree_on_students(leas.get(case["lea"]), case["district_context"])
        _page, was_created = upsert_page(
            index,
            CaseStudyPage,
            case["slug"],
            title=case["title"],
            intro=case["intro"],
            lea=leas.get(case["lea"]),
            district_context=case["district_context"],
            challenge=case["challenge"],
            approach=case["approach"],
            outcome=case["outcome"],
            lessons_learned=case["lessons_learned"],
            discussion_questions="\n".join(case["questions"]),
            topic_areas=[topics[slug] for slug in case["topics"]],
            tracks=[tracks[slug] for slug in case["tracks"]],
            related_modules=[
                modules[slug] for slug in case["modules"] if slug in modules
            ],
            body=case["body"],
            tagged_items=tag_items(CaseStudyPageTag, case["tags"]),
            search_description=case["intro"][:255],
        )
        created += was_created
    return created


def _class_of_2012_authors():
    """Public graduates of the 2012 CeCTO cohort: (from LEAs, from NCDPI)."""
    graduates = (
        Person.objects.filter(
            is_public=True,
            enrollments__status=EnrollmentStatus.COMPLETED,
            enrollments__cohort__year=2012,
            enrollments__cohort__track__slug=CECTO,
        )
        .select_related("user")
        .order_by("last_name", "first_name")
    )
    from_leas = [p for p in graduates if p.lea_id]
    from_ncdpi = [p for p in graduates if p.partner_id and not p.lea_id]
    # Shuffled with a fixed seed: co-authors are not neighbours in the alphabet.
    random.Random(2012).shuffle(from_leas)
    return from_leas, from_ncdpi


def seed_best_practices(index):
    """The Class of 2012's best practices and one draft in progress; return created."""
    cohort_2012 = Cohort.objects.filter(year=2012, track__slug=CECTO).first()
    topics = {topic.slug: topic for topic in TopicArea.objects.all()}
    from_leas, from_ncdpi = _class_of_2012_authors()
    existing = set(index.get_children().values_list("slug", flat=True))
    collection = None
    created = 0
    next_author = 0
    for practice in BEST_PRACTICES:
        # Authors are drawn in order on every run, so they do not depend on what
        # exists already.
        if practice["authors"] == "ncdpi":
            authors = from_ncdpi[:1]
        else:
            authors = from_leas[next_author : next_author + practice["authors"]]
            next_author += practice["authors"]
        if practice["slug"] in existing or not authors:
            continue
        attachment = None
        if practice.get("attachment"):
            collection = collection or demo_collection(ATTACHMENTS_COLLECTION)
            attachment, doc_created = upsert_document(
                practice["title"],
                f"{practice['slug']}.pdf",
                practice["attachment"],
                collection,
            )
            created += doc_created
        _page, was_created = upsert_page(
            index,
            BestPracticePage,
            practice["slug"],
            **_best_practice_fields(practice, topics, authors, cohort_2012),
            attachment=attachment,
        )
        created += was_created
    return created + _seed_draft_best_practice(index, topics)


def _best_practice_fields(practice, topics, authors, cohort):
    owner = next((p.user for p in authors if p.user_id), None)
    return {
        "title": practice["title"],
        "intro": practice["intro"],
        "cohort": cohort,
        "topic_areas": [topics[slug] for slug in practice["topics"]],
        "body": practice["body"],
        "authors": [
            BestPracticeAuthor(person=p, sort_order=i) for i, p in enumerate(authors)
        ],
        "tagged_items": tag_items(BestPracticePageTag, practice["tags"]),
        "owner": owner,
        "search_description": practice["intro"][:255],
    }


def _seed_draft_best_practice(index, topics):
    """The demo candidates' draft, owned by `participant`: never published here."""
    practice = DRAFT_BEST_PRACTICE
    if index.get_children().filter(slug=practice["slug"]).exists():
        return 0
    authors = list(
        Person.objects.filter(user__username__in=["participant", "participant2"])
        .select_related("user")
        .order_by("user__username")
    )
    cohort = (
        Cohort.objects.filter(year__gt=2012, track__slug=CECTO)
        .order_by("-year")
        .first()
    )
    if not authors or cohort is None:
        return 0
    page = BestPracticePage(
        slug=practice["slug"],
        live=False,
        **_best_practice_fields(practice, topics, authors, cohort),
    )
    index.add_child(instance=page)
    page.save_revision(user=page.owner)
    return 1
