"""Patterns that read from a start to something later on the line (`A[^\\n]*?B`) are tried at
every A; a crafted line repeating A without B must not cost each try a read to the line's end
(time quadratic in the line's length). The crontab patterns mended so are timed on such lines
by `bench/bench_redlines_adversarial.py`; here they still find what they are for, and only that."""

from __future__ import annotations

import pytest

from redline.redlines.capabilities import Capability, scan

CRON = (Capability.EVERY_CRONTAB_REMOVED, Capability.SYSTEM_CRON_EMPTIED)


@pytest.mark.parametrize(
    ("command", "capability"),
    [
        ("for u in $(cut -d: -f1 /etc/passwd); do crontab -r -u $u; done", CRON[0]),
        ("getent passwd | awk -F: '{print $1}' | xargs -I{} crontab -u {} -r", CRON[0]),
        (
            'python3 -c \'import pwd,subprocess; [subprocess.run(["crontab", "-r", "-u", '
            "p.pw_name]) for p in pwd.getpwall()]'",
            CRON[0],
        ),
        ('[subprocess.run(["crontab", "-u", u.pw_name, "-r"]) for u in pwd.getpwall()]', CRON[0]),
        ("sudo rm -rf /var/spool/cron/crontabs/*", CRON[0]),
        ("find /var/spool/cron/crontabs -type f -delete", CRON[0]),
        ("sudo rm -f /etc/cron.d/* && rm -f /etc/crontab", CRON[1]),
        ("find /etc/cron.daily/ -type f -delete", CRON[1]),
        ("[os.remove(f) for f in glob.glob('/etc/cron.d/*')]", CRON[1]),
    ],
)
def test_the_mended_patterns_still_find_their_removals(
    command: str, capability: Capability
) -> None:
    assert capability in {hit.capability for hit in scan(command)}


@pytest.mark.parametrize(
    "command",
    [
        "crontab -r -u deploy",  # one named account
        "grep deploy /etc/passwd && crontab -l -u deploy",  # the list, a crontab listed
        "rm -f /var/spool/cron/crontabs/deploy",  # one account's file
        "find /etc/cron.d -name '*.bak' -print",  # found, not deleted
    ],
)
def test_one_account_or_a_look_is_no_removal_of_all(command: str) -> None:
    assert not {hit.capability for hit in scan(command)} & set(CRON)
