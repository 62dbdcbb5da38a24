"""Roster files built in memory: CSV text and XLSX workbooks through tablib."""

import tablib

HEADERS = [
    "First name",
    "Last name",
    "E-mail",
    "Role or job title",
    "LEA",
    "Track",
    "Cohort year",
    "Status",
]


def row(
    first="Ada",
    last="Byron",
    email="ada.byron@alder.example",
    title="Chief Technology Officer",
    lea="Alder Creek County Schools",
    track="CeCTO Certification",
    year="2026",
    status="enrolled",
):
    return [first, last, email, title, lea, track, year, status]


def csv_bytes(rows, headers=HEADERS, bom=False):
    dataset = tablib.Dataset(*rows, headers=headers)
    text = dataset.export("csv")
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


def xlsx_bytes(rows, headers=HEADERS):
    dataset = tablib.Dataset(*rows, headers=headers)
    return dataset.export("xlsx")


def people_rows(count, **kwargs):
    return [
        row(first=f"Pat{n}", last=f"Lee{n}", email=f"pat{n}@district.example", **kwargs)
        for n in range(count)
    ]
