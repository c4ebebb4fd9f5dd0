"""Hypothesis settings for the property tests.

The suite runs a fixed set of examples (`derandomize`), so CI is repeatable
and a failure reproduces; `HYPOTHESIS_PROFILE=explore` searches afresh with
many more examples when looking for new failures."""

import os

from hypothesis import HealthCheck, settings

# Examples share the test's database, so a fixture is not reset between them;
# every property measures what changed rather than what is there.
shared = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("ci", max_examples=60, derandomize=True, **shared)
settings.register_profile("explore", max_examples=1000, **shared)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
