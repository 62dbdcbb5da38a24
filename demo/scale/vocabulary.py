"""The vocabulary of the scale data set: the program's words, as data.

Topic keys are the demo's twelve core competencies (demo/curriculum.py). Facts and
words follow ../shared/program/ and the demo content: LEAs, E-Rate, joint sessions,
candidates and CeCTOs. Every district, person and organization here is fictional.
`demo.scale.RARE_WORD` appears nowhere here; `COMMON_WORD` appears often.
"""

# Topic slugs are the demo's twelve core competencies (demo/curriculum.py).
# For each: practices (for best-practice titles), challenges (for case-study titles),
# concepts (objectives and competencies), problems, steps and results (sentences).
TOPICS = {
    "strategic-technology-planning": {
        "practices": [
            "three-year technology plan",
            "planning calendar tied to the budget cycle",
            "school-by-school technology inventory",
            "plan-on-a-page",
            "annual technology survey",
            "strategic plan dashboard",
        ],
        "challenges": [
            "Rewriting the technology plan",
            "Aligning technology with the strategic plan",
            "Planning after a leadership change",
        ],
        "concepts": [
            "the district's strategic goals",
            "a multi-year technology roadmap",
            "priorities, costs and measures",
            "the annual planning calendar",
        ],
        "problems": [
            "Our technology plan was a binder on a shelf: written for a state "
            "deadline and never opened again.",
            "Every department had its own list of technology wishes, and none of "
            "them matched the district's strategic plan.",
            "Principals learned about new systems when the boxes arrived at their "
            "schools.",
        ],
        "steps": [
            "Mapped each goal of the strategic plan to the systems that support it.",
            "Held listening sessions with principals in every region of the district.",
            "Cut the plan to the five priorities the cabinet could fund.",
            "Put a cost and a measure beside every priority.",
            "Published a one-page summary for staff and families.",
        ],
        "results": [
            "The board adopted the plan with the budget for the first time.",
            "Principals now bring requests that fit the plan's priorities.",
            "The plan is reviewed every spring instead of every five years.",
        ],
    },
    "it-governance": {
        "practices": [
            "technology governance committee",
            "project intake form",
            "decision-rights map",
            "data governance council",
            "application approval process",
            "governance charter",
        ],
        "challenges": [
            "Building technology governance",
            "Untangling decision rights",
            "Bringing order to application requests",
        ],
        "concepts": [
            "IT governance and IT management",
            "decision rights for technology investments",
            "a governance committee charter",
            "portfolio management",
        ],
        "problems": [
            "Requests for new applications reached us by e-mail, phone and hallway "
            "conversation, and nobody could say which had been approved.",
            "Three schools bought three different interactive displays in the same "
            "year, and the help desk supported all of them.",
            "Decisions about technology were made by whoever asked loudest, and the "
            "governance we had existed only on paper.",
        ],
        "steps": [
            "Wrote a governance charter the superintendent signed.",
            "Invited principals, finance and curriculum leaders to the governance "
            "committee.",
            "Published a single intake form for every technology request.",
            "Ranked the project portfolio against the strategic plan each quarter.",
            "Reported governance decisions to the board every semester.",
        ],
        "results": [
            "Duplicate purchases stopped within a year, and the committee's "
            "governance decisions are now published for every school to see.",
            "The technology director no longer says no alone: the governance "
            "committee decides together.",
            "Projects approved through governance finished closer to budget than "
            "those approved before it.",
        ],
    },
    "communications": {
        "practices": [
            "board briefing template",
            "outage message kit",
            "monthly technology newsletter",
            "family technology night",
            "plain-language status page",
            "principal update",
        ],
        "challenges": [
            "Explaining a network outage",
            "Winning the board's support",
            "Talking to families about student data",
        ],
        "concepts": [
            "board presentations",
            "crisis communication",
            "messages for families and staff",
            "reporting results in plain language",
        ],
        "problems": [
            "Board members heard about technology only when something broke.",
            "During outages, schools called the help desk because nobody told them "
            "what was happening.",
            "Families did not know which applications their children used or why.",
        ],
        "steps": [
            "Drafted outage messages in advance, in English and Spanish.",
            "Gave the board a five-minute technology update at every work session.",
            "Sent principals a short monthly note on what was changing and when.",
            "Trained the help desk to post status updates every thirty minutes.",
        ],
        "results": [
            "Calls to the help desk during outages fell by half.",
            "Board members now ask about the technology plan before budget season.",
            "Parent complaints about surprise applications all but disappeared.",
        ],
    },
    "project-management": {
        "practices": [
            "project charter template",
            "status report that tells the truth",
            "school-calendar blackout schedule",
            "lessons-learned review",
            "project sponsor agreement",
            "two-week planning sprint",
        ],
        "challenges": [
            "Converting the student information system",
            "A wireless refresh in twelve schools",
            "An ERP implementation that slipped",
        ],
        "concepts": [
            "project charters and scope",
            "schedules around the school calendar",
            "honest status reporting",
            "closing a project well",
        ],
        "problems": [
            "Projects started without a sponsor and stalled when priorities changed.",
            "Every schedule ignored testing windows, and every project slipped into "
            "the first weeks of school.",
            "Status reports were always green until the week a project failed.",
        ],
        "steps": [
            "Required a one-page charter, signed by a sponsor, for every project.",
            "Built schedules around the testing windows and the first weeks of school.",
            "Reported status as green, amber or red with one sentence of reason.",
            "Held a lessons-learned review at the end of every project.",
        ],
        "results": [
            "Nine of ten projects the next year finished within two weeks of plan.",
            "Sponsors now stop projects early instead of letting them drift.",
            "The lessons-learned file is read at the start of every new project.",
        ],
    },
    "emerging-trends": {
        "practices": [
            "pilot proposal form",
            "emerging technology watch list",
            "classroom pilot with an exit plan",
            "student technology advisory panel",
            "generative AI guidance for teachers",
            "vendor demonstration day",
        ],
        "challenges": [
            "Piloting generative AI in classrooms",
            "Deciding about a new learning platform",
            "Testing private LTE for rural students",
        ],
        "concepts": [
            "judging emerging technologies",
            "pilots with clear measures and an exit",
            "generative AI in teaching and learning",
            "technology scanning",
        ],
        "problems": [
            "Vendors reached teachers before the district had a view on new tools.",
            "Pilots never ended: every trial became a permanent, unsupported system.",
            "Teachers asked for guidance on generative AI, and we had none to give.",
        ],
        "steps": [
            "Kept a short watch list of technologies the district might need.",
            "Required every pilot to name its measures and its end date.",
            "Asked a panel of students what they already used and why.",
            "Published guidance for teachers and revised it each semester.",
        ],
        "results": [
            "Two pilots were stopped on schedule, saving their licence costs.",
            "Teachers now ask the district before signing up for new tools.",
            "The guidance is used by three neighbouring districts.",
        ],
    },
    "risk-assessment-and-management": {
        "practices": [
            "risk register",
            "continuity plan for critical services",
            "backup restore drill",
            "top-five risk briefing",
            "vendor risk review",
            "tabletop exercise",
        ],
        "challenges": [
            "A hurricane and the data center",
            "Recovering from a failed backup",
            "Losing a key vendor mid-year",
        ],
        "concepts": [
            "risk identification and rating",
            "business continuity and disaster recovery",
            "third-party and vendor risk",
            "risk treatment: avoid, reduce, transfer or accept",
        ],
        "problems": [
            "Our risks lived in the director's head, so nobody else had accepted them.",
            "We had backups but had never restored a whole system from them.",
            "A storm closed the central office for a week, and payroll nearly stopped.",
        ],
        "steps": [
            "Listed the district's technology risks with a likelihood and an impact.",
            "Chose a response for every risk and an owner for every response.",
            "Restored one critical system from backup every quarter.",
            "Briefed the cabinet on the top five risks twice a year.",
        ],
        "results": [
            "The cabinet funded two of the top five risk responses in one budget.",
            "A restore that once took three days now takes four hours.",
            "When the next storm came, payroll ran from the backup site.",
        ],
    },
    "acquisition-management": {
        "practices": [
            "specification checklist",
            "E-Rate bid calendar",
            "contract service-level review",
            "cooperative purchasing guide",
            "bid evaluation rubric",
            "vendor performance scorecard",
        ],
        "challenges": [
            "An E-Rate audit",
            "Buying seven thousand laptops",
            "Renegotiating a failing contract",
        ],
        "concepts": [
            "specifications that invite competition",
            "E-Rate competitive bidding",
            "North Carolina purchasing rules",
            "contract and vendor management",
        ],
        "problems": [
            "Specifications were copied from a vendor's brochure, so only that vendor "
            "could bid.",
            "We missed an E-Rate filing window and lost a year of discounts.",
            "Nobody checked whether vendors met the service levels we paid for.",
        ],
        "steps": [
            "Kept an E-Rate calendar with every window and a named owner.",
            "Wrote specifications around needs, not products.",
            "Scored every bid with a rubric agreed before the bids opened.",
            "Met each major vendor quarterly to review service levels.",
        ],
        "results": [
            "Four vendors bid on the next wireless refresh instead of one.",
            "The district has not missed an E-Rate window since.",
            "Service credits from one contract paid for a year of training.",
        ],
    },
    "change-management": {
        "practices": [
            "teacher leader network",
            "change readiness survey",
            "adoption dashboard",
            "coaching circle for principals",
            "pilot-school rollout",
            "training passport",
        ],
        "challenges": [
            "A one-to-one device rollout",
            "Moving to a new learning management system",
            "Changing how the help desk works",
        ],
        "concepts": [
            "the people side of technology change",
            "adoption measures",
            "resistance and how to work with it",
            "sustaining a change after launch",
        ],
        "problems": [
            "New systems launched on time and were still unused a year later.",
            "Teachers heard about changes in August and had no time to prepare.",
            "Training was a single afternoon that nobody remembered by October.",
        ],
        "steps": [
            "Named a teacher leader in every school and paid for two summer weeks.",
            "Started with three pilot schools before the district-wide rollout.",
            "Reported adoption figures to principals every month.",
            "Replaced one-off training with short sessions across the year.",
        ],
        "results": [
            "Weekly use rose from a third of teachers to four in five by spring.",
            "Pilot schools became the trainers for the rest of the district.",
            "The next rollout needed half the help desk calls of the last one.",
        ],
    },
    "leadership": {
        "practices": [
            "cabinet briefing",
            "succession plan",
            "360-degree review",
            "service catalogue",
            "staff development plan",
            "goal-setting retreat",
        ],
        "challenges": [
            "Leading a department through budget cuts",
            "A new superintendent and an old plan",
            "From technical expert to district leader",
        ],
        "concepts": [
            "transformational leadership in K-12 education",
            "leading a technology department",
            "working with the superintendent's cabinet",
            "developing staff and succession",
        ],
        "problems": [
            "The technology director reported to finance and learned of academic "
            "decisions after they were made.",
            "Two of our most experienced staff planned to retire, and nobody knew "
            "their systems.",
            "The department was organized around devices, not the services schools "
            "need.",
        ],
        "steps": [
            "Asked for a standing place on the superintendent's cabinet agenda.",
            "Paired every senior engineer with a junior colleague for a year.",
            "Published a catalogue of the services the department provides.",
            "Set three shared goals with the superintendent each summer.",
        ],
        "results": [
            "Technology is now discussed when academic plans are made, not after.",
            "Both retirements passed without a single outage.",
            "Principals describe the department as a partner, not a help desk.",
        ],
    },
    "security": {
        "practices": [
            "phishing exercise",
            "incident response call list",
            "multi-factor sign-in rollout",
            "privileged account review",
            "vendor security questionnaire",
            "patch calendar",
        ],
        "challenges": [
            "Ransomware on a Monday morning",
            "A phishing attack on payroll",
            "Securing student devices at home",
        ],
        "concepts": [
            "security controls a district can afford",
            "incident response",
            "phishing and ransomware",
            "identity and multi-factor authentication",
        ],
        "problems": [
            "Our incident plan was forty pages long, and nobody could find the "
            "insurer's number when we needed it.",
            "One in four staff clicked the link in our first phishing test.",
            "Administrator passwords were shared across the department and never "
            "changed.",
        ],
        "steps": [
            "Put everyone to call in the first hour of an incident on one page.",
            "Ran short, friendly phishing exercises every month.",
            "Turned on multi-factor sign-in for staff, starting with finance.",
            "Reviewed privileged accounts every quarter with the cabinet's support.",
        ],
        "results": [
            "Click rates on phishing exercises fell below five per cent.",
            "During a real incident, the first five calls were made in twenty minutes.",
            "Our cyber insurance premium fell at the next renewal.",
        ],
    },
    "legal-and-regulatory-issues": {
        "practices": [
            "student data privacy agreement",
            "public records request workflow",
            "application vetting checklist",
            "CIPA filtering review",
            "records retention schedule",
            "accessibility review for new applications",
        ],
        "challenges": [
            "A vendor and a student data breach",
            "Answering a public records request",
            "Making every application accessible",
        ],
        "concepts": [
            "FERPA, COPPA and CIPA",
            "public records law",
            "data privacy agreements",
            "accessibility obligations",
        ],
        "problems": [
            "Teachers signed up for free applications that shared student data with "
            "advertisers.",
            "A public records request for e-mail took six weeks to answer.",
            "Nobody checked whether new applications worked with screen readers.",
        ],
        "steps": [
            "Required a signed privacy agreement before any application holds "
            "student data.",
            "Published the list of approved applications for families.",
            "Wrote a workflow for records requests with the district's attorney.",
            "Added an accessibility check to every purchase.",
        ],
        "results": [
            "Every application that holds student data now has a signed agreement.",
            "Records requests are answered within the time the law allows.",
            "Two inaccessible products were replaced before they reached classrooms.",
        ],
    },
    "financial-trends": {
        "practices": [
            "five-year device refresh budget",
            "total cost of ownership worksheet",
            "grant calendar",
            "technology budget review with finance",
            "licence clean-up",
            "E-Rate savings report",
        ],
        "challenges": [
            "When the ESSER funds ran out",
            "Funding a device refresh",
            "Cutting licence costs by a third",
        ],
        "concepts": [
            "the district technology budget",
            "total cost of ownership",
            "E-Rate and state allotments",
            "sustainable refresh cycles",
        ],
        "problems": [
            "Devices bought with one-time funds all reached the end of their life in "
            "the same year.",
            "We paid for hundreds of licences nobody had used in a year.",
            "The technology budget was a single line that nobody outside finance "
            "understood.",
        ],
        "steps": [
            "Built a five-year refresh budget with finance and the board.",
            "Compared licences bought with licences used every spring.",
            "Split the technology budget into services the cabinet recognises.",
            "Tracked every grant deadline on a shared calendar.",
        ],
        "results": [
            "The refresh is now a recurring line in the budget, not a crisis.",
            "Licence clean-up saved enough to fund a new position.",
            "Board members can explain the technology budget to the county commission.",
        ],
    },
}

TOPIC_SLUGS = list(TOPICS)

# Sentences any practice or case may draw on; some mention the common word.
GENERIC_OPENINGS = [
    "We are a {size} district of about {students:,} students.",
    "The practice began in our {region} district as a small experiment.",
    "It started with a question from a principal at a cabinet meeting.",
    "Our technology department has {staff} people and supports {schools} schools.",
    "The idea came from a joint session of the CeCTO program.",
]
GENERIC_SENTENCES = [
    "We brought the question to the district's technology governance committee "
    "before spending anything.",
    "The superintendent sponsored the work from the start.",
    "Candidates in our CeCTO cohort reviewed an early draft at the final joint "
    "meeting.",
    "The work fit the district's governance model, so approval took weeks, not months.",
    "Principals helped us test every step in their own schools.",
    "We kept the paperwork to a single page wherever we could.",
    "Nothing here needed new software; it needed a decision and a habit.",
    "Finance, curriculum and operations each had a seat at the table.",
    "We reported progress to the board at the end of each semester.",
    "The first version was rough, and we said so.",
    "Other LEAs in our region have since adopted the same approach.",
    "Good governance turned a good idea into a lasting practice.",
]
LESSONS = [
    "Start small, with one school or one department, and measure from day one.",
    "Ask the superintendent to sponsor the work in public.",
    "Write it down on one page: long documents go unread.",
    "Budget for the people side, not only the technology.",
    "Agree who decides before you ask anyone to decide.",
    "Review the practice every year, or it quietly stops.",
    "Share what did not work; the next district will thank you.",
    "Keep the board informed before it has to ask.",
]
QUESTIONS = [
    "What should the board have been asked to approve, and when?",
    "How would you measure whether this worked in your own LEA?",
    "Which risks did the district accept, and were they the right ones?",
    "Who should have been in the room that was not?",
    "What would you do differently with half the budget?",
    "How would you explain this decision to families?",
    "Where does this decision sit in your district's governance?",
    "Which part of this approach would not transfer to a smaller district?",
]
AUDIENCES = [
    "principals",
    "the board of education",
    "central office staff",
    "school front offices",
    "new teachers",
    "families",
    "media coordinators",
    "the finance office",
    "instructional coaches",
    "the superintendent's cabinet",
    "school nutrition staff",
    "transportation staff",
    "substitute teachers",
    "student help desk interns",
    "rural schools",
    "the whole district",
]
ADJECTIVES = [
    "one-page",
    "monthly",
    "quarterly",
    "shared",
    "plain-language",
    "low-cost",
    "district-wide",
    "student-led",
    "regional",
    "simple",
    "standing",
    "lightweight",
    "annual",
    "weekly",
    "two-week",
    "open",
]
TITLE_PATTERNS = [
    "{article} {adjective} {practice} for {audience}",
    "How {audience} shaped our {practice}",
    "{article_cap} {practice} in {weeks} weeks",
    "Building {article} {adjective} {practice}",
    "{article_cap} {practice} that {audience} actually use",
    "Starting {article} {adjective} {practice} with {audience}",
]
CASE_ANGLES = [
    "the first seventy-two hours",
    "what the board asked",
    "two years on",
    "a budget that held",
    "lessons for smaller districts",
    "from pilot to practice",
    "getting teachers on board",
    "what we would change",
    "a superintendent's view",
    "the technology director's year",
]
OBJECTIVES = [
    "Explain {concept} to colleagues in their own LEA.",
    "Assess {concept} in their own district.",
    "Lead work on {concept} with their cabinet.",
    "Compare approaches to {concept} across North Carolina LEAs.",
]
CLOSING_OBJECTIVES = [
    "Present a one-page plan to their superintendent.",
    "Give and receive structured feedback from their cohort.",
    "Set one measurable goal for the year after graduation.",
    "Write the outline of a best practice for the final joint meeting.",
]
MODULE_SUBTITLES = [
    "foundations",
    "in practice",
    "for superintendents",
    "case clinic",
    "advanced workshop",
    "tools and templates",
    "leading the change",
    "measuring results",
    "working with the board",
    "budget and planning",
    "working with vendors",
    "a practicum",
    "regional seminar",
    "online intensive",
    "peer review studio",
]
SIZES = ["small", "mid-sized", "growing", "large", "rural", "coastal", "mountain"]
REGIONS = [
    "northeast",
    "southeast",
    "north central",
    "Sandhills",
    "Piedmont-Triad",
    "southwest",
    "northwest",
    "western",
]
QUOTE_ROLES = [
    "Chief Technology Officer",
    "Director of Technology",
    "Superintendent",
    "Principal",
    "Network Services Manager",
    "Chief Academic Officer",
]
FACULTY_ORGANIZATIONS = [
    "Piedmont Public Sector Advisory",
    "Tar River Technology Partners",
    "Blue Ridge Education Consulting",
    "Coastal Plain Security Group",
    "Research Triangle Leadership Institute",
]
FACULTY_CAREERS = [
    "spent twenty years in local government IT, the last eight as a county CIO",
    "was chief technology officer of a mid-sized county school district",
    "led information security for a state agency",
    "taught high school mathematics before moving into district technology",
    "managed enterprise system projects for cities and counties",
    "advised school boards on student data privacy",
]
SESSION_LOCATIONS = [
    "UNC School of Government, Knapp-Sanders Building, Chapel Hill",
    "MCNC, Research Triangle Park",
    "Regional education service center, Greenville",
    "Regional education service center, Hickory",
    "Community college conference center, Fayetteville",
]
IMAGE_SUBJECTS = [
    "Network closet",
    "Board work session",
    "Classroom devices",
    "Joint session",
    "Graduation ceremony",
    "Help desk",
    "Data center",
    "Professional learning day",
    "School media center",
    "Wireless survey",
    "Cabinet retreat",
    "Family technology night",
]
COLOUR_NAMES = ["blue", "teal", "gold", "green", "violet", "slate", "orange"]

# Tags: the demo's tags first (so tag pages mix demo and scale content), then more.
TAGS = [
    "governance", "board communication", "strategic planning", "risk management",
    "disaster recovery", "cybersecurity", "incident response", "project management",
    "ERP", "emerging technology", "procurement", "E-Rate", "leadership",
    "change leadership", "budgeting", "one-to-one devices", "student data privacy",
    "FERPA", "COPPA", "CIPA", "accessibility", "public records", "phishing",
    "ransomware", "multi-factor authentication", "backups", "business continuity",
    "vendor management", "contracts", "licensing", "total cost of ownership",
    "device refresh", "grants", "ESSER", "broadband", "wireless",
    "network infrastructure", "cloud services", "identity management", "rostering",
    "learning management system", "student information system", "data governance",
    "data dashboards", "help desk", "service management", "professional learning",
    "teacher leaders", "instructional technology", "generative AI", "pilots",
    "rural districts", "small districts", "large districts", "family engagement",
    "crisis communication", "board relations", "cabinet", "succession planning",
    "staffing", "mentoring", "policy", "records retention", "content filtering",
    "digital citizenship", "assistive technology", "classroom technology",
    "interactive displays", "device management", "printing", "telephony",
    "school safety", "cameras", "physical security", "transportation technology",
    "school nutrition", "finance systems", "payroll", "human resources systems",
    "testing", "state reporting", "NCDPI", "MCNC", "NCREN",
    "regional collaboration", "shared services", "open source", "procurement rules",
    "cooperative purchasing", "audits", "insurance", "tabletop exercises",
    "patching", "asset management", "inventory", "energy savings",
    "hurricane preparedness", "remote learning", "hybrid learning", "hotspots",
    "home internet", "digital equity", "community partners",
    "workforce development", "student interns", "career and technical education",
    "esports", "makerspaces", "STEM", "literacy", "special education",
    "English learners", "early college", "virtual academy", "summer projects",
    "school opening", "calendar planning", "metrics", "surveys",
    "continuous improvement", "lean", "agile", "portfolio management",
    "intake process", "architecture", "standards", "interoperability",
    "single sign-on", "data warehouse", "analytics", "machine learning", "chatbots",
    "AI policy", "vendor security", "third-party risk", "privacy agreements",
    "parent portal", "website", "social media", "newsletters", "storytelling",
]  # fmt: skip

# Names for generated people: fictional first names, initials and surnames.
FIRST_NAMES = [
    "Abigail", "Adrian", "Alma", "Alonzo", "Amara", "Ansel", "Arlene", "Augustus",
    "Bennett", "Bernadette", "Brooks", "Callie", "Cassius", "Celeste", "Cyrus",
    "Darnell", "Deirdre", "Desmond", "Dolores", "Easton", "Edith", "Emmett",
    "Estelle", "Everett", "Florence", "Forrest", "Genevieve", "Gideon", "Gloria",
    "Hazel", "Hollis", "Ingrid", "Irving", "Jolene", "Josiah", "Juniper", "Kendrick",
    "Lacey", "Lorenzo", "Lucille", "Mabel", "Marcel", "Mavis", "Millard", "Nell",
    "Nolan", "Octavia", "Orson", "Pearl", "Percy", "Priscilla", "Raymond", "Renee",
    "Roscoe", "Ruth", "Silas", "Sonya", "Thaddeus", "Theodora", "Tobias", "Vera",
    "Wesley", "Winifred", "Zeke",
]  # fmt: skip
LAST_NAMES = [
    "Albright", "Ammons", "Arrington", "Batts", "Blalock", "Boone", "Brinson",
    "Bunn", "Carraway", "Chadwick", "Coble", "Creech", "Daughtry", "Deese",
    "Edmisten", "Ennis", "Fennell", "Fowler", "Gurganus", "Harrell", "Hatley",
    "Hinson", "Holloman", "Jessup", "Keziah", "Lanier", "Leggett", "Lockamy",
    "Mangum", "Matthis", "Melvin", "Mewborn", "Nobles", "Outlaw", "Parrish",
    "Pittman", "Quinley", "Raynor", "Rouse", "Sasser", "Scarboro", "Spivey",
    "Strickland", "Swindell", "Tart", "Teachey", "Thigpen", "Ussery", "Vann",
    "Waddell", "Whitley", "Worley", "Yelverton", "Zachary",
]  # fmt: skip
INITIALS = "ABCDEFGHJKLMNOPRSTW"

# Fictional districts: two-part names that are not North Carolina counties or towns.
LEA_FIRST = [
    "Amber", "Ashen", "Beacon", "Bramble", "Cardinal", "Cedar", "Clover", "Copper",
    "Crane", "Falcon", "Fern", "Flint", "Granite", "Hawthorn", "Heron", "Indigo",
    "Lantern", "Maple", "Meadow", "Mist", "Osprey", "Persimmon", "Quail", "Raven",
    "Sparrow", "Sweetgum", "Thistle", "Tupelo", "Wren", "Willow",
]  # fmt: skip
LEA_SECOND = [
    "Bend", "Bluff", "Branch", "Crossing", "Fork", "Gap", "Glen", "Haven", "Hollow",
    "Knob", "Landing", "Meadows", "Mill", "Ridge", "Run", "Springs",
]  # fmt: skip

# Readings for modules' resources: (title, address, description).
RESOURCES = [
    (
        "CoSN: Framework of Essential Skills of the K-12 CTO",
        "https://www.cosn.org/",
        "The Consortium for School Networking's description of the job.",
    ),
    (
        "COBIT: governance of enterprise IT",
        "https://www.isaca.org/resources/cobit",
        "ISACA's framework, the source of many public-sector governance models.",
    ),
    (
        "NIST Cybersecurity Framework",
        "https://www.nist.gov/cyberframework",
        "A common language for a district's security program.",
    ),
    (
        "Universal Service Administrative Company: E-Rate",
        "https://www.usac.org/e-rate/",
        "Program rules, filing windows and competitive bidding.",
    ),
    (
        "Student Privacy Compass",
        "https://studentprivacycompass.org/",
        "Guides to FERPA, COPPA and state student privacy laws.",
    ),
    (
        "N.C. Department of Public Instruction: digital learning",
        "https://www.dpi.nc.gov/",
        "State guidance and planning resources for LEAs.",
    ),
]
