"""Demo curriculum: tracks, the twelve topic areas, modules, sessions and materials.

Facts come from the program's public announcements (see ../shared/program/): 240
hours for the CeCTO track and 20 for Leaders for the 21st Century, joint meetings in
February, September and at the end of the year, and graduation in November. The
session calendar follows the current cohort's year (February to November 2027); each
module also holds the Class of 2026's sessions, under way today: the same calendar 50
weeks earlier (the same weekdays, as a roll-over makes them), so some are past. A
module's hours count fully for every track it is on, so the modules shared by both
tracks are the short ones.

The stream-block helpers and the PDF generator are shared, in demo/base.py.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from curriculum.choices import DeliveryMode, SessionKind
from curriculum.models import (
    ModuleMaterialsPage,
    ModulePage,
    ModulePageTag,
    ModuleSession,
    TopicArea,
    Track,
)
from curriculum.privacy import materials_collection, restrict_to_program_groups
from demo.base import (
    bullets,
    document,
    heading,
    link,
    quote,
    table,
    tag_items,
    text,
    upsert_document,
    upsert_page,
)
from people.models import Person

CECTO = "cecto-certification"
LEADERS = "leaders-21st-century"

TRACKS = [
    {
        "slug": CECTO,
        "name": "CeCTO Certification",
        "certifies": True,
        "audience": "School (LEA) technology directors",
        "required_hours": 240,
        "duration_months": 10,
        "summary": (
            "A 240-hour course of instruction over ten months that builds the core "
            "competencies of a district chief technology officer: strategic planning, "
            "IT governance, risk, security, legal issues and change management, "
            "taught face to face and online."
        ),
        "schedule": (
            "Ten months of instruction: February to November in the early cohorts, "
            "from August in later ones. Each module mixes face-to-face days in "
            "Chapel Hill or Research Triangle Park, synchronous online sessions and "
            "asynchronous assignments. Candidates write a best practice during the "
            "year and graduate at a ceremony in November."
        ),
        "joint_sessions": (
            "Candidates meet the superintendents three times: the February kick-off on "
            "transformational leadership in K-12 education, a joint session in "
            "September, and a final joint meeting that reviews the candidates' best "
            "practices. Both tracks graduate together."
        ),
    },
    {
        "slug": LEADERS,
        "name": "Leaders for the 21st Century",
        "audience": "Superintendents",
        "required_hours": 20,
        "duration_months": 10,
        "summary": (
            "A 20-hour program for superintendents, with required joint sessions "
            "alongside their technology directors: the February kick-off on "
            "transformational leadership, a September session and a final meeting "
            "that reviews the directors' best practices."
        ),
        "schedule": (
            "Twenty hours spread over the program year: the joint meetings with "
            "technology directors and short online sessions on communications, "
            "financial trends and emerging trends, timed around board meetings."
        ),
        "joint_sessions": (
            "Required: the February kick-off on transformational leadership in K-12 "
            "education, the September joint session and the final joint meeting "
            "reviewing the technology directors' best practices, then graduation."
        ),
    },
]

# The twelve core competencies, in the order the program lists them.
TOPIC_AREAS = [
    (
        "strategic-technology-planning",
        "Strategic technology planning",
        "Turning the district's goals for teaching and learning into a multi-year "
        "technology plan with priorities, costs and measures.",
    ),
    (
        "it-governance",
        "IT governance",
        "Deciding who decides about technology, so investments follow the "
        "district's priorities and leaders can see what they deliver.",
    ),
    (
        "communications",
        "Communications",
        "Explaining technology plans, risks and results to boards, staff, families "
        "and the press in language they can act on.",
    ),
    (
        "project-management",
        "Project management",
        "Delivering technology projects on time and on budget, from the charter "
        "and schedule to the lessons learned.",
    ),
    (
        "emerging-trends",
        "Emerging trends",
        "Judging new technologies for classrooms and operations before the vendors "
        "arrive, and piloting them with care.",
    ),
    (
        "risk-assessment-and-management",
        "Risk assessment and management",
        "Finding, rating and treating the risks to a district's technology, and "
        "planning to keep critical services running.",
    ),
    (
        "acquisition-management",
        "Acquisition management",
        "Buying technology well under North Carolina's purchasing rules and "
        "E-Rate, from specification to contract management.",
    ),
    (
        "change-management",
        "Change management",
        "Leading the people side of technology change so that new tools are "
        "adopted and last.",
    ),
    (
        "leadership",
        "Leadership",
        "Leading a technology department and a seat at the cabinet table: vision, "
        "teams and transformational leadership in K-12 education.",
    ),
    (
        "security",
        "Security",
        "Protecting students, staff and systems against phishing, ransomware and "
        "data breaches with controls a district can afford.",
    ),
    (
        "legal-and-regulatory-issues",
        "Legal and regulatory issues",
        "Applying FERPA, COPPA, CIPA, public records law and contract terms to the "
        "district's systems and vendors.",
    ),
    (
        "financial-trends",
        "Financial trends",
        "Following the money: budgets, total cost of ownership, E-Rate and state "
        "and federal funding for school technology.",
    ),
]

EASTERN = ZoneInfo("America/New_York")
CHAPEL_HILL = "UNC School of Government, Knapp-Sanders Building, Chapel Hill"
RTP = "MCNC, Research Triangle Park"


def at(day, time="09:00"):
    """An Eastern time on a day of the program year, e.g. at("2027-02-09", "10:00")."""
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=EASTERN)


def session(
    title, day, hours, mode, faculty, *, time="09:00", kind=None, days=0, location=""
):
    """A module session; an asynchronous one is open for `days` days."""
    return {
        "location": location,
        "title": title,
        "kind": kind or SessionKind.SESSION,
        "starts_at": at(day, time),
        "hours": Decimal(str(hours)),
        "mode": mode,
        "faculty": faculty,
        "days": days,
    }


F2F = DeliveryMode.FACE_TO_FACE
SYNC = DeliveryMode.SYNCHRONOUS
ASYNC = DeliveryMode.ASYNCHRONOUS

# The five modules named in the design, in full. Hours: 28 + 28 + 24 + 32 + 24 = 136,
# all on the CeCTO track.
FULL_MODULES = [
    {
        "slug": "it-governance",
        "title": "IT governance in the school district",
        "topic": "it-governance",
        "other_topics": ["strategic-technology-planning", "leadership"],
        "tracks": [CECTO],
        "hours": "28",
        "faculty": ["marcus-ellery", "dana-whitfield"],
        "tags": ["governance", "board communication", "strategic planning"],
        "intro": (
            "Who decides what about technology in a school district, and how the "
            "board, the superintendent and the technology director share those "
            "decisions. Participants map decision rights, design a governance "
            "committee and learn to report on the technology portfolio in terms a "
            "board can act on."
        ),
        "objectives": [
            "Explain the difference between IT governance and IT management, and "
            "why a district needs both.",
            "Map the decision rights for technology priorities, standards and "
            "investments in their own LEA.",
            "Draft a charter for a district technology governance committee, "
            "with membership, scope and escalation.",
            "Rank a portfolio of technology projects against the district's "
            "strategic plan.",
            "Report technology performance to the superintendent and board with a "
            "handful of measures.",
        ],
        "competencies": [
            "IT governance frameworks (COBIT, CoSN's Framework of Essential Skills)",
            "Decision rights and accountability",
            "Portfolio and investment management",
            "Performance measurement and reporting",
        ],
        "body": [
            heading("Why governance comes before technology"),
            text(
                "<p>Most technology problems in school districts are decision "
                "problems in disguise. A new reading platform arrives without a "
                "plan for rostering; three schools buy three different interactive "
                "displays; a data system is chosen by the department that shouts "
                "loudest. Governance is the set of agreements that says who "
                "recommends, who decides and who is told.</p>"
                "<p>Good governance does not slow a district down. It moves "
                "arguments to the start of a project, where they are cheap, and "
                "gives the technology director a committee to stand behind.</p>"
            ),
            heading("Decision rights at a glance"),
            table(
                "A typical district's technology decision rights",
                ["Decision", "Recommends", "Decides"],
                [
                    (
                        "Instructional technology priorities",
                        "Curriculum and technology committee",
                        "Superintendent's cabinet",
                    ),
                    (
                        "Infrastructure and security standards",
                        "Technology director",
                        "Technology director",
                    ),
                    (
                        "Projects over $250,000",
                        "Governance committee",
                        "Board of education",
                    ),
                    (
                        "New applications that hold student data",
                        "Data privacy team",
                        "Technology director and chief academic officer",
                    ),
                ],
            ),
            quote(
                "Once the committee owned the priority list, I stopped being the "
                "person who said no. We said no together, and we said yes to the "
                "right things.",
                "A 2012 CeCTO graduate",
                "Chief Technology Officer, a fictional county school district",
            ),
            heading("Building the committee"),
            text(
                "<p>The committees that last share a few traits:</p>"
                + bullets(
                    "A charter approved by the superintendent, not a memo from IT.",
                    "Members from instruction, finance, operations and schools, "
                    "with a principal who still runs a building.",
                    "A published intake form, so every request is seen the same way.",
                    "A short report to the board each semester: what was approved, "
                    "what was delivered, what it cost.",
                )
            ),
        ],
        "resources": [
            link(
                "COBIT: a framework for the governance of enterprise IT",
                "https://www.isaca.org/resources/cobit",
                "ISACA's governance framework, the source of many public-sector "
                "governance models.",
            ),
            link(
                "CoSN: Framework of Essential Skills of the K-12 CTO",
                "https://www.cosn.org/",
                "The Consortium for School Networking's description of the "
                "district technology leader's job.",
            ),
        ],
        "sessions": [
            session(
                "Governance foundations and decision rights",
                "2027-03-10",
                6,
                F2F,
                "marcus-ellery",
            ),
            session(
                "Workshop: your district's decision-rights map",
                "2027-03-24",
                2,
                SYNC,
                "marcus-ellery",
                time="15:30",
            ),
            session(
                "Assignment: a governance committee charter",
                "2027-03-25",
                20,
                ASYNC,
                "dana-whitfield",
                days=21,
            ),
        ],
        "materials": {
            "intro": (
                "The governance workbook and the charter template for the "
                "assignment. Bring your district's organization chart to the "
                "face-to-face day."
            ),
            "document": "IT governance workbook",
            "paragraphs": [
                "Part 1. List the ten technology decisions your district made last "
                "year. For each, note who recommended it, who decided and who was "
                "told afterwards.",
                "Part 2. Mark the decisions that surprised a stakeholder. These are "
                "the gaps a governance committee should close first.",
                "Part 3. Draft a one-page charter: purpose, members, scope, "
                "meeting rhythm, how requests arrive and how decisions are "
                "escalated to the superintendent.",
                "Submit the charter in the online classroom by the end of the "
                "assignment window. Faculty return comments within a week.",
            ],
        },
    },
    {
        "slug": "risk-assessment-and-management",
        "title": "Risk assessment and management",
        "topic": "risk-assessment-and-management",
        "other_topics": ["security"],
        "tracks": [CECTO],
        "hours": "28",
        "faculty": ["renata-voss", "lucinda-marsh"],
        "tags": ["risk management", "disaster recovery", "cybersecurity"],
        "intro": (
            "How to find, rate and treat the risks that could stop a district's "
            "technology from serving students, from failed hardware and vendor "
            "collapse to hurricanes and ransomware. Participants build a risk "
            "register and a continuity plan for one critical service."
        ),
        "objectives": [
            "Identify technology risks across people, processes, systems and vendors.",
            "Rate likelihood and impact consistently, on a scale the cabinet accepts.",
            "Choose a response for each risk: avoid, reduce, transfer or accept.",
            "Write a continuity and disaster recovery plan for one critical service.",
            "Present the district's top five risks to leadership on one page.",
        ],
        "competencies": [
            "Risk identification and analysis",
            "Business continuity and disaster recovery planning",
            "Vendor and third-party risk",
            "Cyber insurance and risk transfer",
        ],
        "body": [
            heading("Risk is a leadership conversation"),
            text(
                "<p>A risk that only the technology department knows about is a "
                "risk nobody has accepted. The aim of this module is a shared, "
                "written view of what could go wrong, how likely it is, how much it "
                "would hurt, and what the district has decided to do about it.</p>"
            ),
            heading("A risk register, not a list of worries"),
            table(
                "Extract from a district risk register",
                ["Risk", "Likelihood", "Impact", "Response"],
                [
                    (
                        "Ransomware encrypts the student information system servers",
                        "Medium",
                        "Severe",
                        "Reduce: offline backups, multi-factor sign-in, tested "
                        "restores",
                    ),
                    (
                        "A hurricane takes the central office data center offline",
                        "Medium",
                        "High",
                        "Transfer and reduce: hosted services, a second site",
                    ),
                    (
                        "The only network engineer leaves",
                        "High",
                        "High",
                        "Reduce: documentation, cross-training, a managed "
                        "services contract",
                    ),
                    (
                        "The learning platform's vendor is bought and the product "
                        "retired",
                        "Low",
                        "Medium",
                        "Accept and watch: exit clause, yearly test of data export",
                    ),
                ],
            ),
            heading("Continuity for the services that matter"),
            text(
                "<p>Start with the services a school cannot open without:</p>"
                + bullets(
                    "List them with the people who run schools: attendance, "
                    "nutrition, transportation, payroll, the phone system.",
                    "Agree how long each may be down and how much data may be lost.",
                    "Write the manual workaround and the order of recovery.",
                    "Rehearse once a year, and after every major change.",
                    ordered=True,
                )
            ),
        ],
        "resources": [
            link(
                "NIST SP 800-30: Guide for Conducting Risk Assessments",
                "https://csrc.nist.gov/pubs/sp/800/30/r1/final",
                "The federal method most public-sector risk registers build on.",
            ),
            link(
                "CISA: K-12 cybersecurity resources",
                "https://www.cisa.gov/K12Cybersecurity",
            ),
        ],
        "sessions": [
            session(
                "Finding and rating risks",
                "2027-04-14",
                6,
                F2F,
                "renata-voss",
                location=RTP,
            ),
            session(
                "Calibration: rating risks together",
                "2027-04-28",
                2,
                SYNC,
                "lucinda-marsh",
                time="15:30",
            ),
            session(
                "Assignment: risk register and continuity plan",
                "2027-04-29",
                20,
                ASYNC,
                "renata-voss",
                days=21,
            ),
        ],
        "materials": {
            "intro": (
                "The risk register template and the continuity plan outline. Use "
                "your own district's services; nothing you submit is shared "
                "outside the cohort."
            ),
            "document": "Risk register template and continuity plan outline",
            "paragraphs": [
                "Risk register columns: risk, owner, likelihood (1 to 5), impact "
                "(1 to 5), score, current controls, response, due date, status.",
                "Rate likelihood over the next three years. Rate impact on "
                "students first, then money, then reputation.",
                "Continuity plan outline: service, maximum tolerable downtime, "
                "recovery point, manual workaround, recovery steps in order, "
                "contacts, date last tested.",
            ],
        },
    },
    {
        "slug": "legal-and-regulatory-issues",
        "title": "Legal and regulatory issues",
        "topic": "legal-and-regulatory-issues",
        "other_topics": ["security", "acquisition-management"],
        "tracks": [CECTO],
        "hours": "24",
        "faculty": ["farrah-okafor"],
        "tags": ["student data privacy", "policy", "procurement"],
        "intro": (
            "The laws a school technology director works under every day: student "
            "privacy (FERPA, COPPA and PPRA), internet safety (CIPA), North "
            "Carolina's public records law, records retention, accessibility and "
            "contracts. Participants review a vendor agreement and leave with a "
            "checklist for the next one."
        ),
        "objectives": [
            "Explain what FERPA, COPPA, PPRA and CIPA require of a district and its "
            "vendors.",
            "Apply North Carolina's public records law (G.S. Chapter 132) and "
            "retention schedules to e-mail, text messages and cloud files.",
            "Review a software agreement for data ownership, use, security and "
            "deletion terms.",
            "Respond lawfully to a records request, a litigation hold and a data "
            "breach.",
            "Plan for accessible digital content under ADA Title II and Section 504.",
        ],
        "competencies": [
            "Student data privacy law",
            "Public records and retention",
            "Contract and license review",
            "Accessibility obligations",
            "E-discovery and litigation holds",
        ],
        "body": [
            heading("Privacy is a promise to families"),
            text(
                "<p>Every application a teacher signs up for is a decision about "
                "student data. The law sets the floor; the district's agreements "
                "with vendors are where the promise to families is kept or broken. "
                "This module reads the laws through the everyday decisions of a "
                "technology department.</p>"
            ),
            heading("The laws at a glance"),
            table(
                "Federal and state laws a technology director applies",
                ["Law", "What it covers", "What the district does"],
                [
                    (
                        "FERPA",
                        "Education records and who may see them",
                        "Limits disclosure; treats vendors as school officials only "
                        "under direct control",
                    ),
                    (
                        "COPPA",
                        "Online services collecting data from children under 13",
                        "Consents for educational use only, after checking the "
                        "vendor's practices",
                    ),
                    (
                        "CIPA",
                        "Internet safety in E-Rate funded schools",
                        "Filters, monitors and teaches online safety under an "
                        "adopted policy",
                    ),
                    (
                        "PPRA",
                        "Student surveys on protected topics",
                        "Notifies parents and lets them opt out",
                    ),
                    (
                        "G.S. Chapter 132",
                        "North Carolina public records",
                        "Keeps, finds and releases records, electronic ones included",
                    ),
                ],
            ),
            heading("Reading a vendor agreement"),
            text(
                "<p>Before anyone signs, check that the agreement says:</p>"
                + bullets(
                    "The district owns the data, and the vendor uses it only to "
                    "provide the service.",
                    "No selling, no advertising to students, no building profiles.",
                    "Reasonable security, and notice within a set time after a breach.",
                    "Deletion or return of the data when the contract ends.",
                    "Which subcontractors see the data, and under the same terms.",
                )
            ),
            quote(
                "The contract is your privacy policy in practice. If it is not in "
                "the agreement, it is not a promise.",
                "Farrah Okafor",
                "Lecturer in Public Technology Law",
            ),
        ],
        "resources": [
            link(
                "U.S. Department of Education: Protecting Student Privacy",
                "https://studentprivacy.ed.gov/",
                "Guidance on FERPA and PPRA, with model terms of service.",
            ),
            link(
                "FTC: Children's Online Privacy Protection Rule (COPPA)",
                "https://www.ftc.gov/legal-library/browse/rules/"
                "childrens-online-privacy-protection-rule-coppa",
            ),
            link(
                "FCC: Children's Internet Protection Act (CIPA)",
                "https://www.fcc.gov/consumers/guides/childrens-internet-protection-act",
            ),
            link(
                "N.C. General Statutes, Chapter 132: Public Records",
                "https://www.ncleg.gov/EnactedLegislation/Statutes/HTML/ByChapter/"
                "Chapter_132.html",
            ),
        ],
        "sessions": [
            session(
                "Student privacy, public records and the law of technology",
                "2027-05-12",
                6,
                F2F,
                "farrah-okafor",
            ),
            session(
                "Clinic: reading vendor agreements",
                "2027-05-26",
                2,
                SYNC,
                "farrah-okafor",
                time="15:30",
            ),
            session(
                "Assignment: review a data privacy agreement",
                "2027-05-27",
                16,
                ASYNC,
                "farrah-okafor",
                days=14,
            ),
        ],
        "materials": {
            "intro": (
                "The vendor agreement checklist and the sample agreement to review "
                "for the assignment. The sample is fictional; do not send it to a "
                "vendor."
            ),
            "document": "Vendor data privacy agreement checklist",
            "paragraphs": [
                "1. Data ownership: the district owns all student data and may "
                "have it back at any time.",
                "2. Use: only to provide the contracted service; no sale, no "
                "targeted advertising, no profiles beyond the service.",
                "3. Security: reasonable administrative, technical and physical "
                "safeguards; encryption in transit and at rest.",
                "4. Breach: notice to the district within 72 hours, with what was "
                "exposed and what the vendor is doing about it.",
                "5. End of contract: deletion or return of data within 60 days, "
                "with written confirmation.",
                "6. Subcontractors: listed, and bound by the same terms.",
            ],
        },
    },
    {
        "slug": "security",
        "title": "Security for school technology leaders",
        "topic": "security",
        "other_topics": ["risk-assessment-and-management"],
        "tracks": [CECTO],
        "hours": "32",
        "faculty": ["renata-voss", "marcus-ellery"],
        "tags": ["cybersecurity", "incident response", "disaster recovery"],
        "intro": (
            "Protecting students, staff and systems from the threats districts "
            "actually face: phishing, ransomware, account takeover and vendor "
            "breaches. The module favours the controls that do the most good for a "
            "district's budget, and rehearses an incident from the first phone call "
            "to the board briefing."
        ),
        "objectives": [
            "Describe the threats most likely to reach a North Carolina school "
            "district and how attacks unfold.",
            "Set priorities with the CIS Critical Security Controls and the NIST "
            "Cybersecurity Framework.",
            "Put multi-factor sign-in, tested backups and least privilege in place "
            "across the district.",
            "Lead an incident response from detection to recovery, including "
            "communication with families and the state.",
            "Build a security awareness program for staff and students.",
            "Review a vendor's security before student data leaves the district.",
        ],
        "competencies": [
            "Security program management",
            "Identity and access management",
            "Incident response",
            "Security awareness and training",
            "Vendor security review",
        ],
        "body": [
            heading("What districts face"),
            text(
                "<p>School districts hold the records of thousands of children, run "
                "on thin staffing and open thousands of devices to the internet "
                "every morning. Attackers know it. Most incidents still begin the "
                "ordinary way: a convincing e-mail, a reused password, an "
                "unpatched server, a vendor with weaker defences than the "
                "district's own.</p>"
            ),
            heading("Controls that pay for themselves"),
            table(
                "Where a district's first security dollars go",
                ["Control", "Why it matters", "Where to start"],
                [
                    (
                        "Multi-factor sign-in",
                        "Stops most account takeovers",
                        "Administrators, finance staff and remote access",
                    ),
                    (
                        "Offline, tested backups",
                        "Turns ransomware into an outage, not a disaster",
                        "Student information, finance and file servers",
                    ),
                    (
                        "Asset inventory and patching",
                        "You cannot protect what you do not know you have",
                        "Internet-facing systems first",
                    ),
                    (
                        "Phishing awareness",
                        "Staff are the first alarm",
                        "Short monthly exercises with quick feedback",
                    ),
                    (
                        "Least privilege",
                        "Limits what one stolen account can reach",
                        "Remove local administrator rights from staff devices",
                    ),
                ],
            ),
            heading("When it happens: the first 24 hours"),
            text(
                bullets(
                    "Contain: isolate affected systems; do not wipe them.",
                    "Call: the incident lead, the superintendent, the insurer and "
                    "the state's incident response partners.",
                    "Preserve evidence and start a written timeline.",
                    "Communicate early with staff and families, and say when the "
                    "next update will come.",
                    "Recover from known-good backups, most critical services first.",
                    ordered=True,
                )
            ),
            quote(
                "We had rehearsed the call list in class. When the ransom note "
                "appeared at five in the morning, nobody had to ask who to phone "
                "first.",
                "A 2011 CeCTO graduate",
                "Director of Technology, a fictional county school district",
            ),
        ],
        "resources": [
            link(
                "CIS Critical Security Controls",
                "https://www.cisecurity.org/controls",
                "A prioritized set of safeguards, with implementation groups for "
                "small organizations.",
            ),
            link(
                "NIST Cybersecurity Framework",
                "https://www.nist.gov/cyberframework",
            ),
            link(
                "K12 Security Information eXchange (K12 SIX)",
                "https://www.k12six.org/",
                "Threat information and baselines written for school districts.",
            ),
        ],
        "sessions": [
            session(
                "Threats and the district security program",
                "2027-06-09",
                6,
                F2F,
                "renata-voss",
                location=RTP,
            ),
            session(
                "Identity, multi-factor sign-in and least privilege",
                "2027-06-23",
                2,
                SYNC,
                "renata-voss",
                time="15:30",
            ),
            session(
                "Assignment: security controls self-assessment",
                "2027-06-24",
                18,
                ASYNC,
                "marcus-ellery",
                days=21,
            ),
            session(
                "Incident response tabletop exercise",
                "2027-08-11",
                6,
                F2F,
                "renata-voss",
                location=RTP,
            ),
        ],
        "materials": {
            "intro": (
                "The tabletop exercise scenario and the self-assessment worksheet. "
                "The scenario is confidential until the exercise day: please do not "
                "share it with colleagues who will take part."
            ),
            "document": "Incident response tabletop scenario",
            "paragraphs": [
                "Monday, 5:10 a.m. The night custodian at the central office "
                "reports that every screen shows the same message: files are "
                "encrypted and a payment is demanded.",
                "Inject 1 (5:40 a.m.): the student information system does not "
                "respond. Buses leave at 6:15. Who decides whether schools open?",
                "Inject 2 (8:00 a.m.): a reporter calls the superintendent's office. "
                "What is said, and by whom?",
                "Inject 3 (noon): the attackers claim to have copied student "
                "records. What notices does the law require, and to whom?",
                "Debrief: what worked, what was missing, and the three changes the "
                "district will make this year.",
            ],
        },
    },
    {
        "slug": "change-management",
        "title": "Change management",
        "topic": "change-management",
        "other_topics": ["leadership", "project-management"],
        "tracks": [CECTO],
        "hours": "24",
        "faculty": ["theo-blackwood"],
        "tags": ["change leadership", "one-to-one devices", "ERP"],
        "intro": (
            "Technology projects in schools succeed or fail on people, not "
            "hardware. Participants plan for the human side of change, from a "
            "one-to-one device rollout to a new finance system, with the ADKAR "
            "model and the lessons of district leaders who have done it."
        ),
        "objectives": [
            "Explain why technology changes stall and how resistance shows up in "
            "schools.",
            "Use the ADKAR model to plan awareness, desire, knowledge, ability and "
            "reinforcement for a change.",
            "Map stakeholders (teachers, principals, families, board members) and "
            "plan for each.",
            "Build a training and support plan that fits the school calendar.",
            "Measure adoption after go-live and adjust.",
        ],
        "competencies": [
            "Change leadership",
            "Stakeholder analysis",
            "Training and adoption planning",
            "Sustaining change",
        ],
        "body": [
            heading("The human side of technology"),
            text(
                "<p>A device in every student's hands, a new student information "
                "system, a move to the cloud: each asks hundreds of people to work "
                "differently. The technology is usually the easy part. This module "
                "treats change as a project of its own, with a plan, a budget and "
                "people responsible for it.</p>"
            ),
            heading("Planning for each group"),
            table(
                "Stakeholder plan for a one-to-one device rollout",
                ["Group", "What they need to hear", "What they need to do"],
                [
                    (
                        "Teachers",
                        "Why, and what support they will get",
                        "Plan one lesson a week that uses the devices",
                    ),
                    (
                        "Principals",
                        "What success looks like in their building",
                        "Protect time for coaching and model use",
                    ),
                    (
                        "Families",
                        "Care, insurance and safety at home",
                        "Sign the agreement and attend an evening session",
                    ),
                    (
                        "Board of education",
                        "Costs over five years and the measures of progress",
                        "Approve the refresh cycle, not only the first purchase",
                    ),
                ],
            ),
            heading("Reinforcement: after go-live"),
            text(
                "<p>Most plans stop at training day. The districts that succeed "
                "keep going: they celebrate early adopters, fix the irritations "
                "that teachers report, and publish adoption figures every month "
                "for the first year.</p>"
            ),
            quote(
                "The devices arrived in August. The change arrived in January, when "
                "teachers stopped asking whether it would last.",
                "A 2012 CeCTO graduate",
                "Director of Instructional Technology, a fictional city school district",
            ),
        ],
        "resources": [
            link(
                "Prosci: the ADKAR model",
                "https://www.prosci.com/methodology/adkar",
            ),
            link(
                "ISTE Standards for Education Leaders",
                "https://iste.org/standards/education-leaders",
            ),
        ],
        "sessions": [
            session(
                "Leading people through technology change",
                "2027-09-22",
                6,
                F2F,
                "theo-blackwood",
            ),
            session(
                "Stakeholder mapping workshop",
                "2027-10-06",
                2,
                SYNC,
                "theo-blackwood",
                time="15:30",
            ),
            session(
                "Assignment: a change plan for your next project",
                "2027-10-07",
                16,
                ASYNC,
                "theo-blackwood",
                days=14,
            ),
        ],
        "materials": {
            "intro": (
                "The change plan template for the assignment, with a worked "
                "example from a fictional district's device rollout."
            ),
            "document": "Change plan template (ADKAR)",
            "paragraphs": [
                "Change: describe it in one sentence a parent would understand.",
                "Awareness: who must understand why, and how will they hear it?",
                "Desire: what do people gain, and what do they fear losing?",
                "Knowledge: what training, when, and in what form?",
                "Ability: what support in the first weeks: coaches, help desk, "
                "office hours?",
                "Reinforcement: which measures will you publish, and how will you "
                "recognise progress?",
            ],
        },
    },
]

# The other seven topic areas, shorter. CeCTO hours: 24 + 4 + 24 + 4 + 20 + 8 + 16 + 4
# = 104, so 136 + 104 = 240. The four modules on both tracks: 4 + 4 + 8 + 4 = 20.
SHORT_MODULES = [
    {
        "slug": "strategic-technology-planning",
        "title": "Strategic technology planning",
        "topic": "strategic-technology-planning",
        "other_topics": ["it-governance"],
        "tracks": [CECTO],
        "hours": "24",
        "faculty": ["marcus-ellery"],
        "tags": ["strategic planning", "budgeting"],
        "intro": (
            "From the district's strategic plan to a three-year technology plan "
            "with priorities, costs and measures that the board can follow."
        ),
        "objectives": [
            "Align technology goals with the district's strategic plan.",
            "Estimate the total cost of ownership of a plan's initiatives.",
            "Choose measures that show progress to the board.",
        ],
        "competencies": ["Strategic planning", "Total cost of ownership"],
        "paragraph": (
            "Participants start from their own district's strategic plan and leave "
            "with the outline of a technology plan they can take to their cabinet."
        ),
        "sessions": [
            session(
                "From district goals to a technology plan",
                "2027-02-10",
                6,
                F2F,
                "marcus-ellery",
            ),
            session(
                "Assignment: a three-year technology plan outline",
                "2027-02-11",
                18,
                ASYNC,
                "marcus-ellery",
                days=28,
            ),
        ],
    },
    {
        "slug": "communications",
        "title": "Communicating technology to boards and communities",
        "topic": "communications",
        "other_topics": ["leadership"],
        "tracks": [CECTO, LEADERS],
        "hours": "4",
        "faculty": ["hannah-kowalczyk"],
        "tags": ["board communication"],
        "intro": (
            "How superintendents and technology directors explain plans, risks and "
            "results to boards, staff, families and the press."
        ),
        "objectives": [
            "Structure a five-minute board presentation on a technology decision.",
            "Prepare the first message to families during an outage or incident.",
        ],
        "competencies": ["Board communication", "Crisis communication"],
        "paragraph": (
            "Superintendents and their technology directors practise together, "
            "using decisions that will come before their own boards this year."
        ),
        "sessions": [
            session(
                "Presenting technology to the board",
                "2027-09-29",
                2,
                SYNC,
                "hannah-kowalczyk",
                time="16:00",
            ),
            session(
                "Assignment: a one-page board briefing",
                "2027-09-30",
                2,
                ASYNC,
                "hannah-kowalczyk",
                days=14,
            ),
        ],
    },
    {
        "slug": "project-management",
        "title": "Project management",
        "topic": "project-management",
        "other_topics": ["change-management"],
        "tracks": [CECTO],
        "hours": "24",
        "faculty": ["lucinda-marsh"],
        "tags": ["project management", "ERP"],
        "intro": (
            "Delivering technology projects on time and on budget: charters, "
            "schedules, status reports and closing a project well."
        ),
        "objectives": [
            "Write a project charter with scope, sponsor and measures of success.",
            "Build a schedule around the school calendar's blackout periods.",
            "Report status honestly and escalate early.",
        ],
        "competencies": ["Project initiation and planning", "Status reporting"],
        "paragraph": (
            "Examples come from real district projects: a student information "
            "system conversion, a wireless refresh and an enterprise resource "
            "planning (ERP) implementation."
        ),
        "sessions": [
            session(
                "Chartering and planning a district project",
                "2027-07-14",
                6,
                F2F,
                "lucinda-marsh",
                location=RTP,
            ),
            session(
                "Status reports that tell the truth",
                "2027-07-28",
                2,
                SYNC,
                "lucinda-marsh",
                time="15:30",
            ),
            session(
                "Assignment: a charter and plan for a project in your district",
                "2027-07-15",
                16,
                ASYNC,
                "lucinda-marsh",
                days=21,
            ),
        ],
    },
    {
        "slug": "emerging-trends",
        "title": "Emerging trends in teaching and learning technology",
        "topic": "emerging-trends",
        "other_topics": ["strategic-technology-planning"],
        "tracks": [CECTO, LEADERS],
        "hours": "4",
        "faculty": ["jerome-adeyemi"],
        "tags": ["emerging technology"],
        "intro": (
            "A structured look at what is coming, from generative AI in classrooms "
            "to new networks, and how to pilot it without betting the district."
        ),
        "objectives": [
            "Judge an emerging technology against the district's instructional goals.",
            "Design a small pilot with clear measures and an exit.",
        ],
        "competencies": ["Technology scanning", "Pilot design"],
        "paragraph": (
            "Each participant brings one technology their district is being asked "
            "about and leaves with a one-page pilot proposal."
        ),
        "sessions": [
            session(
                "What's next, and how to pilot it",
                "2027-10-13",
                2,
                SYNC,
                "jerome-adeyemi",
                time="16:00",
            ),
            session(
                "Assignment: a one-page pilot proposal",
                "2027-10-14",
                2,
                ASYNC,
                "jerome-adeyemi",
                days=14,
            ),
        ],
    },
    {
        "slug": "acquisition-management",
        "title": "Acquisition management",
        "topic": "acquisition-management",
        "other_topics": ["legal-and-regulatory-issues", "financial-trends"],
        "tracks": [CECTO],
        "hours": "20",
        "faculty": ["lucinda-marsh"],
        "tags": ["procurement", "E-Rate"],
        "intro": (
            "Buying technology well: specifications, North Carolina purchasing "
            "rules, E-Rate competitive bidding, and managing the contract after "
            "it is signed."
        ),
        "objectives": [
            "Write a specification that invites competition.",
            "Run an E-Rate competitive bidding process that survives review.",
            "Manage a vendor against the contract's service levels.",
        ],
        "competencies": ["Procurement", "E-Rate", "Contract management"],
        "paragraph": (
            "The module follows one purchase, a district wireless refresh, from "
            "the needs assessment to the first service review with the vendor."
        ),
        "sessions": [
            session(
                "Specifications, bids and E-Rate",
                "2027-08-25",
                6,
                F2F,
                "lucinda-marsh",
            ),
            session(
                "Assignment: evaluate three bids",
                "2027-08-26",
                14,
                ASYNC,
                "lucinda-marsh",
                days=21,
            ),
        ],
    },
    {
        "slug": "program-orientation-and-joint-meetings",
        "title": "Program orientation and joint meetings",
        "topic": "leadership",
        "other_topics": ["communications"],
        "tracks": [CECTO, LEADERS],
        "hours": "8",
        "faculty": ["dana-whitfield"],
        "tags": ["leadership"],
        "intro": (
            "The meetings that bring superintendents and technology directors "
            "together: the kick-off on transformational leadership, the September "
            "session, the review of the candidates' best practices, and graduation."
        ),
        "objectives": [
            "Describe the role of transformational leadership in K-12 education.",
            "Agree with their superintendent or technology director on the "
            "district's technology priorities for the year.",
            "Give and receive structured feedback on best practices.",
        ],
        "competencies": ["Transformational leadership", "Peer review"],
        "paragraph": (
            "Attendance at the joint meetings is required on both tracks. "
            "Superintendents and technology directors from the same district sit "
            "together."
        ),
        "sessions": [
            session(
                "Kick-off: transformational leadership in K-12 education",
                "2027-02-09",
                3,
                F2F,
                "dana-whitfield",
                kind=SessionKind.JOINT,
                time="10:00",
            ),
            session(
                "Joint session: technology on the superintendent's agenda",
                "2027-09-15",
                2,
                F2F,
                "dana-whitfield",
                kind=SessionKind.JOINT,
                time="13:00",
                location=RTP,
            ),
            session(
                "Final joint meeting: reviewing the best practices",
                "2027-10-27",
                2,
                F2F,
                "dana-whitfield",
                kind=SessionKind.JOINT,
                time="13:00",
            ),
            session(
                "Graduation ceremony",
                "2027-11-17",
                1,
                F2F,
                "dana-whitfield",
                kind=SessionKind.GRADUATION,
                time="15:00",
            ),
        ],
    },
    {
        "slug": "leading-the-technology-department",
        "title": "Leading the technology department",
        "topic": "leadership",
        "other_topics": ["change-management"],
        "tracks": [CECTO],
        "hours": "16",
        "faculty": ["theo-blackwood"],
        "tags": ["leadership", "change leadership"],
        "intro": (
            "From technical expert to district leader: building a team, managing "
            "service, and earning a seat at the cabinet table."
        ),
        "objectives": [
            "Organize a technology department around services, not devices.",
            "Develop staff and plan for succession.",
            "Act as a member of the superintendent's leadership team.",
        ],
        "competencies": ["Team leadership", "Service management"],
        "paragraph": (
            "Candidates reflect on their own leadership with a 360-degree review "
            "and set goals for the year after graduation."
        ),
        "sessions": [
            session(
                "Assignment: a 360-degree review and your goals after graduation",
                "2027-10-13",
                8,
                ASYNC,
                "theo-blackwood",
                days=14,
            ),
            session(
                "From expert to leader",
                "2027-11-03",
                6,
                F2F,
                "theo-blackwood",
            ),
            session(
                "Coaching circles",
                "2027-11-10",
                2,
                SYNC,
                "theo-blackwood",
                time="15:30",
            ),
        ],
    },
    {
        "slug": "financial-trends",
        "title": "Financial trends and funding for school technology",
        "topic": "financial-trends",
        "other_topics": ["acquisition-management"],
        "tracks": [CECTO, LEADERS],
        "hours": "4",
        "faculty": ["jerome-adeyemi"],
        "tags": ["budgeting", "E-Rate"],
        "intro": (
            "Where school technology money comes from and where it goes: state "
            "allotments, E-Rate, federal grants, and the cost of keeping devices "
            "current."
        ),
        "objectives": [
            "Read the district's technology budget alongside its funding sources.",
            "Plan a sustainable device refresh cycle.",
        ],
        "competencies": ["Budgeting", "Funding sources"],
        "paragraph": (
            "Superintendents and technology directors compare their districts' "
            "spending with state and national figures."
        ),
        "sessions": [
            session(
                "Budgets, funding and the refresh cycle",
                "2027-09-08",
                2,
                SYNC,
                "jerome-adeyemi",
                time="16:00",
            ),
            session(
                "Assignment: a five-year refresh budget",
                "2027-09-09",
                2,
                ASYNC,
                "jerome-adeyemi",
                days=14,
            ),
        ],
    },
]

MODULES = FULL_MODULES + SHORT_MODULES


def seed_tracks():
    """Create the two tracks if missing; return them with the number created.

    An existing track gets its schedule and joint sessions only where they are blank.
    """
    created = 0
    tracks = []
    for order, data in enumerate(TRACKS):
        track, was_created = Track.objects.get_or_create(
            slug=data["slug"], defaults={**data, "sort_order": order}
        )
        blank = [f for f in ("schedule", "joint_sessions") if not getattr(track, f)]
        if blank:
            for field in blank:
                setattr(track, field, data[field])
            track.save(update_fields=blank)
        created += was_created
        tracks.append(track)
    return tracks, created


def seed_topic_areas():
    """The twelve topic areas in the program's order; return the number created."""
    created = 0
    for order, (slug, name, description) in enumerate(TOPIC_AREAS):
        _topic, was_created = TopicArea.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )
        created += was_created
    return created


# The Class of 2026's calendar is the 2027 one this much earlier: 50 weeks keeps each
# session on its weekday (Tuesday 9 February 2027 becomes Tuesday 24 February 2026).
# Aware datetimes in one zone shift by wall time, so 10:00 stays 10:00 across DST.
CLASS_UNDER_WAY_SHIFT = datetime.timedelta(weeks=50)
CLASS_UNDER_WAY = 2026


def _sessions(module, faculty, shift=None):
    """The module's sessions of the current class, or with `shift` the class under
    way's (the same calendar `shift` earlier)."""
    rows = []
    for order, data in enumerate(module["sessions"]):
        mode = data["mode"]
        starts_at = data["starts_at"] - (shift or datetime.timedelta(0))
        if mode == ASYNC:
            ends_at = starts_at + datetime.timedelta(days=data["days"], hours=8)
        else:
            ends_at = starts_at + datetime.timedelta(hours=float(data["hours"]))
        link_name = f"{module['slug']}-{order + 1}"
        if shift:
            link_name = f"{module['slug']}-{CLASS_UNDER_WAY}-{order + 1}"
        location = (data["location"] or CHAPEL_HILL) if mode == F2F else ""
        rows.append(
            ModuleSession(
                title=data["title"],
                kind=data["kind"],
                starts_at=starts_at,
                ends_at=ends_at,
                mode=mode,
                location=location,
                meeting_link=(
                    f"https://meet.cecto.example/{link_name}" if mode == SYNC else ""
                ),
                hours=data["hours"],
                faculty=faculty.get(data["faculty"]),
                sort_order=order,
            )
        )
    return rows


def _calendar(module, faculty):
    """Both classes' sessions of a module, in date order."""
    rows = [
        *_sessions(module, faculty, shift=CLASS_UNDER_WAY_SHIFT),
        *_sessions(module, faculty),
    ]
    for order, row in enumerate(rows):
        row.sort_order = order
    return rows


def _add_missing_sessions(page, module, faculty):
    """Give a module seeded before the Class of 2026 was its sessions, published;
    return how many were added. A module with any session of that year is left as
    its editors left it."""
    if page.sessions.filter(starts_at__year__lte=CLASS_UNDER_WAY).exists():
        return 0
    missing = _sessions(module, faculty, shift=CLASS_UNDER_WAY_SHIFT)
    if not missing:
        return 0
    for row in missing:
        page.sessions.add(row)
    page.save_revision().publish()
    return len(missing)


def _body(module):
    if "body" in module:
        return module["body"]
    return [heading("About this module"), text(f"<p>{module['paragraph']}</p>")]


def seed_modules(curriculum_index):
    """A module per entry of MODULES under the curriculum index; return created."""
    topics = {topic.slug: topic for topic in TopicArea.objects.all()}
    tracks = {track.slug: track for track in Track.objects.all()}
    faculty_slugs = {slug for m in MODULES for slug in m["faculty"]}
    faculty_slugs |= {s["faculty"] for m in MODULES for s in m["sessions"]}
    faculty = {p.slug: p for p in Person.objects.filter(slug__in=faculty_slugs)}
    existing = {
        page.slug: page
        for page in ModulePage.objects.child_of(curriculum_index).defer_streamfields()
    }
    created = 0
    for module in MODULES:
        if module["slug"] in existing:
            created += _add_missing_sessions(existing[module["slug"]], module, faculty)
            continue
        modes = {s["mode"] for s in module["sessions"]}
        _page, was_created = upsert_page(
            curriculum_index,
            ModulePage,
            module["slug"],
            title=module["title"],
            intro=module["intro"],
            topic_area=topics[module["topic"]],
            other_topic_areas=[topics[slug] for slug in module["other_topics"]],
            tracks=[tracks[slug] for slug in module["tracks"]],
            contact_hours=Decimal(module["hours"]),
            face_to_face=F2F in modes,
            synchronous_online=SYNC in modes,
            asynchronous_online=ASYNC in modes,
            learning_objectives=bullets(*module["objectives"]),
            competencies="\n".join(module["competencies"]),
            faculty=[faculty[slug] for slug in module["faculty"] if slug in faculty],
            sessions=_calendar(module, faculty),
            resources=module.get("resources", []),
            body=_body(module),
            tagged_items=tag_items(ModulePageTag, module["tags"]),
            search_description=module["intro"][:255],
        )
        created += was_created
    return created


def seed_materials(curriculum_index):
    """A private materials page, with a generated PDF, for each full module."""
    collection = materials_collection()
    created = 0
    for module in FULL_MODULES:
        page = curriculum_index.get_children().filter(slug=module["slug"]).first()
        if page is None:
            continue
        data = module["materials"]
        doc, doc_created = upsert_document(
            f"{data['document']} (participants)",
            f"{module['slug']}-materials.pdf",
            data["paragraphs"],
            collection,
            pdf_title=data["document"],
        )
        materials, page_created = upsert_page(
            page,
            ModuleMaterialsPage,
            "materials",
            title=f"{module['title']}: participant materials",
            listing_title="Participant materials",
            intro=data["intro"],
            body=[
                heading("Before the face-to-face session"),
                text(
                    "<p>Read the document below and bring your notes. These "
                    "materials are for participants, faculty and staff only: "
                    "please do not forward them.</p>"
                ),
                document(doc, data["document"]),
            ],
        )
        restriction = restrict_to_program_groups(materials)
        created += doc_created + page_created + (restriction is not None)
    return created
