"""The OpenAPI schema against what the API really sends: schemathesis generates requests for every
operation from the schema (valid ones, and ones the schema forbids) and checks each answer — never a
server error, only a status the schema lists for the operation, always the content type and body the
schema describes for that status.

Signed in (HTTP Basic) as a team leader in both client affairs and charging, so most requests get past
the permission checks; half of the generated ids are replaced by the ids of real records, so requests
reach the views' real work and not only their 404s. A bounded number of examples per operation keeps
the run to about a minute; a failure prints the request that caused it (and a curl line to repeat it).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from charging import services as charging_services
from core.roles import Role
from ledger import client_money
from ledger.choices import MoneyInCategory
from people import services as people_services
from people.choices import Relationship, Service
from people.models import Allocation
from people.selectors import today
from tests.charging.conftest import care_started, resident_inputs
from tests.factories import PASSWORD, ClientFactory, ContactFactory, TeamFactory, TeamMembershipFactory, UserFactory

EXAMPLES_PER_OPERATION = 25

raw_schema = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
schema = schemathesis.openapi.from_dict(raw_schema)
schema.app = get_wsgi_application()
# Examples from the schema and random requests (valid and invalid), EXAMPLES_PER_OPERATION of them per
# operation. Not the "coverage" phase: it walks every boundary of every field, hundreds of requests for
# one operation, more than a test run that should take a minute can afford.
schema.config.phases.coverage.enabled = False


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """As Django's own test client does: the WSGI handler would close the database connection at the end
    of each request, and with it the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def records(db, settings, wsgi_keeps_the_test_connection):
    """A client both teams hold, with money, a contact and a draft assessment; the user who may do most."""
    settings.AXES_ENABLED = False  # thousands of sign-ins by one user: not what this test is about
    north = TeamFactory(name="Client affairs (North)", service=Service.CLIENT_AFFAIRS)
    charging = TeamFactory(name="Financial assessment", service=Service.CHARGING)
    leader = UserFactory(username="fuzz_leader", roles=[Role.TEAM_LEADER])
    TeamMembershipFactory(team=north, user=leader, is_leader=True)
    TeamMembershipFactory(team=charging, user=leader, is_leader=True)
    client = ClientFactory(last_name="Fuzzed")
    for team in (north, charging):
        Allocation.objects.create(client=client, team=team, service=team.service, officer=leader,
                                  start_date=today() - dt.timedelta(days=365))
    contact = ContactFactory(name="Fuzzed contact")
    people_services.client_contact_link(acting_user=leader, client=client, contact=contact,
                                        relationship=Relationship.RELATIVE, description="Daughter")
    client_money.client_receipt_record(acting_user=leader, client=client, amount=Decimal("500.00"),
                                       effective_date=today(), category=MoneyInCategory.STATE_PENSION,
                                       idempotency_key="fuzz-receipt")
    funds = client_money.client_money_accounts_open(acting_user=leader, client=client)[1]
    package = charging_services.care_package_add(
        acting_user=leader, client=client, setting="residential", weekly_cost="900.00", start_date=care_started(),
        provider_name="Beech House Care Home", reason="Moved into Beech House")
    assessment = charging_services.assessment_draft_create(
        acting_user=leader, client=client, care_package=package, assessment_date=package.start_date,
        inputs=resident_inputs(), reason="Moved into a care home")
    return {"user": leader, "/clients/": client.pk, "/contacts/": contact.pk,
            "/charging/assessments/": assessment.pk, "/ledger/accounts/": funds.pk}


def _real_id(path: str, records: dict) -> int | None:
    for prefix, pk in records.items():
        if prefix.startswith("/") and path.startswith(f"/api/v1{prefix}{{id}}"):
            return pk
    return None


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, records):
    real = _real_id(case.path, records)
    if real is not None and isinstance(case.path_parameters.get("id"), int) and case.path_parameters["id"] % 2 == 0:
        case.path_parameters["id"] = real
    token = base64.b64encode(f"{records['user'].username}:{PASSWORD}".encode()).decode()
    case.call_and_validate(
        headers={"Authorization": f"Basic {token}"},
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance],
    )
