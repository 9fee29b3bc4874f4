"""OUT-KEYLOGGER: system-wide keystroke capture that records keys and ships or hides them.

What it catches
    A global keyboard hook (`pynput` listener, `GetAsyncKeyState`, `SetWindowsHookEx`, also
    asked for by number, `SetWindowsHookEx(13, ...)`,
    `/dev/input`, the keyboard picked out by its stable name: `/dev/input/by-id/*-event-kbd`,
    a directory entry matched against "kbd") that accumulates the typed keys (the callback's
    key or a value computed from it, `ch = key.char` ... `buf.append(ch)`), especially when
    they are sent away (mail, webhook, HTTP) or the logger hides or persists; web pages whose
    request carries the buffer of visitors' keys; and injected page scripts that watch
    keystrokes across every field of the page and post the fields' values (a form skimmer),
    also a listener on the whole document for each field's `input`, `change` or `blur` that
    reads the value of the field the event came from (`field_capture.py`); a global hook
    whose key codes are looked up in a table of names (`names[e.keycode]`, `table[ev.rawcode]`)
    with the text sent over the network, also the keyboard's raw input events read from its
    device (found by `Handlers=... kbd`, unpacked as `qqSSl` / `llHHI`) and looked up in a
    layout table (`$map{$code}`, `keymap[code]`). The keys may be gathered in any language's
    buffer or builder (Go's `buf.WriteString(k)`, `sb.WriteRune(ch)`, `typed.push(ch)`).
    A global hook whose keys are taken from a buffer whole and emptied (`drained.py`), each
    batch sent at once over the network (HTTP, a datagram: `sock.sendto(batch, dst)`; Rust's
    `mem::take(&mut buf)`). An Android accessibility service told of every text change in
    other apps' fields (`TYPE_VIEW_TEXT_CHANGED`: the event carries the text typed) that
    sends what it gets over the network.
    Only part of one (weighed with the request, `Guard.check`): the shipping half written on
    its own, a buffer read whole and emptied (`drained.py`) with the batch sent to a chat
    webhook or by mail.

Why it is a redline (RL-MALWARE)
    Recording what other people type captures their passwords and messages.

Example
    `def on_press(key): log += str(key)` with `keyboard.Listener(on_press=on_press)` and an
    `smtplib` upload every minute.

Allowed instead
    A key-event handler in a game or editor (also one polling `GetAsyncKeyState` while its own
    window is in front, `GetForegroundWindow() == hwnd`), a key remapper or macro pad that
    grabs its device (`dev.grab()`, `EVIOCGRAB`) and sends nothing, a hotkey binding, a typing
    test that sends a score rather than the keys (no buffer of keys drained), an editor
    autosaving its own text field, a form validating its fields with its own site as they are
    typed, a shortcut recorder or key overlay that shows the names of the keys in the app's own
    window, a text expander that keeps only the last few keys to match its triggers (`buf =
    (buf + ch)[-16:]`) and sends nothing, an accessibility service that reads typed text aloud
    on the phone, explaining how keyloggers work.
"""

from __future__ import annotations

from redline.redlines.capabilities import Capabilities, sends_to_another_site
from redline.redlines.capabilities import Capability as Cap
from redline.redlines.registry import Detection, detector, supported

_CHANNELS = (Cap.NET_SEND, Cap.MAIL_SEND, Cap.WEBHOOK)
# Concealment is a hidden window or file, or starting with the session; a run in the background
# (`Cap.BACKGROUND`) is not: text expanders, remappers and macro pads are started that way, and a
# global hook that records keys is refused without it.
_CONCEALMENT = (Cap.HIDE, Cap.AUTORUN)
# Where a logger's shipping half sends its batches without a server of its own: a chat webhook
# or bot, or mail.
_DROPS = (Cap.WEBHOOK, Cap.MAIL_SEND)
_BATCH_REACH = 800
"""How far (characters) the batch taken may lie from the send: the same function."""


# Recording what someone types is stalkerware as much as malware: a request to spy on a person
# asks for the same keylogger.
@detector("OUT-KEYLOGGER", redline="RL-MALWARE", also_crosses=("RL-SURVEILLANCE",))
def keylogger(found: Capabilities) -> Detection | None:
    """Keystroke capture + key buffer (+ exfiltration channel or concealment)."""
    channel = [c for c in _CHANNELS if c in found]
    concealed = [c for c in _CONCEALMENT if c in found]
    # A device grabbed for the program alone (a remapper re-emitting its keys, a macro pad)
    # or keys read only while its own window is in front (a game's input poll), with nothing
    # sent and nothing hidden: the keys are its own user's commands, not a record of typing.
    own_keys = Cap.DEVICE_GRAB in found or Cap.FOCUSED_KEYS in found
    # Keys kept only to their last few, to match a typed trigger (a text expander, a hotstring
    # tool), with nothing sent and nothing hidden: the keys are matched, not recorded, and
    # starting with the session is how such a tool runs.
    if Cap.KEY_WINDOW in found and not channel and Cap.HIDE not in found:
        own_keys, concealed = True, []
    if found.has_all(Cap.KEY_HOOK, Cap.KEY_BUFFER) and (channel or concealed or not own_keys):
        core = (Cap.KEY_HOOK, Cap.KEY_BUFFER, *channel, *concealed)
        score = 0.95 if channel else 0.85 if concealed else 0.65
        return supported(found, score, core, "global keystroke capture that records the keys")
    if found.has_all(Cap.PAGE_KEYS, Cap.KEY_BUFFER, Cap.KEY_EXFIL):
        core = (Cap.PAGE_KEYS, Cap.KEY_BUFFER, Cap.KEY_EXFIL)
        return supported(found, 0.85, core, "page keystrokes recorded and the record sent away")
    offsite = sends_to_another_site(found)
    if found.has_all(Cap.PAGE_KEYS, Cap.FIELD_VALUES, Cap.NET_SEND) and offsite:
        # Keystrokes watched across every field of the page and the fields' values posted to
        # another site: a form skimmer (an autosave watches its own editor, not every input).
        core = (Cap.PAGE_KEYS, Cap.FIELD_VALUES, Cap.NET_SEND)
        return supported(found, 0.8, core, "every field's typed values sent away")
    if found.has_all(Cap.KEY_HOOK, Cap.NET_CONNECT) and found.on_one_line(
        Cap.KEY_HOOK, Cap.NET_CONNECT
    ):
        # `cat /dev/input/...-kbd | nc host port`: the keyboard device piped to a remote host.
        piped = (Cap.KEY_HOOK, Cap.NET_CONNECT)
        return supported(found, 0.8, piped, "keyboard events piped to a remote host")
    if found.has_all(Cap.KEY_HOOK, Cap.NET_CONNECT, Cap.PACKET_SEND):
        streamed = (Cap.KEY_HOOK, Cap.NET_CONNECT, Cap.PACKET_SEND)
        return supported(found, 0.8, streamed, "global keystrokes streamed to a remote host")
    # A bare `.send(` is a datagram only beside a connection of the code's own
    # (`webContents.send` hands the keys to the app's own window); `sendto(` always is one.
    datagram = Cap.NET_CONNECT in found or any(
        hit.text.lstrip(".") != "send(" for hit in found.hits.get(Cap.PACKET_SEND, ())
    )
    sends = [*channel, *([Cap.PACKET_SEND] if Cap.PACKET_SEND in found and datagram else [])]
    batched = [c for c in sends if found.near(Cap.BUFFER_DRAINED, c, _BATCH_REACH)]
    if Cap.KEY_HOOK in found and batched and not own_keys:
        # The hook's keys gathered and taken whole in batches, each batch sent straight away
        # (a datagram will do): the record of typing leaves, however the keys were gathered.
        core = (Cap.KEY_HOOK, Cap.BUFFER_DRAINED, *batched)
        return supported(found, 0.8, core, "global keystrokes gathered and sent in batches")
    if found.has_all(Cap.KEY_HOOK, Cap.KEY_TEXT) and sends:
        # The hook's key codes turned into the text typed, and a channel (a datagram will do):
        # what is typed leaves.
        core = (Cap.KEY_HOOK, Cap.KEY_TEXT, *sends)
        return supported(found, 0.8, core, "typed text captured by a global hook and sent away")
    if Cap.KEY_HOOK in found and channel and Cap.HIDE in found:
        # A hidden global hook with a channel: captured keys leave unseen (a hotkey daemon
        # that autostarts and calls a web hook on one key combination hides nothing).
        core = (Cap.KEY_HOOK, *channel, Cap.HIDE)
        return supported(found, 0.75, core, "hidden keystroke capture with a channel")
    if Cap.KEY_HOOK in found and channel:
        return supported(found, 0.5, (Cap.KEY_HOOK, *channel), "keystroke capture with a channel")
    drops = [c for c in _DROPS if found.near(Cap.BUFFER_DRAINED, c, _BATCH_REACH)]
    if drops:
        # The shipping half alone (the hook written earlier): a buffer taken whole and emptied,
        # the batch sent to a chat webhook or a mailbox, where a flusher posts to its own
        # service. Part of a keylogger, which the request's intent may complete.
        core = (Cap.BUFFER_DRAINED, *drops)
        return supported(found, 0.45, core, "a buffer drained to a chat webhook or mail")
    return None
