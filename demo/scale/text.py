"""The text of each item of the scale data set, drawn from the item's generator.

Pure Python, no Django: every function takes the item's own `random.Random`, so an
item's words depend only on the seed and its number. Rich text is the HTML Wagtail
stores (paragraphs, h2 headings, lists), within the portal's BODY_FEATURES.
"""

from demo.scale import COMMON_WORD, RARE_WORD
from demo.scale.vocabulary import (
    ADJECTIVES,
    AUDIENCES,
    CASE_ANGLES,
    CLOSING_OBJECTIVES,
    FACULTY_CAREERS,
    GENERIC_OPENINGS,
    GENERIC_SENTENCES,
    LESSONS,
    MODULE_SUBTITLES,
    OBJECTIVES,
    QUESTIONS,
    REGIONS,
    SIZES,
    TAGS,
    TITLE_PATTERNS,
    TOPICS,
)


def article(word):
    word = word.lower()
    if word.startswith(("one", "uni", "use")):
        return "a"
    return "an" if word[:1] in "aeiou" else "a"


def lowercase(text):
    """Lower case for the middle of a sentence, keeping acronyms: 'IT governance'."""
    return " ".join(
        word if len(word) > 1 and word.isupper() else word.lower()
        for word in text.split()
    )


def sentence_case(text):
    return text[:1].upper() + text[1:]


def practice_title(rng, topic):
    """A best practice's title, such as 'A monthly phishing exercise for principals'."""
    words = TOPICS[topic]
    practice = rng.choice(words["practices"])
    adjective = rng.choice(ADJECTIVES)
    pattern = rng.choice(TITLE_PATTERNS)
    lead = adjective if "{adjective}" in pattern.split("{practice}")[0] else practice
    title = pattern.format(
        article=article(lead),
        article_cap=article(lead).capitalize(),
        adjective=adjective,
        practice=practice,
        audience=rng.choice(AUDIENCES),
        weeks=rng.choice(["six", "eight", "ten", "twelve"]),
    )
    return sentence_case(title)


def case_study_title(rng, topic, district_short):
    """A case study's title, such as 'Ransomware on a Monday morning in Heron Bend'."""
    challenge = rng.choice(TOPICS[topic]["challenges"])
    return f"{challenge} in {district_short}: {rng.choice(CASE_ANGLES)}"


def module_title(rng, topic_name):
    return f"{topic_name}: {rng.choice(MODULE_SUBTITLES)}"


def district_facts(rng):
    return {
        "size": rng.choice(SIZES),
        "region": rng.choice(REGIONS),
        "students": rng.randrange(1_500, 60_000, 50),
        "staff": rng.randint(3, 40),
        "schools": rng.randint(4, 70),
    }


def paragraph(sentences):
    return "<p>" + " ".join(sentences) + "</p>"


def bullet_list(items, ordered=False):
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def pick(rng, items, low, high):
    """Between `low` and `high` distinct items, in the list's order."""
    count = min(len(items), rng.randint(low, high))
    chosen = set(rng.sample(range(len(items)), count))
    return [item for n, item in enumerate(items) if n in chosen]


def practice_text(rng, topic, *, rare=False):
    """(intro, body HTML) of a best practice: the problem, what we did, what happened."""
    words = TOPICS[topic]
    facts = district_facts(rng)
    problem = [
        rng.choice(GENERIC_OPENINGS).format(**facts),
        rng.choice(words["problems"]),
    ]
    if rng.random() < 0.35:
        problem.append(rng.choice(GENERIC_SENTENCES))
    steps = pick(rng, words["steps"], 3, 5)
    results = pick(rng, words["results"], 1, 2)
    if rare:
        results.append(
            f"The school calendar became our {RARE_WORD}: every step was timed to "
            "it, and nothing was launched in a testing window."
        )
    body = (
        "<h2>The problem</h2>"
        + paragraph(problem)
        + "<h2>What we did</h2>"
        + bullet_list(steps)
        + "<h2>What happened</h2>"
        + paragraph(results)
    )
    if rng.random() < 0.5:
        body += "<h2>What we learned</h2>" + paragraph(pick(rng, LESSONS, 1, 2))
    intro = f"{problem[1]} {results[0]}"
    return intro[:600], body


def case_study_text(rng, topic, district):
    """The sections of a case study, as a dict of field values."""
    words = TOPICS[topic]
    facts = district_facts(rng)
    setting = rng.choice(["rural", "suburban", "urban", "coastal", "mountain"])
    context = (
        f"A {setting} district of about {facts['students']:,} students in the "
        f"{facts['region']} region, with {facts['schools']} schools and a technology "
        f"staff of {facts['staff']}."
    )
    problems = pick(rng, words["problems"], 2, 3)
    challenge = paragraph([f"{district} faced a familiar problem.", *problems])
    approach = paragraph(
        ["The technology director split the work into steps the cabinet could follow:"]
    ) + bullet_list(pick(rng, words["steps"], 3, 5))
    if rng.random() < 0.4:
        approach += paragraph([rng.choice(GENERIC_SENTENCES)])
    outcome = paragraph(pick(rng, words["results"], 2, 3))
    lessons = paragraph(pick(rng, LESSONS, 2, 3))
    questions = "\n".join(pick(rng, QUESTIONS, 2, 4))
    intro = f"{problems[0]} How {district} responded, and what it learned."
    return {
        "intro": intro[:600],
        "district_context": context,
        "challenge": challenge,
        "approach": approach,
        "outcome": outcome,
        "lessons_learned": lessons,
        "discussion_questions": questions,
    }


def module_text(rng, topic, topic_name, description):
    """(intro, objectives HTML, competencies text, body paragraphs) of a module."""
    words = TOPICS[topic]
    concepts = pick(rng, words["concepts"], 2, 4)
    intro = (
        f"{description} This module works through {concepts[0]} with examples "
        "from North Carolina LEAs."
    )
    objectives = bullet_list(
        [rng.choice(OBJECTIVES).format(concept=concept) for concept in concepts]
        + [rng.choice(CLOSING_OBJECTIVES)]
    )
    competencies = "\n".join(sentence_case(c) for c in concepts)
    body = [
        paragraph([rng.choice(words["problems"]), rng.choice(GENERIC_SENTENCES)]),
        paragraph(
            [
                f"Candidates bring a question about {lowercase(topic_name)} from their "
                "own LEA and leave with a plan they can take to their cabinet.",
                rng.choice(words["results"]),
            ]
        ),
    ]
    return intro[:600], objectives, competencies, body


def person_bio(rng, name, role_text, affiliation, topic_name):
    where = f" at {affiliation}" if affiliation else ""
    parts = [f"{name} is {lowercase(role_text)}{where}."]
    if "faculty" in role_text or rng.random() < 0.5:
        career = rng.choice(FACULTY_CAREERS)
        parts.append(f"Before joining the program, {name.split()[0]} {career}.")
    parts.append(
        f"Interests include {lowercase(topic_name)} and {rng.choice(TAGS)}"
        + (f", and {COMMON_WORD} in small districts." if rng.random() < 0.3 else ".")
    )
    return " ".join(parts)
