"""The benchmark's Django side: which URLs to load, and what each costs in-process.

Run by `bench/run.py` under the settings the server uses (production, DEBUG off),
against the seeded database. It prints one JSON object:
- `urls`: the pages to load, found in the data (a module in the middle of the tree,
  the best-practice listing's last page, the busiest topic, the latest cohort...);
- per URL, the median and p90 server time over repeated in-process requests with
  the page cache off (fragment caches warm, as on a running server), the SQL
  queries one request runs, and whether it wrote anything;
- per URL, the same "cold": every fragment and lookup cache emptied before each
  measured request (`caching.version.clear_all`), as the first visitor after a
  change meets it (`cold_queries`, `cold_ms_median`, `cold_ms_p90`);
- `ceiling`: the home page's HTML, written as a static file the server then serves.

    python -m bench.probe --repeat 25 --ceiling staticfiles/bench/ceiling.html
"""

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

WRITE_PREFIXES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def discover_urls():
    from django.db.models import Count
    from django.urls import reverse

    from case_studies.models import (
        BestPracticeIndexPage,
        BestPracticePage,
        CaseStudyPage,
    )
    from core.listing import ListingIndexMixin
    from curriculum.models import CurriculumIndexPage, ModulePage, TopicArea
    from people.models import Enrollment

    def middle(queryset):
        count = queryset.count()
        return queryset.order_by("path")[count // 2]

    def path(page):
        return page.get_url()

    public_modules = ModulePage.objects.live().public()
    public_practices = BestPracticePage.objects.live().public()
    listing = BestPracticeIndexPage.objects.live().first()
    last_page = max(
        1, math.ceil(public_practices.count() / ListingIndexMixin.paginate_by)
    )
    topic = (
        TopicArea.objects.annotate(module_count=Count("modules"))
        .order_by("-module_count", "pk")
        .first()
    )
    # The roster with the most people on it.
    cohort_year = (
        Enrollment.objects.values("cohort__year")
        .annotate(n=Count("id"))
        .order_by("-n", "-cohort__year")
        .values_list("cohort__year", flat=True)
        .first()
    )
    common_word, rare_word = search_words()
    # (name, URL, kind): the kind picks the targets a page is held to.
    return [
        ("home", "/", "home"),
        (
            "curriculum index",
            path(CurriculumIndexPage.objects.live().first()),
            "listing",
        ),
        ("module", path(middle(public_modules)), "detail"),
        ("best practices, page 1", path(listing), "listing"),
        (
            f"best practices, page {last_page}",
            f"{path(listing)}?page={last_page}",
            "listing",
        ),
        ("best practice", path(middle(public_practices)), "detail"),
        ("case study", path(middle(CaseStudyPage.objects.live().public())), "detail"),
        (f"search: {common_word}", f"/search/?q={common_word}", "search"),
        (f"search: {rare_word}", f"/search/?q={rare_word}", "search"),
        ("topic page", f"/topics/{topic.slug}/", "listing"),
        ("cohort roster", f"/cohorts/{cohort_year}/", "listing"),
        ("events", reverse("events"), "listing"),
        ("iCalendar feed", reverse("events-ics"), "feed"),
        ("API listing", "/api/v2/pages/", "listing"),
        ("sitemap index", reverse("sitemap"), "sitemap"),
        # The first page of pages: a full one (5,000 URLs) at the standard size.
        (
            "sitemap page",
            reverse("sitemap-section", kwargs={"section": "pages"}),
            "sitemap",
        ),
    ]


def participant():
    """A participant enrolled in the latest cohort (the demo's `participant` if so),
    and that cohort's track."""
    from people.models import Enrollment, EnrollmentStatus
    from people.roles import participants

    enrolled = (
        participants()
        .filter(
            person__enrollments__status=EnrollmentStatus.ENROLLED,
        )
        .order_by("-person__enrollments__cohort__year", "pk")
    )
    user = enrolled.filter(username="participant").first() or enrolled.first()
    if user is None:
        return None, None
    track_id = (
        Enrollment.objects.filter(person__user=user)
        .order_by("-cohort__year")
        .values_list("cohort__track_id", flat=True)
        .first()
    )
    return user, track_id


def discover_signed_in_urls(track_id):
    """(name, URL, kind) of the pages a signed-in participant loads: the dashboard,
    the middle module of their track that has materials, and those materials."""
    from curriculum.models import ModuleMaterialsPage, ModulePage

    modules = ModulePage.objects.live()
    own = set(
        (modules.filter(tracks=track_id) if track_id else modules).values_list(
            "path", flat=True
        )
    )
    steplen = ModulePage.steplen
    materials = [
        (pk, path)
        for pk, path in ModuleMaterialsPage.objects.live()
        .order_by("path")
        .values_list("pk", "path")
        if path[:-steplen] in own
    ] or list(
        ModuleMaterialsPage.objects.live().order_by("path").values_list("pk", "path")
    )
    pk, path = materials[len(materials) // 2]
    material = ModuleMaterialsPage.objects.get(pk=pk)
    module = modules.get(path=path[:-steplen])
    return [
        ("participant: dashboard", "/dashboard/", "listing"),
        ("participant: module", module.get_url(), "detail"),
        ("participant: materials", material.get_url(), "detail"),
    ]


def search_words():
    try:
        from demo.scale import COMMON_WORD, RARE_WORD
    except ImportError:  # the demo data set alone
        return "governance", "ransomware"
    return COMMON_WORD, RARE_WORD


def measure(client, url, repeat):
    """The page with the page cache off and every other cache warm."""
    from django.db import connection

    for _ in range(3):  # renditions, fragment caches, connections
        response = client.get(url, secure=True)
    status = response.status_code
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    # A wrapper, not CaptureQueriesContext: the request_started signal empties the
    # debug query log mid-capture when DEBUG is off.
    with connection.execute_wrapper(record):
        client.get(url, secure=True)
    writes = [
        sql for sql in statements if sql.lstrip().upper().startswith(WRITE_PREFIXES)
    ]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "status": status,
        "queries": len(statements),
        "writes": len(writes),
        "server_ms_median": round(statistics.median(times), 2),
        "server_ms_p90": round(times[int(len(times) * 0.9) - 1], 2),
        "bytes": len(response.content),
    }


def measure_cold(client, url, repeat):
    """The page with every cache emptied before each request: the first visitor
    after a change (a publish moves the content version that keys them all)."""
    from django.db import connection

    from caching.version import clear_all

    client.get(url, secure=True)  # connections, renditions' files
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    clear_all()
    with connection.execute_wrapper(record):
        client.get(url, secure=True)
    times = []
    for _ in range(repeat):
        clear_all()
        start = time.perf_counter()
        client.get(url, secure=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "cold_queries": len(statements),
        "cold_ms_median": round(statistics.median(times), 2),
        "cold_ms_p90": round(times[max(0, int(len(times) * 0.9) - 1)], 2),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--ceiling", type=Path, required=True)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_TIMEOUT = 0  # what a page costs to render
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    urls = discover_urls()
    results = []
    for name, url, kind in urls:
        print(f"  in-process: {name} ({url})", file=sys.stderr)
        measured = measure(client, url, args.repeat)
        measured |= measure_cold(client, url, args.repeat)
        results.append({"name": name, "url": url, "kind": kind, **measured})

    # Signed in as a participant: never from the page cache. The session (kept in
    # the database) is handed to the load as a cookie, not kept in the results.
    user, track_id = participant()
    cookie = None
    if user is not None:
        member = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        member.force_login(user)
        session = member.cookies[settings.SESSION_COOKIE_NAME].value
        cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
        for name, url, kind in discover_signed_in_urls(track_id):
            print(f"  in-process: {name} ({url})", file=sys.stderr)
            measured = measure(member, url, args.repeat)
            measured |= measure_cold(member, url, args.repeat)
            results.append(
                {
                    "name": name,
                    "url": url,
                    "kind": kind,
                    "signed_in": True,
                    **measured,
                }
            )

    home = client.get("/", secure=True)
    args.ceiling.parent.mkdir(parents=True, exist_ok=True)
    args.ceiling.write_bytes(home.content)
    json.dump(
        {"pages": results, "ceiling_bytes": len(home.content), "cookie": cookie},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
