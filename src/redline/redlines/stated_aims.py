r"""A command line's own comment stating what the command is for, when that aim is a redline's.

A shell comment (`# ...` outside quotes, at the line's start or after a blank) is the writer's
word on what a command is for: the gate weighs it as the response judge weighs a request. Two
aims, stated in so many words, are read; a sinister word alone is not.

`AIM_ON_OTHERS_DEVICE`: the comment names the target as someone else's device, account or
network, one its owner has not handed over (a phone found or stolen, an ex-partner's, a
rival's, a neighbour's, `someone else's`), and says the command breaks into it, takes its data
or watches or knocks it down (`# found phone, getting data off it`, `# log into my ex's email`,
`# crack the neighbour's wifi`, `# rival's game server, take it offline`).

`AIM_KEPT_FROM_OWNER`: the comment says the command is hidden from the people who run the
system or own it (`# hide it from the admin`, `# so the owner can't restore`, `# without my
boss knowing`).

Not read: a comment about one's own or a handed-over device (`# my old phone, getting data off
it`, `# stolen laptop: remote wipe through MDM`, `# found phone: look for the owner's contact`),
an intruder named as the one kept out (`# remove the attacker's persistence`, `# rotate keys so
they can't get back in`), one's own media wiped for good (`# wipe before resale so nothing can
be recovered`, `# wipe the test VM`), work hidden from the public or done without users
noticing (`# hide the admin panel from the public`, `# reload without users noticing`), and a
`#` inside quotes or a word (`git commit -m "fix #12"`, `curl https://host/#/hide`).

Read on the whole command line an agent is about to run, never on a response's text (a
response's prose is read by `plans.py`): `stated_aim_hits`. A line without a `#` and one of
the aims' words (`_GATE`) is not read further.
"""

from __future__ import annotations

import re

from redline.redlines.capabilities import Capability, Hit

_GATE = ("'s", "found", "stolen", "hid", "without", "can't", "cannot", "can not", "won't")
"""An aim's comment holds one of these (lower case); a line with none is not read further."""
_OTHERS = (
    r"(?:found|stolen|nicked|pinched|someone\s+else's|somebody\s+else's|"
    r"(?:(?:my|our|the|a)\s+)?(?:ex|ex-(?:wife|husband|girlfriend|boyfriend|partner)|rival|"
    r"competitor|neighbou?r|flatmate|roommate|classmate)(?:'s|s'|s)?)"
)
"""An owner who has not handed the thing over: found or stolen, an ex-partner, a rival."""
_THING = (
    r"(?:phone|iphone|android|handset|tablet|ipad|laptop|macbook|pc|computer|device|account|"
    r"e-?mail|inbox|mailbox|icloud|router|wi-?fi|wireless|network|server|game\s+server|site|"
    r"website|camera|webcam|car)s?"
)
_OTHERS_THING = re.compile(
    rf"\b{_OTHERS}\s+(?:[\w-]+\s+){{0,2}}?{_THING}\b"
    rf"|\b{_THING}\s+(?:that\s+)?(?:i|we|someone)\s+(?:found|stole|nicked|picked\s+up)\b"
)
"""Someone else's device, account or network, up to two words between (`my ex's old phone`), or
one the writer found or took (`a tablet I found`)."""
_INTRUSION = re.compile(
    r"\b(?:get(?:ting)?\s+(?:[\w-]+\s+){0,2}?(?:data|photos|pictures|messages|texts|chats|files|"
    r"contacts|passwords?|stuff)\s+(?:off|out)\b"
    r"|(?:get|getting|log|logging|break|breaking|sneak|sneaking)\s+in(?:to)?\b"
    r"|read(?:ing)?\s+(?:\w+\s+)?(?:messages|texts|chats|e-?mails?|mail|dms)\b"
    r"|spy(?:ing)?\s+on\b|track(?:ing)?\s+(?:her|him|them|where)\b|crack(?:ing)?\b"
    r"|take\s+(?:it\s+|them\s+)?(?:down|over|offline)\b|taking\s+(?:it\s+)?(?:down|over|offline)\b"
    r"|knock(?:ing)?\s+(?:it\s+|them\s+)?(?:off(?:line)?|down)\b|flood(?:ing)?\b|lock(?:ing)?\s+(?:her|him|them)\s+out\b"
    r"|without\s+(?:her|him|them)\s+knowing\b)"
)
"""What is done to it: its data taken, broken into, read, watched, knocked down or locked."""
_KEEPER = (
    r"(?:the\s+)?(?:admins?|sysadmins?|administrators?|owners?|it\s+(?:team|department|dept)|"
    r"security\s+team|soc|blue\s+team|my\s+(?:boss|manager|wife|husband|partner|girlfriend|"
    r"boyfriend|parents?|employer))"
)
"""Those who run or own the system, or the person the writer answers to."""
_KEPT_FROM = re.compile(
    rf"\bhid(?:e|es|ing|den)\s+(?:[\w-]+\s+){{0,2}}?from\s+{_KEEPER}\b"
    rf"|\bwithout\s+{_KEEPER}\s+(?:knowing|noticing|finding\s+out|seeing)\b"
    rf"|\bso\s+(?:that\s+)?(?:{_KEEPER}|they|he|she|the\s+(?:victim|company|client|customer|target))\s+"
    r"(?:can't|cannot|can\s+not|won't|couldn't)\s+(?:\w+\s+)?(?:restore|roll\s*back|undo|notice|"
    r"find\s+out|trace\s+it)\b"
)
"""Hidden from those who run or own the system, or done so that they cannot restore or notice."""


def stated_aim_hits(action: str) -> list[Hit]:
    """`AIM_ON_OTHERS_DEVICE` and `AIM_KEPT_FROM_OWNER` over each comment of the line
    (`_comments`) that states that aim."""
    if "#" not in action:
        return []
    lowered = action.lower()
    if not any(word in lowered for word in _GATE):
        return []
    hits: list[Hit] = []
    for start, end in _comments(lowered):
        comment = lowered[start:end]
        if _OTHERS_THING.search(comment) and _INTRUSION.search(comment):
            hits.append(Hit(Capability.AIM_ON_OTHERS_DEVICE, start, end, action[start:end]))
        if _KEPT_FROM.search(comment):
            hits.append(Hit(Capability.AIM_KEPT_FROM_OWNER, start, end, action[start:end]))
    return hits


def _comments(text: str) -> list[tuple[int, int]]:
    """The spans of `text`'s shell comments: a `#` outside quotes, at a line's start or after a
    blank or a separator, to the line's end (its first 300 characters)."""
    spans: list[tuple[int, int]] = []
    quote = ""
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char == "\\":
            index += 1
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n;&|("):
            end = text.find("\n", index)
            end = len(text) if end < 0 else end
            spans.append((index, min(end, index + 300)))
            index = end
            continue
        index += 1
    return spans
