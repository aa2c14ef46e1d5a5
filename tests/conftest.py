"""Settings shared by the whole suite."""

from hypothesis import settings

# The suite runs on small, loaded machines: an example's duration says nothing about its
# correctness, so Hypothesis's per-example deadline would only make the suite flaky.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")
