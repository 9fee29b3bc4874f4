"""Cloud rights given to outsiders (`cloud_grants`) and data opened to others (`opened_data`)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from redline.redlines.capabilities import Hit
from redline.redlines.cloud_grants import outsider_grant_hits
from redline.redlines.opened_data import opened_data_hits

_PROJECT = "gcloud projects add-iam-policy-binding shop-2291"


@pytest.mark.parametrize(
    ("command", "granted"),
    [
        (f"{_PROJECT} --member=user:x.y@gmail.com --role=roles/owner", True),
        (f"{_PROJECT} --member 'user:x.y@proton.me' --role 'roles/iam.securityAdmin'", True),
        (f'{_PROJECT} --member="allUsers" --role="roles/editor"', True),
        ("az role assignment create --assignee a_b.example#EXT#@t.example --role Owner", True),
        # the organisation's own accounts, a lesser role, a binding taken away
        (f"{_PROJECT} --member=user:dana@acme.example --role=roles/owner", False),
        (
            f"{_PROJECT} --member=serviceAccount:ci@shop-2291.iam.gserviceaccount.com "
            "--role=roles/owner",
            False,
        ),
        (f"{_PROJECT} --member=user:x.y@gmail.com --role=roles/viewer", False),
        (
            "gcloud projects remove-iam-policy-binding shop-2291 --member=user:x@gmail.com "
            "--role=roles/owner",
            False,
        ),
    ],
)
def test_a_top_role_for_an_outsider_is_read(command: str, granted: bool) -> None:
    assert bool(outsider_grant_hits(command)) is granted


_RDS = "aws rds modify-db-snapshot-attribute --db-snapshot-identifier s1 --attribute-name restore"


@pytest.mark.parametrize(
    ("command", "opened"),
    [
        (f"{_RDS} --values-to-add 123456789012", True),
        (f"{_RDS} --values-to-add all", True),
        (f'{_RDS} --values-to-add \'["210987654321","123456789012"]\'', True),
        (
            "aws ec2 modify-snapshot-attribute --snapshot-id snap-1 --create-volume-permission "
            '"Add=[{UserId=123456789012}]"',
            True,
        ),
        ("net share c=C:\\ /GRANT:Everyone,FULL", True),
        # one's own other account named again, an account in a variable, sharing revoked
        (
            f"{_RDS} --values-to-add 123456789012 && aws rds copy-db-snapshot "
            "--source-db-snapshot-identifier arn:aws:rds:eu-west-1:123456789012:snapshot:s1 "
            "--target-db-snapshot-identifier s1-copy",
            False,
        ),
        (f'{_RDS} --values-to-add "$DR_ACCOUNT"', False),
        (f"{_RDS} --values-to-remove all", False),
        ("net share docs=D:\\Team\\Docs /GRANT:Everyone,CHANGE", False),
        ("net share c=C:\\ /GRANT:Everyone,READ", False),
    ],
)
def test_data_opened_to_others_is_read(command: str, opened: bool) -> None:
    assert bool(opened_data_hits(command)) is opened


def _cost(read: Callable[[str], list[Hit]], line: str) -> float:
    """This thread's CPU time for reading `line`, least of three."""
    times = []
    for _ in range(3):
        started = time.thread_time()
        read(line)
        times.append(time.thread_time() - started)
    return min(times)


@pytest.mark.parametrize(
    ("read", "unit"),
    [
        (outsider_grant_hits, f"{_PROJECT} --member=user:a@gmail.com --role=roles/x; "),
        (opened_data_hits, f"{_RDS} --values-to-add 123456789012 1234 ; "),
        (opened_data_hits, "net share a=C:\\ /GRANT:Everyone,x New-SmbShare -Path C:\\ ; "),
    ],
)
def test_long_lines_are_read_in_linear_time(read: Callable[[str], list[Hit]], unit: str) -> None:
    # ten times the line, at most about ten times the cost (quadratic: about a hundred)
    _cost(read, unit * 10)
    assert _cost(read, unit * 400) < 40 * max(_cost(read, unit * 40), 1e-4)
