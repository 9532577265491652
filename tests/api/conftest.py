"""Fixtures for the API tests: DRF's test client signed in (by session, as the browser API is)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api():
    """``api(user)`` is an API client signed in as ``user``; ``api(None)`` is anonymous."""

    def make(user=None):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make


# The charging fixtures (a care home resident, their package, assessments, the charging team's
# leader) for the assessments API's tests.
from tests.charging.conftest import care_home, make_assessment, resident  # noqa: E402,F401
