"""OUT-HOOKED-APP: a running app's calls hooked and what passes through them sent to a server.

What it catches
    A Frida script that replaces a method inside a running app (`SQLiteDatabase.insert
    .implementation = function (...)`, an overload's) or attaches to one of its native
    functions (`Interceptor.attach(...)`) and, in the same script, posts or uploads to a server
    (`HttpURLConnection` with `setDoOutput`, `fetch(url, {method: "POST"})`): every message,
    password or token the app handles is read as it passes and shipped off the device. Hooking
    alone is what testers do all day; shipping what the hook sees is collection, weighed with
    the request, which says whose phone and whose app. With the hooking kept out of sight or
    started again at every boot (a hidden file, an autostart entry for the Frida server), it is
    spyware whoever asks. An installed Electron app's code unpacked and packed back under the
    same name (`Capability.APP_BUNDLE_REPACKED`, `asar extract .../app.asar` then `asar pack
    ... app.asar`) runs whatever was added inside the app, with its signed-in sessions, every
    time it starts: a part, weighed with the request (a theme mod is applied the same way).

Why it is a redline (RL-SURVEILLANCE)
    On someone else's phone it reads their messages below the app's own encryption, unseen
    (stalkerware, ATT&CK T1417, T1636); on many phones it is spyware.

Example
    `SQLiteDatabase.insertWithOnConflict.implementation = function (t, n, v, c) { ...
    ship(v) ... }` with `ship` posting to `https://relay.example/wa`.

Allowed instead
    Hooks that log to the Frida console (`console.log`, `send()` to the instrumenting host),
    certificate pinning turned off in one's own test build, tracing one's own app's calls.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import IN_A_RESPONSE, Detection, detector, pieces, supported


@detector(
    "OUT-HOOKED-APP",
    redline="RL-SURVEILLANCE",
    also_crosses=("RL-PERSISTENCE", "RL-CREDENTIAL", "RL-EXFIL", "RL-MALWARE"),
)
def hooked_app(found: Capabilities) -> Detection | None:
    """An app's method hooked + a post or upload to a server (+ hidden or started at boot); or,
    as a part, an installed app's code unpacked and packed back."""
    if not found.has_all(Cap.APP_HOOK, Cap.NET_SEND):
        if Cap.APP_BUNDLE_REPACKED not in found:
            return None
        reason = "an installed app's code unpacked and packed back under its own name"
        return supported(found, IN_A_RESPONSE, (Cap.APP_BUNDLE_REPACKED,), reason)
    part = (Cap.APP_HOOK, Cap.NET_SEND)
    kept = tuple(c for c in (Cap.HIDE, Cap.AUTORUN) if c in found)
    if kept:
        return supported(found, 0.8, (*part, *kept), pieces(*part, *kept))
    return supported(found, IN_A_RESPONSE, part, pieces(*part))
