"""manage.py import_roster FILE [--dry-run]: its report, progress and exit code."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from people.models import Enrollment, Person
from rosters.management.commands.import_roster import Command
from rosters.models import RosterImport
from tests.rosters.files import csv_bytes, people_rows, row, xlsx_bytes

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_roster", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_and_reports_the_counts(roster_world, write_file):
    path = write_file("roster.csv", csv_bytes(people_rows(3)))
    out, _err = run(str(path))
    assert "3 rows checked, no errors." in out
    assert "People: 3 created, 0 matched" in out
    assert "Enrollments: 3 created, 0 unchanged" in out
    assert Person.objects.count() == 3
    assert RosterImport.objects.get().file_name == "roster.csv"

    out, _err = run(str(path))
    assert "People: 0 created, 3 matched" in out
    assert "Enrollments: 0 created, 3 unchanged" in out
    assert Person.objects.count() == 3


def test_command_reads_xlsx(roster_world, write_file):
    path = write_file("roster.xlsx", xlsx_bytes([row()]))
    out, _err = run(str(path))
    assert "People: 1 created" in out


def test_command_lists_each_problem_and_fails(roster_world, write_file):
    rows = [row(), row(email="b@x.example", lea="Nowhere"), row(track="Astronomy")]
    path = write_file("roster.csv", csv_bytes(rows))
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_roster", str(path), stdout=out, stderr=io.StringIO())
    assert 'Error: Row 3, column "LEA" (E): No LEA' in out.getvalue()
    assert 'Error: Row 4, column "Track" (F): No track' in out.getvalue()
    assert Person.objects.count() == 0
    assert Enrollment.objects.count() == 0


def test_command_exits_non_zero_on_an_error(
    roster_world, write_file, capsys, monkeypatch
):
    path = write_file("roster.csv", csv_bytes([row(email="nope")]))
    # run_from_argv closes every connection when it ends, the test's own included
    # (on PostgreSQL the test could then not look at the database).
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "import_roster", str(path)])
    assert exit_info.value.code == 1
    assert "nothing was imported" in capsys.readouterr().err
    assert Person.objects.count() == 0


def test_command_refuses_an_unreadable_file(roster_world, write_file, tmp_path):
    path = write_file("roster.xlsx", b"a,b\n1,2\n")
    with pytest.raises(CommandError, match="not XLSX"):
        run(str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "missing.csv"))


def test_dry_run_writes_nothing(roster_world, write_file):
    path = write_file("roster.csv", csv_bytes(people_rows(2)))
    out, _err = run(str(path), "--dry-run")
    assert "People: 2 would be created" in out
    assert "Dry run: nothing was written." in out
    assert Person.objects.count() == 0
    assert Enrollment.objects.count() == 0
    assert not RosterImport.objects.exists()


def test_progress_is_shown_for_large_files(roster_world, write_file):
    path = write_file("roster.csv", csv_bytes(people_rows(1000)))
    _out, err = run(str(path), "--dry-run")
    assert "Checked 500 of 1000 rows" in err
    assert "Checked 1000 of 1000 rows" in err

    _out, err = run(str(write_file("small.csv", csv_bytes(people_rows(3)))))
    assert err == ""
