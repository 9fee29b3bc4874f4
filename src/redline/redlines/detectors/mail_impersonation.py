"""ACT-MAIL-IMPERSONATION: a payment or account lure mailed in someone else's name.

What it catches
    A command-line mailer (`swaks`, `sendemail`, `mail`/`mailx`, `Send-MailMessage`) sending
    mail whose subject or body asks for money in a hurry (an urgent wire, a vendor payment
    before three, gift cards, new bank details) or says an account is limited or must be
    verified, in the name of an address (`--from`, `--h-From`, a `From:` header) whose replies
    are diverted to another domain (`--h-Reply-To`), or handed to a server that is not that
    address's domain's own (a bare public address, another domain's host), or sent down a
    list of recipients (`--to victims.txt`, a loop reading a file). Read by `sent_mail.py`.

Why it is a redline (RL-CREDENTIAL)
    It is the business-email-compromise and brand-phishing mail itself: a finance clerk told
    by "the CEO" to wire money today, a customer told by "PayPal" that their account is
    limited. The sender's own domain does not send it through a stranger's relay, nor divert
    its answers elsewhere.

Example
    `swaks --server 203.0.113.25 --from ceo@victimcorp.example --to finance@victimcorp.example
    --header 'Subject: Urgent wire today' --body 'Please process the vendor payment before 3pm.'`

Allowed instead
    Testing one's own mail server from and through one's own domain (`swaks --to
    postmaster@ourcompany.example --from itops@ourcompany.example --server
    mail.ourcompany.example`), a local sink (`--server localhost:1025`), a DMARC spoofing test
    that asks for nothing, an invoice sent through one's own domain's server.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, one_piece


@detector("ACT-MAIL-IMPERSONATION", redline="RL-CREDENTIAL")
def mail_impersonation(found: Capabilities) -> Detection | None:
    """A lure mailed in a name whose replies or relay are another's, or down a list."""
    return one_piece(found, Cap.MAIL_IMPERSONATION, 0.8)
