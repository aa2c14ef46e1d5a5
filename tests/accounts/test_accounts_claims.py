"""Sign-in claims to an identity, SIRET to a territory, keys, régions and invitations."""

from __future__ import annotations

import datetime as dt

import pytest
from accounts_support import HERE

from diagnostic.accounts import (
    INVITATION_DAYS,
    ClaimNames,
    Invitation,
    check_region,
    identity_from_claims,
    invitation_expiry,
    invitation_hash,
    invitation_state,
    joinable_territory,
    new_invitation_token,
    normalise_email,
    official_ref,
    territory_key,
)
from diagnostic.errors import AccessError, AccountError
from diagnostic.settings import Settings
from diagnostic.territory.official import official_territories

PROCONNECT = {
    "sub": "7f2c…",
    "email": "Camille.Martin@grand-nancy.fr ",
    "given_name": "Camille",
    "usual_name": "Martin",
    "siret": "24540067600017",
    "organizational_unit": "Direction de l’économie",
    "uid": "12",
    "idp_id": "fia1v2",
}
NOW = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC)


def test_proconnect_claims_give_an_identity() -> None:
    identity = identity_from_claims(PROCONNECT)
    assert identity.email == "camille.martin@grand-nancy.fr"
    assert identity.display_name == "Camille Martin"
    assert identity.siren == HERE
    assert identity.organisational_unit == "Direction de l’économie"
    assert identity.claims["idp_id"] == "fia1v2"


def test_claim_names_are_configuration() -> None:
    settings = Settings.from_env(
        {"DIAGNOSTIC_CLAIM_EMAIL": "mail", "DIAGNOSTIC_CLAIM_FAMILY_NAME": "family_name"}
    )
    names = ClaimNames.from_settings(settings)
    assert names == ClaimNames(email="mail", family_name="family_name")
    identity = identity_from_claims({"mail": "a@b.fr", "family_name": "Dupont"}, names)
    assert (identity.email, identity.display_name, identity.siren) == ("a@b.fr", "Dupont", None)


@pytest.mark.parametrize("email", [None, "", "pas-une-adresse", 42, "a@b", "x" * 300 + "@b.fr"])
def test_claims_without_a_usable_email_are_refused_plainly(email: object) -> None:
    with pytest.raises(AccessError) as caught:
        identity_from_claims({"email": email, "given_name": "A"})
    assert "adresse électronique" in str(caught.value)


def test_a_siret_of_a_commune_or_epci_offers_to_join_it() -> None:
    territories = official_territories()
    found = joinable_territory(identity_from_claims(PROCONNECT), territories)
    assert found is not None and found.siren == HERE


@pytest.mark.parametrize(
    "siret", ["13002526500013", "123", "2454006760001X", "", "245400676000170"]
)
def test_a_siret_matching_nothing_offers_nothing(siret: str) -> None:
    claims = {**PROCONNECT, "siret": siret}
    assert joinable_territory(identity_from_claims(claims), official_territories()) is None


def test_territory_keys_and_regions_are_checked() -> None:
    territories = official_territories()
    assert territory_key("245 400 676") == HERE
    assert territory_key("245400677") is None  # checksum
    found = official_ref(HERE, territories)
    assert found is not None and (found.kind, found.region) == ("epci", "44")
    with pytest.raises(AccountError, match="n’est pas le SIREN"):
        official_ref("12345", territories)
    assert check_region("44", territories) == "44"
    assert check_region("2", territories) == "02"
    with pytest.raises(AccountError, match="n’est pas un code de région"):
        check_region("99", territories)


def test_email_addresses_are_normalised() -> None:
    assert normalise_email("  A@B.FR ") == "a@b.fr"
    assert normalise_email("a b@c.fr") is None


def test_invitations_are_random_valid_seven_days_and_used_once() -> None:
    tokens = {new_invitation_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(token) >= 40 for token in tokens)
    assert invitation_hash(" abc ") == invitation_hash("abc") != "abc"
    expires = invitation_expiry(NOW)
    assert expires - NOW == dt.timedelta(days=INVITATION_DAYS) == dt.timedelta(days=7)
    found = Invitation("a@b.fr", HERE, expires)
    assert invitation_state(found, "a@b.fr", NOW) == "valid"
    assert invitation_state(found, "a@b.fr", expires - dt.timedelta(seconds=1)) == "valid"
    assert invitation_state(found, "a@b.fr", expires) == "expired"
    assert invitation_state(found, "c@d.fr", NOW) == "other_email"
    assert invitation_state(Invitation("a@b.fr", HERE, expires, NOW), "a@b.fr", NOW) == "used"
    assert invitation_state(None, "a@b.fr", NOW) == "unknown"
