"""A second person at the test OpenID Connect provider (see oidc_support), and signing in
as them on the provider's own page."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from oidc_support import Provider

BERNARD = {
    "email": "bernard.petit@example.fr",
    "given_name": "Bernard",
    "family_name": "Petit",
    "name": "Bernard Petit",
}
BERNARD_SUBJECT = "bernard"


def add_user(provider: Provider, subject: str, claims: dict[str, str]) -> None:
    """Tell the provider who ``subject`` is (oidc-provider-mock's ``PUT /users/<sub>``)."""
    request = urllib.request.Request(
        f"{provider.url}/users/{subject}",
        data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 204, reply.status


def authorise_as(page: Any, subject: str) -> None:
    """On the provider's page: type the subject and authorise."""
    field = page.locator('input[name="sub"]')
    field.wait_for()
    field.fill(subject)
    page.get_by_role("button", name="Authorize", exact=True).click()
