"""A sprayed account's name taken out of the loop's search result is followed (`spray.py`)."""

from __future__ import annotations

from redline.redlines.spray import spray_names

_READ = frozenset({"lockout:threshold", "lockout:count", "entry"})


def test_a_typed_assignment_from_the_loop_name_is_the_same_account() -> None:
    line = "    [string]$who = $entry.Properties['samaccountname'][0]"
    assert "who" in spray_names(line, _READ)


def test_an_assignment_from_elsewhere_is_not_followed() -> None:
    line = "    [string]$who = $config.Operator"
    assert "who" not in spray_names(line, _READ)
