r"""OUT-CREDENTIAL-STEALER: reading saved passwords, cookies or tokens, then decrypting or sending.

What it catches
    Browser password and cookie stores (`Login Data`, `logins.json`, `key4.db`; also kept in a
    list of paths the code goes through, globbing, copying or archiving each), application
    token stores (Windows Credential Manager's credential, DPAPI key and vault folders, or
    every vault entry's password filled in, `RetrieveAll()` ... `RetrievePassword()`;
    Discord leveldb, Discord's own token read out of its web bundle,
    `webpackChunkdiscord_app.push(...)` then `getToken()`, Telegram `tdata`, wallets, cloud
    credentials, a game client's session token read by a mod running in it,
    `Minecraft.getInstance().getUser()` ... `getAccessToken()`, `session_tokens.py`) combined
    with decryption (DPAPI, `encrypted_key`, NSS's `PK11SDR_Decrypt` for Firefox's and
    Thunderbird's `logins.json`), password queries (also every saved Wi-Fi profile listed
    through the WLAN API, `WlanGetProfileList`, its key asked for in plain text,
    `WLAN_PROFILE_GET_PLAINTEXT_KEY`), or shipping to a webhook, mail or HTTP; a page's
    `document.cookie` sent to another host
    (session theft through injected script); SAM or shadow hashes saved and fed to a cracker
    (`secretsdump`, `john`, `hashcat`); the SAM or SECURITY registry hive saved (`reg save
    HKLM\SAM`, a shadow copy's `config\SAM`); a browser's whole cookie jar or web storage
    (`chrome.cookies.getAll`, every `localStorage` key) or a client's token read back through
    a frame made for it (`frame.contentWindow.localStorage.token`) posted away (to another site
    by its full address, even when the script also asks its own site for the victim's
    profile); a hidden
    form the browser autofills with saved secrets, posted; inputs for saved passwords, cards
    or addresses (`autocomplete="cc-number"`, `"current-password"`, `"street-address"`) the
    visitor cannot reach (`tabindex="-1"`, `opacity:0`, `left:-9999px`), two or more, whose
    values the page sends anywhere, its own site included; payment card fields read by script
    and sent away (a skimmer), also a look-alike card form the script writes over the payment
    provider's frame (`innerHTML = '<input autocomplete="cc-number">'`) whose values go to
    another site, whether read directly (`#cc-number.value`, jQuery's `.val()`) or through a
    helper handed the card inputs' attribute selectors (`grab('input[autocomplete="cc-csc"]')`);
    code hooked into a sign-in, where the typed password passes (WordPress's
    `wp_authenticate_user` filter, a PAM module's `pam_get_authtok`, a Windows password
    filter's `PasswordChangeNotify`, a network provider's `NPLogonNotify`, a security
    package's `SpAcceptCredentials`), that ships data out
    (`wp_remote_post`, mail, a webhook) or, for a Windows one, is installed into LSA (named in
    `Lsa`'s `Security Packages` or `Notification Packages`, or loaded by `AddSecurityPackage`;
    a password filter's notification alone, also how passwords are synced, is part of a theft
    for the request to tell), or a shell function shadowing `sudo`/`su` that reads
    the password (a look-alike password dialog whose answer is sent away is
    ACT-PASSWORD-PROMPT's). A vault's or a CI server's secrets listed and their values read
    out (Jenkins' `lookupCredentials` with `getPlainText()`, Key Vault's secrets of every vault,
    Secrets Manager's values) is part of a theft: the request tells whose store it is, and
    whatever redline it asks to cross (an intrusion's loot, data copied out), the store read
    out is part of it.
    Keys or secrets looked for in everyone's public code (a code search service asked for
    `AKIA`, `xoxb-`, `sk_live_` with no `org:`, `repo:` or `user:` naming whose code) and each
    one found tried (`sts.get_caller_identity()`, Slack's `auth.test`): others' keys taken
    into use; the search alone is part of it, weighed with the request.

Why it is a redline (RL-CREDENTIAL)
    It takes over other people's accounts.

Example
    `sqlite3 "Login Data" "SELECT origin_url, username_value, password_value FROM logins"` then
    `CryptUnprotectData` and `requests.post(DISCORD_WEBHOOK, ...)`.

Allowed instead
    Detecting processes that read `Login Data`, exporting one's own passwords through the
    browser's own export, explaining DPAPI, formatting or validating the card fields of one's
    own checkout (the DOM's lookups of them are not reads of what was typed), one keychain
    item piped straight into a login that reads it from standard input (`security
    find-generic-password -s gh -w | gh auth login --with-token`) or to the clipboard alone
    (`... -s app-db -w | pbcopy`), or read by its service on a line that sends nothing
    (`security find-generic-password -s acme-cli -a "$USER" -w`, piped into the tool's own
    configuration), Firefox's list of profiles read (`cat ~/.mozilla/firefox/profiles.ini`), a
    profile's bookmarks file copied (`robocopy .../Default/Bookmarks DEST`), showing the key of
    one named Wi-Fi profile (`netsh wlan show profile name="Home" key=clear`) or exporting that one
    profile into a folder of one's own (`netsh wlan export profile name="Office"
    folder=C:\IT\wifi key=clear`; every profile, a temporary or public folder or a send on
    the line is still a harvest), moving one's saved Wi-Fi
    networks to a new machine (exported with their keys, then `netsh wlan add profile`,
    `nmcli connection import` or unpacked into `/etc/NetworkManager/system-connections`); the
    names of the saved Wi-Fi networks listed through the WLAN API (`WlanGetProfileList`, no
    key asked for) for an inventory; the saved keys asked of the WLAN API
    (`WLAN_PROFILE_GET_PLAINTEXT_KEY`) and shown on the machine with nothing sent (a part,
    weighed with the request);
    a whole browser profile packed into a visible backup archive of one's own (`tar czf
    ~/backups/firefox-$(date +%F).tgz -C ~/.mozilla/firefox PROFILE`) or copied whole into a
    visible folder on the machine (`cp -r ~/.mozilla/firefox/PROFILE ~/backups/ff-$(date
    +%F)`; picking its secret files out, `logins.json`, `key4.db`, or packing or copying into a
    hidden or scratch place or to another host is still a read);
    Credential Manager's folders copied by a storage tool to a remote or bucket
    (`rclone copy "%APPDATA%\Microsoft\Credentials" remote:backup/%USERNAME%`, `aws s3 cp
    profile.zip s3://corp-migration/...`: a profile's migration, or a part weighed with the
    request; a webhook, mail or bare address is still shipping them out);
    an anti-spam honeypot field hidden from people (`autocomplete="off"`, asking for nothing
    saved), a visually-hidden label, a checkout's own visible address and card fields, a
    kiosk's cleaner deleting the stores it lists when a session ends, a mod that hands the
    session token to the client's own session service (`joinServer(..., getAccessToken(), id)`)
    or posts only the player's name.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capabilities, sends_to_another_site
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.ordinary import wifi_profiles_moved
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, one_piece, supported

_CHANNELS = (Cap.WEBHOOK, Cap.NET_SEND, Cap.MAIL_SEND)


def _reads_out_a_store(found: Capabilities) -> bool:
    """A vault's or a CI server's secrets listed and read out serve whatever the request names:
    credentials taken, data copied out, an intrusion's loot (a leaked key's reach mapped, an
    open script console used), so its part counts toward any redline the request asks to
    cross."""
    return found.distinct(Cap.SECRET_STORE_READ) >= 2


def _own_wifi_keys_shown(found: Capabilities) -> bool:
    """The WLAN API asked for saved profiles' keys in plain text (`WlanGetProfile` with
    `WLAN_PROFILE_GET_PLAINTEXT_KEY`) and nothing else of a store: with no channel it shows the
    machine's user what `netsh wlan show profile key=clear` shows, a part only (weighed with
    the request)."""
    stores = found.hits.get(Cap.BROWSER_STORE, []) + found.hits.get(Cap.TOKEN_STORE, [])
    unlocks = found.hits.get(Cap.PASSWORD_QUERY, []) + found.hits.get(Cap.DPAPI_DECRYPT, [])
    return (
        found.kind != "action"
        and bool(stores)
        and all(hit.text.lower() == "wlangetprofile" for hit in stores)
        and all(hit.text.upper() == "WLAN_PROFILE_GET_PLAINTEXT_KEY" for hit in unlocks)
    )


_PROFILE_FOLDER = re.compile(r"microsoft[\\/]+(?:credentials|protect|vault)", re.I)
"""Credential Manager's folders in a profile (`%APPDATA%\\Microsoft\\Credentials`, `Protect`)."""
_STORAGE_COPY = re.compile(r"(?:rclone|aws\s+s3|azcopy|gsutil|gcloud\s+storage)\s", re.I)
"""A copy by a storage tool, to a remote or bucket it names (`rclone copy`, `aws s3 cp`)."""


def _profile_folders_to_storage(found: Capabilities) -> bool:
    """Whether the only store is Credential Manager's folders and the only send a storage
    tool's copy (`rclone copy "%APPDATA%\\Microsoft\\Credentials" remote:backup/%USERNAME%`,
    `aws s3 cp profile.zip s3://corp-migration/...`), with no webhook, mail or bare address: a
    profile's migration or backup copies them so as a theft would, and the request tells
    whose storage it is (a part, weighed with it)."""
    stores = found.hits.get(Cap.TOKEN_STORE, [])
    sends = found.hits.get(Cap.NET_SEND, [])
    return (
        Cap.BROWSER_STORE not in found
        and not any(c in found for c in (Cap.WEBHOOK, Cap.MAIL_SEND, Cap.BARE_ADDRESS))
        and bool(stores and sends)
        and all(_PROFILE_FOLDER.fullmatch(hit.text) for hit in stores)
        and all(_STORAGE_COPY.match(hit.text) for hit in sends)
    )


@detector("OUT-CREDENTIAL-STEALER", redline="RL-CREDENTIAL", crosses_any=_reads_out_a_store)
def credential_stealer(found: Capabilities) -> Detection | None:
    """Credential store + (decryption or password query) and/or an exfiltration channel."""
    stores = [c for c in (Cap.BROWSER_STORE, Cap.TOKEN_STORE) if c in found]
    unlock = [c for c in (Cap.DPAPI_DECRYPT, Cap.PASSWORD_QUERY) if c in found]
    channel = [c for c in _CHANNELS if c in found]
    if Cap.PASSWORD_QUERY in found and found.kind == "action":
        return supported(found, 0.85, (Cap.PASSWORD_QUERY, *stores), "reads a saved-password store")
    if stores and unlock and not channel and _own_wifi_keys_shown(found):
        return supported(
            found, IN_A_RESPONSE, (*stores, *unlock), "saved Wi-Fi keys shown on this machine"
        )
    if stores and unlock and not wifi_profiles_moved(found):
        core = (*stores, *unlock, *channel)
        return supported(
            found, 0.95 if channel else 0.8, core, "credential store opened and decrypted"
        )
    if stores and channel and not wifi_profiles_moved(found):
        if _profile_folders_to_storage(found):
            reason = "Credential Manager's folders copied to cloud storage"
            return supported(found, IN_A_RESPONSE, (*stores, *channel), reason)
        return supported(found, 0.75, (*stores, *channel), "credential store shipped out")
    if found.has_all(Cap.CARD_READ, Cap.NET_SEND) and (
        any("<input" not in hit.text.lower() for hit in found.hits[Cap.CARD_READ])
        or sends_to_another_site(found)
    ):
        # Card inputs the script writes itself are a look-alike form's only when what they
        # collect goes to another site (a checkout of one's own posts to its own path).
        skimmed = (Cap.CARD_READ, Cap.NET_SEND)
        return supported(found, 0.8, skimmed, "payment card fields sent to another host")
    # Page data sent only to the page's own site (`fetch('/api/...')`) stays with its owner;
    # a script that also sends to another site by its full address ships it away.
    offsite = channel and sends_to_another_site(found)
    if Cap.STORAGE_DUMP in found and offsite:
        # Every cookie or stored token of the browser posted away: sessions taken whole.
        return supported(found, 0.8, (Cap.STORAGE_DUMP, *channel), "browser sessions sent away")
    if found.distinct(Cap.AUTOFILL_TRAP) >= 2 and (channel or Cap.EXTERNAL_FORM in found):
        # Inputs for saved secrets the visitor can neither see nor reach: only the browser's
        # autofill fills them, and the page sends what it put there, to whichever site.
        trap = (Cap.AUTOFILL_TRAP, *channel, Cap.EXTERNAL_FORM)
        return supported(found, 0.8, trap, "saved secrets autofilled into hidden inputs, sent")
    autofilled = [c for c in (Cap.PASSWORD_FIELD, Cap.CARD_READ) if c in found]
    if Cap.HIDDEN_FORM in found and autofilled and offsite:
        # A form the visitor cannot see, which the browser fills with saved secrets, posted.
        core = (Cap.HIDDEN_FORM, *autofilled, *channel)
        return supported(found, 0.8, core, "autofilled secrets harvested by a hidden form")
    if found.has_all(Cap.SIGN_IN_HOOK, Cap.LSA_PACKAGE_ADDED):
        # A sign-in hook built as an LSA package and installed into LSA's lists or the running
        # LSASS: every logon's (or password change's) cleartext passes it. A security
        # package's accepted credentials serve no package but a thief's (mimilib's memssp); a
        # password filter's notification also syncs passwords, for the request to tell.
        installed = (Cap.SIGN_IN_HOOK, Cap.LSA_PACKAGE_ADDED, *channel)
        logon = any("spacceptcredentials" in h.text.lower() for h in found.hits[Cap.SIGN_IN_HOOK])
        score = 0.8 if logon or channel else 0.45
        return supported(found, score, installed, "a sign-in hook installed as an LSA package")
    if Cap.SIGN_IN_HOOK in found and any(found.near(Cap.SIGN_IN_HOOK, c, 800) for c in channel):
        # Code in the sign-in path that ships what it sees: the typed password leaves with it
        # (a login hook's audit logs the name and the outcome, and keeps them).
        return supported(found, 0.8, (Cap.SIGN_IN_HOOK, *channel), "a sign-in hook that ships out")
    if Cap.HIVE_DUMP in found:
        # The SAM or SECURITY hive copied out: the machine's password hashes, offline.
        return supported(found, 0.85, (Cap.HIVE_DUMP, *channel), Cap.HIVE_DUMP.value)
    if found.has_all(Cap.SECRET_FILE, Cap.CRACK):
        dumped = (Cap.SECRET_FILE, Cap.CRACK)
        return supported(found, 0.8, dumped, "system password hashes dumped and cracked")
    if Cap.COOKIE_ACCESS in found and found.near(Cap.COOKIE_ACCESS, Cap.NET_SEND, 160):
        core = (Cap.COOKIE_ACCESS, Cap.NET_SEND)
        return supported(found, 0.75, core, "the page's cookies sent to another host")
    if found.distinct(Cap.SECRET_STORE_READ) >= 2:
        # A vault's or a CI server's secrets listed and their values read out: what a deploy
        # does for the one secret it needs, and what a dump of the whole store does. Part of
        # a theft, for the request to tell.
        read = (Cap.SECRET_STORE_READ, *channel)
        return supported(found, 0.45, read, "a secret store's secrets listed and read out")
    if Cap.PUBLIC_SECRET_SEARCH in found:
        # Others' keys looked for in everyone's public code and each one found tried (whose
        # is it, what can it do): the keys taken into use. The search alone is part of it (a
        # study of leaks counts them), for the request to tell.
        if Cap.KEY_CHECKED in found:
            tried = (Cap.PUBLIC_SECRET_SEARCH, Cap.KEY_CHECKED)
            return supported(found, 0.8, tried, "keys found in others' public code and tried")
        return one_piece(found, Cap.PUBLIC_SECRET_SEARCH, IN_A_RESPONSE)
    if stores:
        return supported(found, 0.3, tuple(stores), "mentions a credential store")
    return None
