"""Demo people: sign-ins, districts, partners, faculty and staff, cohorts and enrollments.

The partners are the program's real partner organizations; every person and every
district is fictional. The graduate counts follow the program's public facts (see
../shared/program/README.md): after 2010-2012 North Carolina had 83 CeCTOs; the Class
of 2012 had 23 technology directors and 2 NCDPI representatives, and 18
superintendents completed Leaders for the 21st Century. Nearly 70 school leaders took
part in the first year.

People in cohorts are made with `bulk_create` (a few hundred rows, so `save()` per row
would dominate the command's run time); their slugs are set here for that reason.
"""

import datetime
import io
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.search.backends import get_search_backends

from demo.base import demo_collection, heading, text, upsert_user
from home.models import ContentPage
from people import roles
from people.choices import EnrollmentStatus, PersonRole, Region
from people.models import LEA, Cohort, Enrollment, PartnerOrganization, Person, Role

# username, first name, last name, what the account is for, superuser
DEMO_USERS = [
    ("admin", "Avery", "Admin", "Site administrator (Wagtail superuser)", True),
    ("director", "Dana", "Whitfield", "Program Director", False),
    ("faculty", "Farrah", "Okafor", "Faculty member", False),
    ("participant", "Parker", "Lindqvist", "Participant, technology director", False),
    ("participant2", "Priya", "Castellanos", "Participant, technology director", False),
    (
        "participant3",
        "Quinn",
        "Abara",
        "Participant, technology director in the Class of 2026 (under way)",
        False,
    ),
    ("superintendent", "Sam", "Eberhardt", "Superintendent", False),
    # demo/alumni.py links her to a Class of 2012 graduate and takes her name.
    (
        "alumna",
        "Alumna",
        "Demo",
        "Graduate (CeCTO Class of 2012), in the refresher cohort",
        False,
    ),
]

# The program groups each demo sign-in belongs to (people/roles.py declares them).
DEMO_USER_GROUPS = {
    "director": [roles.PROGRAM_DIRECTOR, roles.FACULTY],
    "faculty": [roles.FACULTY],
    "participant": [roles.PARTICIPANTS],
    "participant2": [roles.PARTICIPANTS],
    "participant3": [roles.PARTICIPANTS],
    "superintendent": [roles.SUPERINTENDENTS],
    # Graduates stay participants: they read materials and take refresher sessions.
    "alumna": [roles.PARTICIPANTS],
}

CECTO = "cecto-certification"
LEADERS = "leaders-21st-century"

NCDPI = "N.C. Department of Public Instruction"
CPT = "UNC School of Government, Center for Public Technology"
MCNC = "MCNC"

PARTNERS = [
    {
        "name": NCDPI,
        "short_name": "NCDPI",
        "website": "https://www.dpi.nc.gov/",
        "description": (
            "The state education agency. Its technology staff help shape the "
            "curriculum, and some of them complete the certification themselves."
        ),
    },
    {
        "name": CPT,
        "short_name": "Center for Public Technology",
        "website": "https://www.sog.unc.edu/",
        "description": (
            "Designs and teaches the program, building on the Certified Government "
            "CIO program it has run since 2005."
        ),
    },
    {
        "name": MCNC,
        "short_name": "MCNC",
        "website": "https://www.mcnc.org/",
        "description": (
            "The non-profit that runs North Carolina's research and education "
            "network; it hosts face-to-face sessions and supports the program's "
            "vision of change management through technology."
        ),
    },
]

# Fictional districts: plausible North Carolina names that are not real LEAs.
LEAS = [
    ("Alder Creek County Schools", Region.PIEDMONT_TRIAD),
    ("Blue Heron County Schools", Region.NORTHEAST),
    ("Briar Ridge County Schools", Region.WESTERN),
    ("Cypress Landing County Schools", Region.SOUTHEAST),
    ("Dogwood Valley County Schools", Region.NORTH_CENTRAL),
    ("Eastgate City Schools", Region.NORTHEAST),
    ("Falls Branch County Schools", Region.NORTHWEST),
    ("Foxfire County Schools", Region.WESTERN),
    ("Grayson Hollow County Schools", Region.NORTHWEST),
    ("Hollis Mill City Schools", Region.PIEDMONT_TRIAD),
    ("Ironwood County Schools", Region.SOUTHWEST),
    ("Juniper Point County Schools", Region.SOUTHEAST),
    ("Kestrel County Schools", Region.SANDHILLS),
    ("Laurel Fork County Schools", Region.WESTERN),
    ("Longleaf County Schools", Region.SANDHILLS),
    ("Magnolia Bluff City Schools", Region.SOUTHEAST),
    ("Millbrook Valley County Schools", Region.NORTH_CENTRAL),
    ("Oak Summit County Schools", Region.NORTHWEST),
    ("Pine Barrens County Schools", Region.SANDHILLS),
    ("Quarry Hill City Schools", Region.SOUTHWEST),
    ("Red Clay County Schools", Region.PIEDMONT_TRIAD),
    ("Riverbend County Schools", Region.NORTH_CENTRAL),
    ("Sassafras County Schools", Region.WESTERN),
    ("Shoal Creek County Schools", Region.SOUTHWEST),
    ("Sound Haven County Schools", Region.NORTHEAST),
    ("Tidewater County Schools", Region.NORTHEAST),
    ("Weavers Crossing City Schools", Region.PIEDMONT_TRIAD),
    ("Whippoorwill County Schools", Region.SANDHILLS),
    ("Wiregrass County Schools", Region.SOUTHEAST),
    ("Yarrow County Schools", Region.NORTH_CENTRAL),
    ("Chestnut Gap County Schools", Region.WESTERN),
    ("Harbor Pointe City Schools", Region.SOUTHEAST),
]
# Fictional three-digit LEA codes in the state's style, like the districts themselves
# (the roster import finds districts by name or by code).
LEA_CODES = {name: f"{15 + 30 * n:03d}" for n, (name, _region) in enumerate(LEAS)}

# Faculty and program staff, made one by one (a dozen rows). `user` links a demo
# sign-in; `partner` is a key of PARTNERS by name.
STAFF_AND_FACULTY = [
    {
        "first_name": "Dana",
        "last_name": "Whitfield",
        "user": "director",
        "roles": [PersonRole.STAFF, PersonRole.FACULTY],
        "job_title": "Program Director",
        "partner": CPT,
        "bio": (
            "Dana Whitfield directs the CeCTO program at the Center for Public "
            "Technology. Before joining the Center she was chief technology officer "
            "of a mid-sized county school district for eleven years, where she led "
            "its first district-wide technology plan and its move to shared "
            "services. She teaches the program's orientation and joint meetings."
        ),
    },
    {
        "first_name": "Farrah",
        "last_name": "Okafor",
        "user": "faculty",
        "roles": [PersonRole.FACULTY],
        "job_title": "Lecturer in Public Technology Law",
        "partner": CPT,
        "bio": (
            "Farrah Okafor teaches the law of public records, privacy and "
            "procurement to public officials. She advises school boards on student "
            "data privacy under FERPA and COPPA and leads the legal and regulatory "
            "issues module."
        ),
    },
    {
        "first_name": "Marcus",
        "last_name": "Ellery",
        "roles": [PersonRole.FACULTY],
        "job_title": "Adjunct faculty, former county Chief Information Officer",
        "organization": "Ellery Public Sector Advisory",
        "bio": (
            "Marcus Ellery spent twenty years in local government IT, the last eight "
            "as a county CIO, and is a graduate of the Certified Government CIO "
            "program. He teaches IT governance and strategic technology planning "
            "with an emphasis on decision rights and portfolio management."
        ),
    },
    {
        "first_name": "Renata",
        "last_name": "Voss",
        "roles": [PersonRole.FACULTY],
        "job_title": "Adjunct faculty, information security",
        "organization": "Voss Security Partners",
        "bio": (
            "Renata Voss is a former chief information security officer for a state "
            "agency. She runs incident response tabletop exercises for school "
            "districts and teaches the security and risk modules."
        ),
    },
    {
        "first_name": "Theo",
        "last_name": "Blackwood",
        "roles": [PersonRole.FACULTY],
        "job_title": "Director of Client Engagement",
        "partner": MCNC,
        "bio": (
            "Theo Blackwood works with school districts connected to the North "
            "Carolina Research and Education Network. A former high school principal, "
            "he teaches change management and leadership of technology departments."
        ),
    },
    {
        "first_name": "Lucinda",
        "last_name": "Marsh",
        "roles": [PersonRole.FACULTY, PersonRole.STAFF],
        "job_title": "Associate Director, Center for Public Technology",
        "partner": CPT,
        "bio": (
            "Lucinda Marsh is a certified project management professional who has "
            "overseen enterprise system implementations in cities and counties. She "
            "teaches project and acquisition management and coordinates faculty."
        ),
    },
    {
        "first_name": "Jerome",
        "last_name": "Adeyemi",
        "roles": [PersonRole.FACULTY, PersonRole.PARTNER_CONTACT],
        "job_title": "Section Chief, Digital Learning Infrastructure",
        "partner": NCDPI,
        "bio": (
            "Jerome Adeyemi follows school technology funding, from E-Rate to state "
            "allotments, for the Department of Public Instruction. He teaches the "
            "financial trends and emerging trends sessions."
        ),
    },
    {
        "first_name": "Hannah",
        "last_name": "Kowalczyk",
        "roles": [PersonRole.FACULTY],
        "job_title": "Lecturer in Public Communication",
        "partner": CPT,
        "bio": (
            "Hannah Kowalczyk helps public leaders explain complex work to boards, "
            "staff and communities. She teaches the communications module, from "
            "board presentations to crisis communication."
        ),
    },
    {
        "first_name": "Gail",
        "last_name": "Pennington",
        "roles": [PersonRole.STAFF],
        "job_title": "Program Coordinator",
        "partner": CPT,
        "bio": (
            "Gail Pennington is the first contact for districts interested in a "
            "future course: enrollment, schedules and program requirements. Write "
            "to her at cecto@sog.unc.edu or call (919) 555-0142, weekdays from "
            "9 a.m. to 5 p.m."
        ),
    },
    {
        "first_name": "Omar",
        "last_name": "Haddad",
        "roles": [PersonRole.STAFF],
        "job_title": "Program Coordinator, Events and Online Learning",
        "partner": CPT,
        "bio": (
            "Omar Haddad runs the program's face-to-face sessions, the online "
            "classroom and the graduation ceremony."
        ),
    },
]

# Demo sign-ins who are candidates: username -> (LEA, job title, role).
DEMO_PARTICIPANTS = {
    "participant": (
        "Alder Creek County Schools",
        "Chief Technology Officer",
        PersonRole.PARTICIPANT,
    ),
    "participant2": (
        "Blue Heron County Schools",
        "Director of Technology Services",
        PersonRole.PARTICIPANT,
    ),
    "superintendent": (
        "Alder Creek County Schools",
        "Superintendent",
        PersonRole.SUPERINTENDENT,
    ),
    "participant3": (
        "Cypress Landing County Schools",
        "Director of Technology",
        PersonRole.PARTICIPANT,
    ),
}

FIRST_NAMES = [
    "Aaron", "Adele", "Alicia", "Andre", "Angela", "Beatrice", "Benjamin", "Bianca",
    "Calvin", "Carmen", "Cedric", "Clara", "Corinne", "Damon", "Delia", "Derek",
    "Eleanor", "Elliott", "Esther", "Felix", "Fiona", "Gordon", "Grace", "Harold",
    "Helena", "Isaac", "Imani", "Jasper", "Joanna", "Julian", "Keisha", "Kenneth",
    "Lamar", "Leah", "Lionel", "Lorraine", "Malcolm", "Marisol", "Miriam", "Nathan",
    "Nadia", "Oliver", "Opal", "Patrick", "Paulette", "Quentin", "Rachel", "Reginald",
    "Rosalind", "Simone", "Stuart", "Tamara", "Terrence", "Ursula", "Vernon", "Violet",
    "Wallace", "Wendy", "Xavier", "Yvonne", "Zachary", "Zora",
]  # fmt: skip

LAST_NAMES = [
    "Abernathy", "Ashworth", "Barringer", "Bledsoe", "Braswell", "Cagle", "Carrow",
    "Coltrane", "Dellinger", "Dorsett", "Eller", "Farabow", "Faulkner", "Gaddy",
    "Greer", "Hargett", "Honeycutt", "Hollingsworth", "Ingold", "Jernigan", "Joyner",
    "Kearney", "Kiser", "Lassiter", "Ledbetter", "Lowder", "Mabry", "McIver", "Moretz",
    "Nance", "Norwood", "Oakley", "Overcash", "Pegram", "Pressley", "Quackenbush",
    "Rabon", "Redding", "Royster", "Satterfield", "Shumate", "Sizemore", "Tilley",
    "Tolbert", "Upchurch", "Vestal", "Vickers", "Wadsworth", "Whisnant", "Wooten",
    "Yarborough", "Yount", "Zimmerman", "Beasley", "Crisp", "Dameron", "Fincher",
    "Goforth", "Helms", "Isley",
]  # fmt: skip

TECHNOLOGY_TITLES = [
    "Chief Technology Officer",
    "Director of Technology",
    "Executive Director of Technology Services",
    "Director of Instructional Technology",
    "Technology Director",
]
SECOND_TECHNOLOGY_TITLES = [
    "Network Services Manager",
    "Assistant Director of Technology",
    "Coordinator of Technology Infrastructure",
]
NCDPI_TITLES = [
    "Education Technology Consultant",
    "Regional Technology Consultant",
    "IT Project Manager",
]

# Who took part in each cohort. The CeCTO completions add up to the facts:
# 28 + 30 + 25 = 83 through 2012, and 2012 is 23 from LEAs plus 2 from NCDPI.
# The first year (2010) had 31 + 37 = 68 participants: "nearly 70".
COHORTS = [
    # year, track, instruction begins, graduation
    (2010, CECTO, datetime.date(2010, 2, 9), datetime.date(2010, 11, 17)),
    (2010, LEADERS, datetime.date(2010, 2, 9), datetime.date(2010, 11, 17)),
    (2011, CECTO, datetime.date(2011, 2, 8), datetime.date(2011, 11, 16)),
    (2011, LEADERS, datetime.date(2011, 2, 8), datetime.date(2011, 11, 16)),
    (2012, CECTO, datetime.date(2012, 2, 14), datetime.date(2012, 11, 15)),
    (2012, LEADERS, datetime.date(2012, 2, 14), datetime.date(2012, 11, 15)),
    # The current cohort, enrolled ahead of its February start; the session calendar
    # in demo/curriculum.py follows its year.
    (2027, CECTO, datetime.date(2027, 2, 8), datetime.date(2027, 11, 17)),
    (2027, LEADERS, datetime.date(2027, 2, 8), datetime.date(2027, 11, 17)),
    # The class under way (today is late 2026): its sessions are the 2027 calendar
    # 50 weeks earlier (demo/curriculum.py), so attendance can be recorded for the
    # ones already past. It graduates on 2 December 2026.
    (2026, CECTO, datetime.date(2026, 2, 24), datetime.date(2026, 12, 2)),
    (2026, LEADERS, datetime.date(2026, 2, 24), datetime.date(2026, 12, 2)),
]
CURRENT_YEAR = 2027
CLASS_UNDER_WAY = 2026
# The year each demo sign-in's enrollment is in, when not the current cohort's.
DEMO_PARTICIPANT_YEARS = {"participant3": CLASS_UNDER_WAY}

# (year, track): (from LEAs completed, from NCDPI completed, withdrawn, enrolled)
COHORT_MEMBERS = {
    (2010, CECTO): (26, 2, 3, 0),
    (2010, LEADERS): (35, 0, 2, 0),
    (2011, CECTO): (29, 1, 2, 0),
    (2011, LEADERS): (14, 0, 1, 0),
    (2012, CECTO): (23, 2, 1, 0),
    (2012, LEADERS): (18, 0, 1, 0),
    # The demo sign-ins are added to the current cohorts as well.
    (CURRENT_YEAR, CECTO): (0, 0, 0, 12),
    (CURRENT_YEAR, LEADERS): (0, 0, 0, 5),
    # Last, so the names drawn for the cohorts above stay the same.
    (CLASS_UNDER_WAY, CECTO): (0, 0, 1, 10),
    (CLASS_UNDER_WAY, LEADERS): (0, 0, 0, 4),
}


def seed_users():
    """Create or refresh the demo users and their groups; return (users, created)."""
    created = 0
    users = []
    groups = {group.name: group for group in Group.objects.all()}
    for username, first_name, last_name, _role, superuser in DEMO_USERS:
        user, was_created = upsert_user(
            username,
            email=f"{username}@cecto.example",
            first_name=first_name,
            last_name=last_name,
            password=settings.DEMO_PASSWORD,
            superuser=superuser,
        )
        names = DEMO_USER_GROUPS.get(username, [])
        user.groups.add(*(groups[name] for name in names if name in groups))
        created += was_created
        users.append(user)
    return users, created


def seed_leas_and_partners():
    """The fictional districts and the three partners; return the number created."""
    rng = random.Random(2012)
    created = 0
    existing = set(LEA.objects.values_list("slug", flat=True))
    new_leas = []
    for name, region in LEAS:
        # Drawn for every LEA, so the sizes do not depend on what exists already.
        students = rng.choice([1_800, 3_500, 6_000, 9_500, 14_000, 22_000, 38_000])
        students += rng.randrange(0, 1_500, 10)
        slug = slugify(name)
        if slug not in existing:
            new_leas.append(
                LEA(
                    name=name,
                    slug=slug,
                    region=region,
                    student_count=students,
                    code=LEA_CODES[name],
                )
            )
    LEA.objects.bulk_create(new_leas)
    index_in_bulk(LEA, new_leas)
    created += len(new_leas)
    # Districts seeded before LEAs had codes get theirs.
    uncoded = list(LEA.objects.filter(code="", name__in=LEA_CODES))
    for lea in uncoded:
        lea.code = LEA_CODES[lea.name]
    LEA.objects.bulk_update(uncoded, ["code"])
    for order, data in enumerate(PARTNERS):
        partner, was_created = PartnerOrganization.objects.get_or_create(
            name=data["name"], defaults={**data, "sort_order": order}
        )
        if partner.logo_id is None:
            partner.logo = upsert_partner_logo(partner, order)
            partner.save(update_fields=["logo"])
        created += was_created
    fill_partners_page()
    return created


LOGO_COLOURS = [("#1a4480", "#ffbe2e"), ("#13294b", "#7bafd4"), ("#00594c", "#f2f2f2")]


def draw_logo(label, order):
    """A wordmark for a demo partner: its short name on a band of its colour, drawn
    offline with Pillow's own font (no file to download)."""
    background, accent = LOGO_COLOURS[order % len(LOGO_COLOURS)]
    image = PILImage.new("RGB", (480, 240), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([8, 8, 472, 232], radius=24, fill=background)
    draw.rectangle([8, 196, 472, 208], fill=accent)
    words = label if len(label) <= 12 else "\n".join(label.rsplit(" ", 1))
    size = 72 if len(label) <= 12 else 40
    font = ImageFont.load_default(size=size)
    draw.multiline_text(
        (240, 110), words, fill="#ffffff", font=font, anchor="mm", align="center"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer


def upsert_partner_logo(partner, order):
    """The partner's demo logo image, drawn on first use."""
    title = f"{partner.short_name or partner.name} logo"
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = image_model(
        title=title,
        description=f"The logo of {partner.name}.",
        collection=demo_collection(),
    )
    image.file = ImageFile(
        draw_logo(partner.short_name or partner.name, order),
        name=f"partner-{slugify(partner.short_name or partner.name)}.png",
    )
    image.save()
    return image


def fill_partners_page():
    """/partners/: each partner's logo, what it does and a link to its website,
    once the partner records exist (the page is seeded before them)."""
    page = ContentPage.objects.filter(slug="partners").first()
    if page is None or any(b.block_type == "image" for b in page.body):
        return
    body = [
        text(
            "<p>CeCTO is offered through a partnership of three North Carolina "
            "institutions.</p>"
        )
    ]
    for partner in PartnerOrganization.objects.select_related("logo"):
        body.append(heading(partner.name))
        if partner.logo is not None:
            body.append(
                (
                    "image",
                    {
                        "image": {
                            "image": partner.logo,
                            "alt_text": f"{partner.short_name or partner.name} logo",
                            "decorative": False,
                        },
                        "caption": "",
                    },
                )
            )
        body.append(
            text(
                f"<p>{escape(partner.description)}</p>"
                f'<p><a href="{escape(partner.website)}">Visit the website of '
                f"{escape(partner.name)}</a></p>"
            )
        )
    page.body = body
    page.save_revision().publish()


def index_in_bulk(model, objects):
    """Add rows made with bulk_create to the search index (no signals fire for them)."""
    if not objects:
        return
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, objects)


def seed_staff_and_faculty():
    """Faculty and staff, and the demo sign-ins' person records; return created."""
    created = 0
    partners = {p.name: p for p in PartnerOrganization.objects.all()}
    role_rows = {role.slug: role for role in Role.objects.all()}
    users = {user.username: user for user in _demo_users()}
    for data in STAFF_AND_FACULTY:
        username = data.get("user")
        person = _existing_person(
            users.get(username), data["first_name"], data["last_name"]
        )
        if person is not None:
            continue
        person = Person(
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
            partner=partners.get(data.get("partner")),
            organization=data.get("organization", ""),
            bio=data["bio"],
            email=_email(data["first_name"], data["last_name"], "cecto.example"),
            user=users.get(username),
            is_public=True,
            roles=[role_rows[slug] for slug in data["roles"]],
        )
        person.save()
        created += 1
    leas = {lea.name: lea for lea in LEA.objects.all()}
    for username, (lea_name, job_title, role) in DEMO_PARTICIPANTS.items():
        user = users[username]
        if _existing_person(user, user.first_name, user.last_name) is not None:
            continue
        lea = leas[lea_name]
        person = Person(
            first_name=user.first_name,
            last_name=user.last_name,
            job_title=job_title,
            lea=lea,
            email=_email(user.first_name, user.last_name, f"{lea.slug}.example"),
            user=user,
            roles=[role_rows[role]],
        )
        person.save()
        created += 1
    return created


def _demo_users():
    usernames = [username for username, *_rest in DEMO_USERS]
    return get_user_model().objects.filter(username__in=usernames)


def _existing_person(user, first_name, last_name):
    """The person record of a demo sign-in or a named faculty member, if made already."""
    if user is not None:
        person = Person.objects.filter(user=user).first()
        if person is not None:
            return person
    return Person.objects.filter(slug=slugify(f"{first_name} {last_name}")).first()


def _email(first_name, last_name, domain):
    return f"{slugify(first_name)}.{slugify(last_name)}@{domain}"


def generated_names(count):
    """`count` unique fictional names, the same ones on every run."""
    rng = random.Random(2012)
    reserved = {(d["first_name"], d["last_name"]) for d in STAFF_AND_FACULTY}
    reserved |= {(first, last) for _u, first, last, _r, _s in DEMO_USERS}
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    return [pair for pair in pairs if pair not in reserved][:count]


def cohort_plan():
    """Every generated cohort member: a dict per enrollment, in a fixed order.

    Technology directors in one CeCTO year come from different districts; a few
    districts send a second leader to Leaders for the 21st Century in 2010.
    """
    rng = random.Random(2012)
    total = sum(sum(counts) for counts in COHORT_MEMBERS.values())
    names = iter(generated_names(total))
    lea_names = [name for name, _region in LEAS]
    # The demo sign-ins' districts are not given a second candidate in their class.
    demo_leas = {}
    for username, (lea, _title, _role) in DEMO_PARTICIPANTS.items():
        year = DEMO_PARTICIPANT_YEARS.get(username, CURRENT_YEAR)
        demo_leas.setdefault(year, set()).add(lea)
    plan = []
    for (year, track), counts in COHORT_MEMBERS.items():
        from_leas, from_ncdpi, withdrawn, enrolled = counts
        pool = [n for n in lea_names if n not in demo_leas.get(year, ())]
        rng.shuffle(pool)
        lea_seats = from_leas + withdrawn + enrolled
        statuses = (
            [EnrollmentStatus.COMPLETED] * from_leas
            + [EnrollmentStatus.WITHDRAWN] * withdrawn
            + [EnrollmentStatus.ENROLLED] * enrolled
        )
        rng.shuffle(statuses)
        for seat in range(lea_seats):
            first, last = next(names)
            second = seat >= len(pool)
            lea = pool[seat % len(pool)]
            if track == CECTO:
                titles = SECOND_TECHNOLOGY_TITLES if second else TECHNOLOGY_TITLES
                role = PersonRole.PARTICIPANT
            else:
                titles = ["Deputy Superintendent"] if second else ["Superintendent"]
                role = PersonRole.SUPERINTENDENT
            status = statuses[seat]
            plan.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "lea": lea,
                    "partner": None,
                    "job_title": rng.choice(titles),
                    "role": role,
                    "year": year,
                    "track": track,
                    "status": status,
                    # Most graduates list themselves on the roster; a few do not.
                    "is_public": status == EnrollmentStatus.COMPLETED
                    and rng.random() > 0.12,
                }
            )
        for _seat in range(from_ncdpi):
            first, last = next(names)
            plan.append(
                {
                    "first_name": first,
                    "last_name": last,
                    "lea": None,
                    "partner": NCDPI,
                    "job_title": rng.choice(NCDPI_TITLES),
                    "role": PersonRole.PARTICIPANT,
                    "year": year,
                    "track": track,
                    "status": EnrollmentStatus.COMPLETED,
                    "is_public": True,
                }
            )
    return plan


def seed_cohorts_and_enrollments(tracks):
    """Cohorts 2010-2012, the class under way and the current one, their members
    and enrollments.

    `tracks` maps track slugs to Track rows (people does not import curriculum).
    Returns the number of cohorts, people, role links and enrollments created.
    """
    created = 0
    cohorts = {}
    for year, track_slug, starts_on, ends_on in COHORTS:
        cohort, was_created = Cohort.objects.get_or_create(
            year=year,
            track=tracks[track_slug],
            defaults={"starts_on": starts_on, "ends_on": ends_on},
        )
        cohorts[year, track_slug] = cohort
        created += was_created
    plan = cohort_plan()
    people, people_created = _create_people(plan)
    plan += _demo_candidates(people)
    return (
        created
        + people_created
        + _link_roles(plan, people)
        + _enroll(plan, people, cohorts)
    )


def _create_people(plan):
    """The planned people who are missing, in one query; return (by slug, created)."""
    for row in plan:
        row["slug"] = slugify(f"{row['first_name']} {row['last_name']}")
    slugs = [row["slug"] for row in plan]
    existing = set(Person.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    leas = {lea.name: lea for lea in LEA.objects.all()}
    partners = {p.name: p for p in PartnerOrganization.objects.all()}
    new_people = []
    for row in plan:
        if row["slug"] in existing:
            continue
        domain = f"{slugify(row['lea'])}.example" if row["lea"] else "dpi.nc.example"
        new_people.append(
            Person(
                first_name=row["first_name"],
                last_name=row["last_name"],
                slug=row["slug"],
                job_title=row["job_title"],
                lea=leas.get(row["lea"]),
                partner=partners.get(row["partner"]),
                email=_email(row["first_name"], row["last_name"], domain),
                is_public=row["is_public"],
            )
        )
    Person.objects.bulk_create(new_people)
    index_in_bulk(Person, new_people)
    people = {p.slug: p for p in Person.objects.filter(slug__in=slugs)}
    return people, len(new_people)


def _demo_candidates(people):
    """Plan rows for the demo sign-ins in their cohorts (the current one unless
    DEMO_PARTICIPANT_YEARS says otherwise); adds them to `people`."""
    rows = []
    for username, (_lea, _title, role) in DEMO_PARTICIPANTS.items():
        person = Person.objects.filter(user__username=username).first()
        if person is None:
            continue
        people[person.slug] = person
        rows.append(
            {
                "slug": person.slug,
                "role": role,
                "year": DEMO_PARTICIPANT_YEARS.get(username, CURRENT_YEAR),
                "track": CECTO if role == PersonRole.PARTICIPANT else LEADERS,
                "status": EnrollmentStatus.ENROLLED,
            }
        )
    return rows


def _link_roles(plan, people):
    """Each planned person's role, in one query; return the number of links made."""
    role_rows = {role.slug: role for role in Role.objects.all()}
    through = Person.roles.through
    existing = set(
        through.objects.filter(person__in=people.values()).values_list(
            "person_id", "role_id"
        )
    )
    wanted = {(people[row["slug"]].pk, role_rows[row["role"]].pk) for row in plan}
    new_links = [
        through(person_id=person_id, role_id=role_id)
        for person_id, role_id in sorted(wanted - existing)
    ]
    through.objects.bulk_create(new_links)
    return len(new_links)


def _enroll(plan, people, cohorts):
    """The planned enrollments that are missing; return how many were made."""
    existing = set(
        Enrollment.objects.filter(person__in=people.values()).values_list(
            "person_id", "cohort_id"
        )
    )
    new_enrollments = []
    for row in plan:
        person = people[row["slug"]]
        cohort = cohorts[row["year"], row["track"]]
        if (person.pk, cohort.pk) in existing:
            continue
        completed = row["status"] == EnrollmentStatus.COMPLETED
        new_enrollments.append(
            Enrollment(
                person=person,
                cohort=cohort,
                status=row["status"],
                completed_on=cohort.ends_on if completed else None,
            )
        )
    Enrollment.objects.bulk_create(new_enrollments)
    return len(new_enrollments)
