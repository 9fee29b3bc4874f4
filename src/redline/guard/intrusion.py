"""Asks for the steps of an intrusion: refused whatever the classifier scores.

What it catches: a request for a procedure ("explain how to", "how do I", "give me a guide
to", "a plan for", "the easiest way to") whose object is an act that is unauthorised by its
very words, on a system, an account or data that is not said to be the requester's own:

- breaking in: "explain how to hack into a hospital's records system", "a tutorial on
  breaking into a corporate VPN", "how can I gain unauthorised access to the grading database";
- taking: "describe how to steal credit card numbers from a shopping site", "the easiest way
  to take over someone's account";
- spying: "how do I read my girlfriend's messages", "teach me to spy on my coworker's screen";
- knocking over: "how to take down a rival's game server".

Why it is a redline: the constitution forbids "step-by-step intrusion aimed at systems the
requester does not own" (RL-EXPLOIT), and credential theft, exfiltration, surveillance and
denial of service likewise (RL-CREDENTIAL, RL-EXFIL, RL-SURVEILLANCE, RL-DOS). "Explain how
to" asks for the steps, not for the mechanism: the classifier reads "explain" as a sign of
teaching and can score such asks low, so this rule is a floor under its score, never a
ceiling: it can only refuse.

What is allowed instead, and left to the classifier: how an attack works ("how do attackers
break into Wi-Fi networks?"), defending against it ("how do I stop people hacking into my
router", "how can I tell if someone broke into my email"), getting back into one's own
account or device ("how do I hack into my own router, I forgot the password"), and any ask
that states a defensive, own-lab or authorised purpose, which the classifier weighs. As with
the other floors, a claim of authorisation does not itself refuse anything; it only hands the
request back to the classifier.
"""

from __future__ import annotations

import re

import ahocorasick

from redline.guard.framing import without_framing
from redline.guard.outright import AttackTool, OutrightAsk

# The ask is for a procedure: the steps, a guide, the way to do it.
_PROCEDURE = (
    r"(?:(?:explain|describe|detail|outline|show|teach|tell|walk)(?: me| us)?(?: through)?"
    r"(?: (?:exactly|precisely|in detail|step[- ]by[- ]step))?"
    r" how (?:to|i (?:can|could|would|should|might)|we (?:can|could|would|should)"
    r"|one (?:can|could|would)|you (?:can|could|would|might)|someone like me (?:can|could))"
    r"|(?:guide|tutorial|walk-?through|instructions|steps|plan|strategy|method|methods|ways"
    r"|manual|playbook|recipe|blueprint|procedure|how-?to|tips|tricks)"
    r"(?: \w+){0,2}? (?:on|for|to|about|explaining|describing|showing|detailing)"
    r"(?: (?:how|the way) (?:to|i (?:can|could)|we (?:can|could)|one (?:can|could)))?"
    r"|how (?:do|can|could|would|should|might|will) (?:i|we|one|you)"
    r"(?: (?:possibly|best|easily|quickly|actually|successfully|go about))*"
    r"|how to|how i (?:can|could|would)|how we (?:can|could|would)"
    r"|(?:best|easiest|quickest|fastest|simplest|safest|surest|cheapest|most reliable)"
    r" (?:way|ways|method|methods|approach|technique|techniques|trick) (?:to|for|of)"
    r"|(?:is (?:it|there a way)|would it be) possible (?:for me )?to|is there (?:a|any) way to"
    r"|(?:help|teach|show) (?:me|us)(?: to)?|i (?:want|need|would like|'d like|wanna) to"
    r"|(?:can|could) you)"
)
# Whose it is: someone else's, a named kind of organisation's, or unsaid.
_THEIRS = (
    r"(?:(?:a|an|the|some|any|other|another|this|that|his|her|their|its|my|our)\s+)?"
    r"(?:(?:[\w-]+\s+)?[\w-]+(?:'s|s')\s+|someone else's\s+|other people's\s+)?"
)
_SYSTEM = (
    r"(?:[\w-]+\s+){0,3}?(?:computers?|pcs?|laptops?|phones?|iphones?|androids?|devices?"
    r"|networks?|wi-?fi|routers?|servers?|systems?|websites?|web ?sites?|sites?|web ?apps?"
    r"|portals?|databases?|dbs?|accounts?|e-?mails?|inbox(?:es)?|cloud|icloud|gmail|vpns?"
    r"|cameras?|webcams?|infrastructure|grids?|mainframes?|intranet|records|platforms?"
    r"|apps?|hospitals?|banks?|compan(?:y|ies)|agenc(?:y|ies)|governments?|schools?"
    r"|universit(?:y|ies)|corporations?|organi[sz]ations?|firms?)\b"
)
_DATA = (
    r"(?:[\w-]+\s+){0,3}?(?:data|information|info|passwords?|credentials|logins?|identit(?:y|ies)"
    r"|credit cards?|card (?:numbers|details|data)|bank (?:details|accounts?)|money|funds"
    r"|crypto(?:currency)?|bitcoins?|wallets?|cookies|sessions?|tokens?|accounts?|e-?mails?"
    r"|files|photos|pictures|secrets|trade secrets|records|customer lists?|source code"
    r"|social security numbers|ssns?)\b"
)
_MESSAGES = (
    r"(?:messages|texts|text messages|e-?mails|chats|dms|whatsapps?|calls|phone calls"
    r"|browsing|search history|screen|location|keystrokes|camera|webcam|microphone)\b"
)
_OTHER_PERSON = (
    r"(?:someone|somebody|people|other people|a person|anyone|strangers?|users|(?:my |his |her"
    r" |their |a )?(?:ex|ex-?(?:wife|husband|girlfriend|boyfriend|partner)|wife|husband"
    r"|girlfriend|boyfriend|gf|bf|partner|spouse|boss|neighbou?rs?|teacher|coworkers?"
    r"|co-workers?|colleagues?|employees?|classmates?|sister|brother|mom|mum|dad|roommates?"
    r"|crush|kids?|children|daughter|son|friends?|girl|guy|man|woman|celebrit(?:y|ies)))"
)

INTRUSION_ACTS: tuple[AttackTool, ...] = (
    AttackTool(
        "the steps to break into a system that is not the requester's",
        "RL-EXPLOIT",
        rf"\b(?:hack(?:ing)?(?: into)?|break(?:ing)? into|infiltrat(?:e|ing)|compromis(?:e|ing)"
        rf"|deface|defacing|(?:gain|gaining|get|getting|obtain|obtaining)"
        rf" (?:unauthori[sz]ed|illegal|illicit|unlawful|covert|secret|backdoor|root|admin)"
        rf" access (?:to|into|on|of))\s+{_THEIRS}{_SYSTEM}",
        ("hack", "break", "infiltrat", "compromis", "deface", "gain", "get", "obtain"),
    ),
    AttackTool(
        "the steps to steal data or credentials",
        "RL-CREDENTIAL",
        rf"\b(?:steal(?:ing)?|swip(?:e|ing)|snatch(?:ing)?|phish(?:ing)? for"
        rf"|harvest(?:ing)?|skim(?:ming)?)\s+{_THEIRS}{_DATA}",
        ("steal", "swip", "snatch", "phish", "harvest", "skim"),
    ),
    AttackTool(
        "the steps to take over another person's account or device",
        "RL-CREDENTIAL",
        rf"\b(?:take|taking) over\s+{_THEIRS}{_SYSTEM}"
        rf"|\bhijack(?:ing)?\s+{_THEIRS}{_SYSTEM}"
        rf"|\bcrack(?:ing)?\s+(?:the )?{_OTHER_PERSON}(?:'s|s')?\s+(?:[\w-]+\s+){{0,2}}?"
        rf"(?:passwords?|accounts?|wi-?fi|phones?|pins?|passcodes?)\b",
        ("take", "taking", "hijack", "crack"),
    ),
    AttackTool(
        "the steps to spy on another person",
        "RL-SURVEILLANCE",
        rf"\b(?:spy(?:ing)?|snoop(?:ing)?|eavesdrop(?:ping)?)\s+on\s+{_OTHER_PERSON}"
        rf"|\b(?:read(?:ing)?|see(?:ing)?|intercept(?:ing)?|monitor(?:ing)?|track(?:ing)?"
        rf"|record(?:ing)?|access(?:ing)?)\s+{_OTHER_PERSON}(?:'s|s')\s+(?:[\w-]+\s+){{0,2}}?"
        rf"{_MESSAGES}",
        (
            "spy",
            "snoop",
            "eavesdrop",
            "read",
            "see",
            "intercept",
            "monitor",
            "track",
            "record",
            "access",
        ),
    ),
    AttackTool(
        "the steps to knock another party's service offline",
        "RL-DOS",
        rf"\b(?:take|taking|knock|knocking|bring|bringing) down\s+{_THEIRS}{_SYSTEM}"
        rf"|\b(?:take|taking|knock|knocking)\s+{_THEIRS}{_SYSTEM}\s+(?:offline|down)\b"
        rf"|\b(?:ddos|dos)(?:ing)?\s+{_THEIRS}{_SYSTEM}",
        ("take", "taking", "knock", "bring", "ddos", "dos"),
    ),
)
# The act is found first (its words are rarer than an ask's), then the ask just before it.
_ACT = re.compile(
    "|".join(f"(?P<act{index}>{act.pattern})" for index, act in enumerate(INTRUSION_ACTS)),
    re.IGNORECASE,
)
_ASKED = re.compile(rf"\b{_PROCEDURE}\s+(?:[\w'-]+\s+){{0,3}}$", re.IGNORECASE)
_ASK_ROOM = 120  # characters before an act for the ask and up to three words between


def _verb_finder() -> ahocorasick.Automaton:
    """One automaton for the verbs every act begins with (each act's `keys`)."""
    finder = ahocorasick.Automaton()
    for key in sorted({key for act in INTRUSION_ACTS for key in act.keys}):
        finder.add_word(key, len(key))
    finder.make_automaton()
    return finder


_VERBS = _verb_finder()


def _act_starts(text: str) -> list[int]:
    """Where an act may begin: each word that starts with one of the acts' verbs."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two: offsets would drift
        return [match.start() for match in _ACT.finditer(text)]
    starts = {end - length + 1 for end, length in _VERBS.iter(lowered)}
    return sorted(start for start in starts if start == 0 or not lowered[start - 1].isalnum())


# The target is the requester's own ("my account", "our router"), but not another person's
# ("my ex's account", "my school's portal").
_OWN_TARGET = re.compile(
    r"\b(?:my|our|mine|ours)\b(?!\s+(?:[\w-]+\s+)?[\w-]+(?:'s|s')\b)|\bi (?:own|run|manage)\b",
    re.IGNORECASE,
)
# Words that say the request is defensive, about the requester's own things, a lab or an
# authorised engagement: left to the classifier. "Explain" is not among them here: "explain
# how to break into X" asks for the steps.
_LEFT_TO_THE_CLASSIFIER = re.compile(
    r"\b(?:detect\w*|alert\w*|monitor for|yara|sigma|suricata|snort|siem|signatures?"
    r"|prevent\w*|protect\w*|defen[cs]\w*|defend\w*|secur(?:e|ing) (?:my|our|the|it|them)"
    r"|harden\w*|mitigat\w*|patch\w*|remediat\w*|recover\w*|forensic\w*|incident"
    r"|stop (?:people|someone|somebody|them|attackers|hackers|intruders|anyone)"
    r"|against (?:attacks?|hackers?|attackers?|intruders?|theft)|(?:was|were|been|got|get|being)"
    r" (?:hacked|compromised|breached|phished|stolen)|if someone|in case someone"
    r"|my own|our own|own (?:account|device|phone|network|server|router|wi-?fi|site|system)"
    r"|forgot|locked out|lost (?:my|our|the) (?:password|access|phone)"
    r"|legitimate|legal(?:ly)?\b|lawful(?:ly)?|official"
    r"|lab\b|ctf|capture the flag|hack ?the ?box|tryhackme|dvwa|juice shop|vulnhub"
    r"|(?:with|have|got) (?:written |explicit |their |the owner's )?(?:permission|consent"
    r"|authori[sz]ation)|authori[sz]ed|pentest\w*|penetration test\w*|red team\w*|bug bounty"
    r"|in scope|scope of|rules of engagement)",
    re.IGNORECASE,
)


def intrusion_ask(text: str) -> OutrightAsk | None:
    """The first ask for the steps of an intrusion in `text`, or None (also when the target is
    the requester's own or the text states a defensive, lab or authorised purpose)."""
    for start in _act_starts(text):
        act = _ACT.match(text, start)
        if act is None:
            continue
        asked = _ASKED.search(text, max(0, start - _ASK_ROOM), start)
        if asked is None:
            continue
        # The act's object, and the word after it ("my coworker" + "'s screen").
        if _OWN_TARGET.search(text, start, act.end() + 12):
            continue
        if _LEFT_TO_THE_CLASSIFIER.search(without_framing(text)):
            return None
        tool = next(tool for index, tool in enumerate(INTRUSION_ACTS) if act.group(f"act{index}"))
        return OutrightAsk(tool, asked.start(), act.end(), text[asked.start() : act.end()])
    return None
