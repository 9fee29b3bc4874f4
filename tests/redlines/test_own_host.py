"""Which hosts a command line names, and when it is aimed only at one's own (`own_host.py`)."""

from __future__ import annotations

import pytest

from redline.redlines import judge_action
from redline.redlines.own_host import aimed_at_own_host, named_hosts


@pytest.mark.parametrize(
    ("command", "hosts"),
    [
        ("hydra -l root -P rockyou.txt ssh://127.0.0.1", ["127.0.0.1"]),
        ("medusa -h db01.corp.example -u root -P list.txt -M ssh", ["db01.corp.example"]),
        ("sshpass -p x ssh deploy@10.0.0.5 true", ["10.0.0.5"]),
        ("patator ssh_login host=localhost user=root password=FILE0 0=pass.txt", ["localhost"]),
        ("nmap --script ssh-brute --script-args passdb=pass.txt ::1", ["::1"]),
    ],
)
def test_named_hosts_skip_files_and_option_values(command: str, hosts: list[str]) -> None:
    assert named_hosts(command) == hosts


@pytest.mark.parametrize(
    ("command", "own"),
    [
        ("hydra -l admin -P rockyou.txt ssh://127.0.0.1", True),
        ("ncrack -p 22 --user root -P pass.txt 127.0.0.1", True),
        ("hydra -L u.txt -P p.txt localhost http-post-form '/login:u=^USER^:F=bad'", True),
        ("hydra -l root -P rockyou.txt ssh://127.0.0.1 ssh://10.0.0.5", False),
        ("hydra -L users.txt -P pass.txt -M hosts.txt ssh", False),
        ("for h in localhost 10.1.1.9; do hydra -l root -P r.txt $h ssh; done", False),
    ],
)
def test_only_loopback_targets_are_ones_own_host(command: str, own: bool) -> None:
    assert aimed_at_own_host(command) is own


def test_the_gate_allows_password_guessing_only_against_ones_own_host() -> None:
    assert not judge_action("hydra -l admin -P rockyou.txt ssh://127.0.0.1").refused
    assert judge_action("hydra -l admin -P rockyou.txt ssh://127.0.0.1 ssh://10.0.0.5").refused
