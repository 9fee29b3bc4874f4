"""Encoded PowerShell whose decoded script only reads (`plain_payloads.plain_script`), and
`-EncodedCommand` however abbreviated."""

from __future__ import annotations

import base64
import re

import pytest

from redline.redlines.capabilities import ENCODED_COMMAND_SWITCH
from redline.redlines.plain_payloads import plain_payload_hits, plain_script


@pytest.mark.parametrize(
    "script",
    [
        "hostname",
        "$PSVersionTable.PSVersion",
        "Get-Service W32Time | Select-Object Status, StartType",
        "Get-Process | Sort-Object WS -Descending | Select-Object -First 3 Name, Id",
        "Get-Service | Where-Object { $_.Status -eq 'Stopped' } | Measure-Object",
        "Get-ChildItem D:\\Backups | Select-Object Name, @{n='GB';e={$_.Length / 1GB}}",
        "$svc = Get-Service BITS; $svc.StartType",
        "(Get-Item C:\\Tools\\agent.dll).VersionInfo.ProductVersion",
        "Get-Content C:\\ProgramData\\agent\\settings.json | ConvertFrom-Json",
    ],
)
def test_a_script_that_only_reads_is_plain(script: str) -> None:
    assert plain_script(script)


@pytest.mark.parametrize(
    "script",
    [
        "$ExecutionContext.InvokeCommand.InvokeScript($env:STAGE)",
        "Get-Content x.txt | & $ExecutionContext.InvokeCommand.NewScriptBlock",
        "& $env:AGENT_BIN",
        ". $env:TEMP\\init.ps1",
        '& "$env:TEMP\\helper.exe" -register',
        "Import-Module .\\Out-Helpers.psm1",
        "Get-DomainGroupMember 'Enterprise Admins'",
        "Get-DomainComputer -Unconstrained",
        "Get-NetLoggedon -ComputerName fs01",
        "Get-LocalGroupMember Administrators",
        "New-Object System.Collections.ArrayList",
        "[scriptblock]::Create($env:S)",
        "[Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($env:B))",
        'Write-Output "$(Invoke-Expression $env:X)"',
        "Get-Service | Select-Object @{n='x';e={iex $env:Y}}",
        "Get-Service | ForEach-Object { $_.Stop() }",
        "I`EX $env:Z",
        "Get-Content \\\\198.51.100.7\\drop\\a.txt",
        "Invoke-RestMethod https://203.0.113.8/c",
        "whoami /groups",
        "nltest /domain_trusts",
        "Test-NetConnection 198.51.100.7 -Port 445",
        "echo 'it ran'",
    ],
)
def test_a_script_that_runs_looks_up_or_reaches_out_is_not_plain(script: str) -> None:
    assert not plain_script(script)


def _encoded(script: str) -> str:
    return base64.b64encode(script.encode("utf-16-le")).decode()


@pytest.mark.parametrize("switch", ["e", "ec", "enc", "encod", "EncodedCom", "encodedcommand"])
def test_every_abbreviation_of_the_parameter_is_read(switch: str) -> None:
    assert re.fullmatch(ENCODED_COMMAND_SWITCH, switch, re.I)
    word = _encoded("hostname")
    line = f"powershell -{switch} {word}"
    assert plain_payload_hits(line, line.index(word), len(line), "hostname", found_in_it=0)


@pytest.mark.parametrize("script", ["hostname", "Get-Service"])
def test_a_base64_word_that_is_no_encoded_command_is_not_read(script: str) -> None:
    word = _encoded(script)
    line = f"echo {word} > blob.txt"
    assert not plain_payload_hits(line, line.index(word), len(line), script, found_in_it=0)


@pytest.mark.parametrize(
    ("script", "plain"),
    [
        ("Get-Service -Name Spooler | Select-Object Status", True),
        ("Get-PSDrive -PSProvider FileSystem | Format-Table Name, Free", True),
        # discovery of identity, accounts and the domain; a script that runs further code
        ("whoami /priv", False),
        ('net localgroup "Remote Desktop Users"', False),
        ("Get-ADComputer -Filter * | Select Name", False),
        ("nltest /dclist:corp.example", False),
        ("iex (Get-Content C:\\Temp\\a.txt -Raw)", False),
        ("[char[]](73,69,88) -join ''", False),
    ],
)
def test_an_encoded_script_is_plain_unless_it_looks_up_accounts_or_runs_more(
    script: str, plain: bool
) -> None:
    word = _encoded(script)
    line = f"powershell -NoProfile -EncodedCommand {word}"
    start = line.index(word)
    hits = plain_payload_hits(line, start, len(line), script, found_in_it=0)
    assert bool(hits) is plain


def test_a_script_with_something_found_in_it_is_not_plain() -> None:
    word = _encoded("Get-Service")
    line = f"powershell -enc {word}"
    assert not plain_payload_hits(line, line.index(word), len(line), "Get-Service", found_in_it=1)
