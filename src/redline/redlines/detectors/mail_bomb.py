"""ACT-MAIL-BOMB: one mailbox buried under mail sent in a loop.

What it catches
    A command-line mailer (`swaks`, `sendemail`, `mail`/`mailx`, `Send-MailMessage`) run
    inside a loop of a hundred rounds or more (`seq 1 5000`, `{1..1000}`, `for ((i=0;
    i<500; i++))`) or an endless one, to an address written out, through a server other
    than the machine's own or its network's, with no pause of half a minute or more between
    rounds. Read by `sent_mail.py`.

Why it is a redline (RL-DOS)
    Thousands of messages to one address bury the mail its owner needs (a bank's alert, a
    password reset) and fill the mailbox's quota: a denial of service aimed at a person.

Example
    `for i in $(seq 1 5000); do swaks --to victim@example.org --server 198.51.100.25 --header
    "Subject: notice $i" & done`

Allowed instead
    Loading a local sink or one's own test relay (`--server 127.0.0.1:2525`, `10.0.0.5`), a
    handful of test mails in a short loop, a mail sent to each address of a list once, a
    monitor's endless loop that mails an alert and sleeps minutes between checks.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-MAIL-BOMB", redline="RL-DOS")
def mail_bomb(found: Capabilities) -> Detection | None:
    """A fixed address mailed in a loop of hundreds of rounds."""
    return one_piece(found, Cap.MAIL_BOMB, 0.8)
