"""Where a download on a line may have saved to (`code.saved_names`): the names a later run of
the file is looked for by."""

from __future__ import annotations

import pytest

from redline.redlines.code import saved_names


@pytest.mark.parametrize(
    ("line", "saved"),
    [
        # an option that is not data does not end the command's words (no output option names
        # the destination: it is read among the words after the address)
        ("curl https://cdn.example/a -L --create-dirs --output-dir /tmp/stage -O", "/tmp/stage"),
        (
            r"Start-BitsTransfer https://cdn.example/u.bin -Priority High C:\Users\Public\svc.exe",
            r"C:\Users\Public\svc.exe",
        ),
        # the folder wget saves into (`-P`, `--directory-prefix`)
        ("wget -q -P /tmp/stage https://cdn.example/pkg", "/tmp/stage"),
        ("wget --directory-prefix=/var/tmp/.x https://cdn.example/pkg", "/var/tmp/.x"),
        ("curl -s https://cdn.example/a -H 'X-Key: k' -o /tmp/.a", "/tmp/.a"),
    ],
)
def test_a_download_saves_to(line: str, saved: str) -> None:
    assert saved in saved_names(line)


@pytest.mark.parametrize(
    ("line", "sent"),
    [
        # what follows a data option is sent, not where anything is saved
        ('curl -X POST https://hooks.example/notify -d text="build-$(git rev-parse HEAD)"', "text"),
        ('curl https://api.example/v1/items --json \'{"name": "deploy.sh"}\'', "deploy.sh"),
        ("curl https://api.example/upload -F file=@report.pdf", "file=@report.pdf"),
        ("wget https://api.example/hook --post-data 'job=nightly.sh'", "job=nightly.sh"),
        ("Invoke-WebRequest https://api.example/hook -Method Post -Body $runner", "$runner"),
        ("curl https://api.example/x --retry 3 -m 30", "30"),
        ("curl https://api.example/x -X POST", "POST"),
    ],
)
def test_data_sent_is_not_saved(line: str, sent: str) -> None:
    assert sent not in saved_names(line)
