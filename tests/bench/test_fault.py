"""The fault run's pure parts: reading forms, summing up phases, judging them."""

from bench import fault
from bench.fault import Outcome


def test_csrf_token_is_read_from_the_form_whatever_the_attribute_order():
    assert (
        fault.csrf_token('<input type="hidden" name="csrfmiddlewaretoken" value="abc">')
        == "abc"
    )
    assert (
        fault.csrf_token('<input value="xyz" type="hidden" name="csrfmiddlewaretoken">')
        == "xyz"
    )
    assert fault.csrf_token("<p>Back in a moment</p>") is None


def test_cookie_value_reads_one_cookie_from_set_cookie_headers():
    headers = [
        "sessionid=s1; HttpOnly; Path=/",
        "csrftoken=t0k3n; expires=Sat, 27 Nov 2027 02:00:00 GMT; Path=/; Secure",
    ]
    assert fault.cookie_value(headers, "csrftoken") == "t0k3n"
    assert fault.cookie_value(headers, "missing") is None


def test_summary_counts_answers_by_status_and_no_answer_as_an_error():
    outcomes = [
        Outcome(0.5, "get", "/", 200),
        Outcome(1.0, "post", "/join/", 302),
        Outcome(2.0, "get", "/", 503, friendly=True),
        Outcome(3.5, "get", "/news/", None, error="ConnectionRefusedError"),
    ]
    assert fault.summarise(outcomes, 6.04) == {
        "seconds": 6.0,
        "requests": 4,
        "posts": 1,
        "statuses": {"200": 1, "302": 1, "503": 1, "no answer": 1},
        "errors": 2,
        "error_rate": 0.5,
        "last_error_at": 3.5,
    }
    assert fault.summarise([], 6)["error_rate"] == 0.0


def passing_outcomes():
    ok = [Outcome(1.0, "get", "/", 200), Outcome(2.0, "post", "/join/", 302)]
    return {
        "baseline": ok,
        "redis-down": ok,
        "redis-back": ok,
        "smtp-down": ok,
        "smtp-back": ok,
        "postgres-down": [
            Outcome(1.0, "get", "/", 200),  # a cached page
            Outcome(1.5, "get", "/join/", 503, friendly=True),
            Outcome(1.6, "get", "/healthz", 503),  # its own answer to the balancer
        ],
        "postgres-back": [
            Outcome(0.4, "get", "/join/", 503, friendly=True),
            Outcome(2.0, "get", "/join/", 200),
        ],
    }


def failed(checks):
    return [check.name for check in checks if not check.passed]


def test_phase_checks_pass_a_portal_that_fails_gracefully():
    assert failed(fault.phase_checks(passing_outcomes())) == []


def test_phase_checks_fail_a_500_or_a_timeout_while_redis_is_down():
    outcomes = passing_outcomes()
    outcomes["redis-down"] = [
        Outcome(1.0, "get", "/", 500),
        Outcome(2.0, "get", "/", None, error="TimeoutError"),
        Outcome(3.0, "post", "/join/", 302),
    ]
    checks = fault.phase_checks(outcomes)
    assert failed(checks) == [
        "Redis down: pages and the form keep answering (fail-open)"
    ]
    (check,) = [c for c in checks if not c.passed]
    assert "500 x1" in check.detail and "TimeoutError x1" in check.detail


def test_phase_checks_fail_a_bare_503_or_a_500_while_the_database_is_down():
    outcomes = passing_outcomes()
    outcomes["postgres-down"].append(Outcome(2.0, "get", "/news/", 503))
    outcomes["postgres-down"].append(Outcome(2.5, "get", "/news/", 500))
    assert failed(fault.phase_checks(outcomes)) == [
        "PostgreSQL down: every error is the friendly 503, never a 500"
    ]


def test_phase_checks_fail_an_outage_nobody_noticed_and_a_slow_recovery():
    outcomes = passing_outcomes()
    outcomes["postgres-down"] = [Outcome(1.0, "get", "/", 200)]
    outcomes["postgres-back"].append(Outcome(11.0, "get", "/", 503, friendly=True))
    assert failed(fault.phase_checks(outcomes)) == [
        "PostgreSQL down: the outage was real (some request needed it)",
        f"PostgreSQL back: no error later than {fault.RECOVERY_SECONDS} s after",
    ]


def test_phase_checks_fail_a_phase_with_no_requests():
    outcomes = passing_outcomes()
    outcomes["baseline"] = []
    assert failed(fault.phase_checks(outcomes)) == [
        "baseline: every request answered without error"
    ]


def test_report_lists_every_phase_and_marks_failed_checks():
    result = {
        "started": "2026-11-28 03:00 UTC",
        "machine": "2 cores",
        "threads": 4,
        "phase_seconds": 6,
        "phases": {
            "baseline": fault.summarise([Outcome(1.0, "get", "/", 200)], 6),
            "redis-down": fault.summarise([Outcome(1.0, "get", "/", 500)], 6),
        },
        "checks": [
            {"name": "baseline", "passed": True, "detail": "ok"},
            {"name": "Redis down", "passed": False, "detail": "500 x1"},
        ],
        "passed": False,
    }
    markdown = fault.render_markdown(result)
    assert "| baseline | 1 | 0 | 200: 1 | 0 | 0.0% |" in markdown
    assert "| redis-down | 1 | 0 | 500: 1 | 1 | 100.0% |" in markdown
    assert "| Redis down | **FAIL** | 500 x1 |" in markdown
    assert markdown.rstrip().endswith("Some checks FAILED.")


def test_phase_checks_fail_outages_during_which_no_form_was_sent():
    outcomes = passing_outcomes()
    outcomes["smtp-down"] = [Outcome(1.0, "get", "/", 200)]
    checks = fault.phase_checks(outcomes)
    assert failed(checks) == [
        "forms were sent with success during the Redis and the SMTP outage"
    ]


def test_worker_kill_check_wants_a_new_worker_and_few_lost_requests():
    ok = [Outcome(1.0, "get", "/", 200), Outcome(1.1, "get", "/", None, error="x")]
    assert fault.worker_kill_check(ok, [10, 11], [11, 12], threads=4).passed
    assert not fault.worker_kill_check(ok, [10, 11], [11], threads=4).passed
    assert not fault.worker_kill_check(ok, [10, 11], [10, 11], threads=4).passed
    many = ok + [Outcome(2.0, "get", "/", None, error="x")] * 4
    assert not fault.worker_kill_check(many, [10, 11], [11, 12], threads=4).passed
