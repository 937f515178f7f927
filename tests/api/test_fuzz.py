"""Issue 9: schemathesis fuzzes every operation of the API's own OpenAPI schema, with every check.

The requests go through the real Django stack (config.wsgi.application: middleware, URL
resolver, DRF, the database) in process, so no port is needed. Each operation gets a bounded
number of examples, derandomized so that CI sends the same requests on every run, once
anonymously and once with the token of a superuser, whose writes (articles, meetings) are wanted.
Any 5xx fails the test, as does any answer the schema does not describe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, assume, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.meta import GenerationMode

from config.wsgi import application

from .conftest import World

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 100

# A schema-valid request may still name what the database lacks: an unknown ISO3 code, sector,
# forum or official, an article text the extractor finds no meeting in, a status change the
# meeting's status does not allow, a wrong password. This API answers those with a 400 naming the
# problem, by design (tests/api/test_*.py pin each), and no schema can list what the database
# holds; only these operations may answer schema-valid data so.
REFUSES_WHAT_THE_DATABASE_LACKS = [
    "GET /api/countries/",
    "GET /api/officials/",
    "GET /api/forums/",
    "GET /api/meetings/",
    "GET /api/relations/",
    "GET /api/relations/{pair}/",  # KEN-KEN is a 400: one country twice
    "POST /api/meetings/",
    "PATCH /api/meetings/{id}/",
    "POST /api/meetings/{id}/status/",
    "POST /api/articles/",
    "POST /api/auth/token/",
]
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-name": REFUSES_WHAT_THE_DATABASE_LACKS,
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
                    }
                },
            }
        ]
    }
)

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)

sent: Counter[str] = Counter()
operations: set[str] = set()


@pytest.fixture(autouse=True)
def _in_the_test_transaction(monkeypatch) -> Iterator[None]:
    """As Django's test client does: the handler must not close the test's connection inside its
    transaction. And the fuzzer must not be throttled (DRF reads the rates at import time)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # POST /api/articles/ with a URL and no text fetches the page: here every host is refused, before
    # any connection, so that no request leaves the process and each answer is the same on a replay.
    monkeypatch.setattr(django_settings, "FETCH_ALLOWED_HOSTS", ["fetching.is.off.in.this.test.invalid"])
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", dict.fromkeys(django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])
    )
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=["anonymous", "superuser"])
def who(request, world: World) -> dict[str, str]:
    """The headers of the run: none, or the token of a user who has every permission."""
    if request.param == "anonymous":
        return {}
    user = User.objects.create_superuser("fuzzer", password="correct horse battery staple")
    return {"Authorization": f"Token {Token.objects.create(user=user).key}"}


@pytest.fixture(scope="module", autouse=True)
def _report(request) -> Iterator[None]:
    """One line in the test report: what was sent and how many server errors came back."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or not sent["requests"]:
        return
    with capture.global_and_fixture_disabled():
        reporter.ensure_newline()
        reporter.write_line(
            f"schemathesis: {sent['requests']} requests ({sent['probes']} of them with methods the schema does not "
            f"list) to {len(operations)} operations, anonymous and as a superuser: {sent['5xx']} server errors"
        )


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)
def test_api_answers_every_generated_request_as_its_schema_says(case, who):
    assume(not _invalid_only_before_serialising(case))
    response = case.call(headers=who)
    count(case, response)
    case.validate_response(response, headers=who, transport_kwargs={"headers": who})


def _invalid_only_before_serialising(case) -> bool:  # type: ignore[no-untyped-def]
    """A negative case whose invalid query value is an object ({} or [{}]): the query string carries
    it as `page_size=`, the empty value this API documents as "not given" (`maxLength: 0`), so the
    request sent is a valid one and its 200 is right (schemathesis then reports the 200 as invalid
    data accepted; seen for `?country=&page_size=` on /api/relations/)."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.NEGATIVE:
        return False

    def empty(value: object) -> bool:
        # an object, or a list holding one (beside other empty values): a list of "" alone is valid data
        return value == {} or (isinstance(value, list) and {} in value and all(v in ({}, "") for v in value))

    return any(empty(value) for value in (case.query or {}).values())


def count(case, response) -> None:
    sent["requests"] += 1
    sent["5xx"] += response.status_code >= 500
    sent["probes"] += case.method.upper() != case.operation.method.upper()
    operations.add(case.operation.label)


def test_api_workflows_from_list_to_detail_to_edit_answer_as_the_schema_says(who):
    """The links schemathesis infers (a list's ids to the detail, PATCH and status of that object):
    edits then reach meetings that exist, which random ids almost never do."""

    class Workflow(schema.as_state_machine()):
        # Each scenario starts from the same rows: what one scenario's writes leave would change the ids
        # and lists the next one draws from, which hypothesis rightly reports as flaky generation.
        def setup(self):
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def get_call_kwargs(self, case):
            return {"headers": who}

        def after_call(self, response, case):
            super().after_call(response, case)
            count(case, response)

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # As in the test above: the checks must know the token is the credentials sent.
            case.validate_response(
                response,
                additional_checks=additional_checks,
                headers=who,
                transport_kwargs={**kwargs, "headers": who},
                recorder=getattr(self, "recorder", None),
            )

    Workflow.run(
        settings=settings(
            max_examples=EXAMPLES_PER_OPERATION,
            stateful_step_count=8,
            derandomize=True,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
    )
