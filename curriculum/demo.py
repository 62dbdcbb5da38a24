"""Demo curriculum: the program's two tracks, from the program facts."""

from curriculum.models import Track

TRACKS = [
    {
        "slug": "cecto-certification",
        "name": "CeCTO Certification",
        "audience": "School (LEA) technology directors",
        "required_hours": 240,
        "duration_months": 10,
        "summary": (
            "A 240-hour course of instruction over ten months that builds the core "
            "competencies of a district chief technology officer: strategic planning, "
            "IT governance, risk, security, legal issues and change management, "
            "taught face to face and online."
        ),
    },
    {
        "slug": "leaders-21st-century",
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
    },
]


def seed_tracks():
    """Create the two tracks if missing; return them with the number created."""
    created = 0
    tracks = []
    for order, data in enumerate(TRACKS):
        track, was_created = Track.objects.get_or_create(
            slug=data["slug"], defaults={**data, "sort_order": order}
        )
        created += was_created
        tracks.append(track)
    return tracks, created
