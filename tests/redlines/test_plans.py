"""Reading prose for what it instructs (`plans.py`): voice first, then aims."""

from __future__ import annotations

import pytest

from redline.redlines.capabilities import Capability
from redline.redlines.plans import instructs, plan_hits


@pytest.mark.parametrize(
    "sentence",
    [
        "Stage the file on the share every host can read.",
        "**Cut the reporting first.** The agent keeps running.",
        "Then send the frames to every client on the channel.",
        "Finally, delete the forwarding rule.",
        "Once they have joined, serve the copied portal.",
        "3. **Step 3: Turn on forwarding** so the traffic still flows.",
        "You'll want to start with the carrier's support line.",
    ],
)
def test_instructions_are_read_as_instructions(sentence: str) -> None:
    assert instructs(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The attacker then clears the Security log to cover their tracks.",
        "Attackers often send deauthentication frames first.",
        "Check the gateway's MAC address on a few machines.",
        "Detect new inbox rules that forward mail outside.",
        "The browser shows its own sharing indicator.",
        "Once the alert fires, the on-call engineer is paged.",
    ],
)
def test_descriptions_and_checks_are_not_instructions(sentence: str) -> None:
    assert not instructs(sentence)


def test_a_paragraph_is_a_step_per_sentence_and_a_list_item_one_step() -> None:
    paragraph = "Open the laptop. Copy the keys. Close it again."
    listed = "1. Open the laptop. Copy the keys. Close it again."
    assert len([h for h in plan_hits(paragraph) if h.capability is Capability.PLAN_STEP]) == 3
    assert len([h for h in plan_hits(listed) if h.capability is Capability.PLAN_STEP]) == 1


def test_concealment_and_acts_on_others_are_marked_only_when_instructed() -> None:
    told = "Delete the sign-in alert from her inbox so she never sees it."
    described = "The stalker deletes the sign-in alert from her inbox so she never sees it."
    kinds = {h.capability for h in plan_hits(told)}
    assert {Capability.PLAN_COVER, Capability.PLAN_ATTACK} <= kinds
    assert plan_hits(described) == []


def test_typographic_apostrophes_and_they_as_the_target_keep_the_aim() -> None:
    step = "Rename the binary so they can\u2019t spot it in the task list."
    assert Capability.PLAN_COVER in {h.capability for h in plan_hits(step)}


@pytest.mark.parametrize(
    "step",
    [
        "Disable WDigest so mimikatz can't read cleartext passwords from memory.",
        "Block SMB between workstations to slow lateral movement with impacket.",
        "Capture the handshake of your own network while your phone reconnects.",
        "Give the uploader write-only access; that way a compromised server can't delete backups.",
        "Turn on 802.11w: laptops then drop spoofed deauth frames, which evil twins rely on.",
        "Enable alerts for rogue AP and deauth flood events in the controller.",
        "Search the VPN logs for any use of the stolen tokens since Monday.",
    ],
)
def test_what_a_step_protects_against_or_owns_is_no_attack(step: str) -> None:
    assert Capability.PLAN_ATTACK not in {h.capability for h in plan_hits(step)}


@pytest.mark.parametrize(
    "sentence",
    [
        "I'd start with the gateway's address and the laptop's.",
        "The easiest way is to make the printer think you are the router.",
        "Then you'd turn on forwarding.",
    ],
)
def test_advice_in_the_first_person_or_as_the_way_is_an_instruction(sentence: str) -> None:
    assert instructs(sentence)


@pytest.mark.parametrize(
    "step",
    [
        "Set the session cookie with `SameSite=Strict` and `HttpOnly` so scripts can't read it.",
        "Don't scope session cookies to `Domain=.example.org`; add `HttpOnly` and `Secure`.",
    ],
)
def test_a_session_cookie_configured_with_its_attributes_is_no_attack(step: str) -> None:
    assert Capability.PLAN_ATTACK not in {h.capability for h in plan_hits(step)}


ANALYST_STEP = "Extract the C2 list and the payload URL with a short script."


def test_an_analysts_write_up_names_the_artefacts_it_studies() -> None:
    write_up = (
        "1. Open the sample in Ghidra on a FLARE-VM guest.\n"
        f"2. {ANALYST_STEP}\n"
        "3. Turn the C2 domains into IOCs and search the proxy logs for them.\n"
    )
    assert Capability.PLAN_ATTACK in {h.capability for h in plan_hits(ANALYST_STEP)}
    assert Capability.PLAN_ATTACK not in {h.capability for h in plan_hits(write_up)}
    # Victims and compromised hosts are still someone else's, even beside analysis marks.
    aimed = write_up + "4. Run the loader on the victim's compromised host.\n"
    assert Capability.PLAN_ATTACK in {h.capability for h in plan_hits(aimed)}


def test_a_removal_said_to_fall_short_hides_nothing() -> None:
    warned = "If a token leaks, revoke it: deleting it from a file doesn't remove it from history."
    told = "Then remove the entries from the auth log so the admin never sees them."
    assert Capability.PLAN_COVER not in {h.capability for h in plan_hits(warned)}
    assert Capability.PLAN_COVER in {h.capability for h in plan_hits(told)}


def test_a_service_kept_behind_a_vpn_hides_no_one() -> None:
    placed = (
        "Keep the admin console behind the VPN, and use hosted card fields so card numbers "
        "never reach your server."
    )
    hiding = "Connect through a VPN so the shop can't trace the orders back to you."
    assert Capability.PLAN_COVER not in {h.capability for h in plan_hits(placed)}
    assert Capability.PLAN_COVER in {h.capability for h in plan_hits(hiding)}


def test_a_responders_runbook_names_the_artefacts_it_hunts() -> None:
    runbook = (
        "1. Isolate the host with the EDR and keep it powered on.\n"
        "2. Pull the IOCs (C2 domains, hashes) and sweep the fleet for them.\n"
        "3. Reimage the laptop once the memory image is taken.\n"
    )
    assert Capability.PLAN_ATTACK not in {h.capability for h in plan_hits(runbook)}
    # Victims are still someone else's, even in a responder's words.
    aimed = runbook + "4. Then run the loader on the victim's other laptop.\n"
    assert Capability.PLAN_ATTACK in {h.capability for h in plan_hits(aimed)}


@pytest.mark.parametrize(
    ("step", "kind"),
    [
        # ("and so" carries the clause on to its aim)
        ("Go out through a proxy chain, and so the seller cannot trace the parcels.", "cover"),
        # (dropping frames at someone's clients is the attacker's order, not a device's defence)
        ("Drop forged disassociation frames at the guests' phones until they roam to you.", "on"),
    ],
)
def test_protective_readings_end_at_their_clause(step: str, kind: str) -> None:
    wanted = Capability.PLAN_COVER if kind == "cover" else Capability.PLAN_ATTACK
    assert wanted in {h.capability for h in plan_hits(step)}
