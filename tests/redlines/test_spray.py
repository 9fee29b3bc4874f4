"""A sprayed account's name taken out of the loop's search result is followed (`spray.py`)."""

from __future__ import annotations

from redline.redlines.spray import _derived

_LOOP = frozenset({"lockout:threshold", "lockout:count", "entry"})


def test_a_typed_assignment_from_the_loop_name_is_the_same_account() -> None:
    line = "    [string]$who = $entry.Properties['samaccountname'][0]"
    assert _derived(line, _LOOP) == {"who"}


def test_an_assignment_from_elsewhere_is_not_followed() -> None:
    assert not _derived("    [string]$who = $config.Operator", _LOOP)
