"""Intent features: what a request asks for, about which artifact, against whom, how quietly.

The sentence embedding says what a request is *about*; these features say what it *wants*. Each
`Cue` is a named pattern with the evidence note it contributes to an explanation. The features
fed to the classifier are the counts of each cue (squashed), so the model learns how much each
matters; the same matches become the quoted evidence spans of a verdict.
"""

from __future__ import annotations

import importlib
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise, repeat
from operator import is_not
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.guard.normalise import TYPOGRAPHIC_PUNCTUATION


@dataclass(frozen=True)
class Cue:
    """A named pattern of intent, with the note an evidence span carries when it matches."""

    name: str
    pattern: re.Pattern[str]
    note: str
    offensive: bool


_WORD_EDGE = r"(?<![\w-])"


def _cue(name: str, note: str, offensive: bool, *alternatives: str) -> Cue:
    body = rf"{_WORD_EDGE}(?:{'|'.join(alternatives)})(?![\w-])"
    return Cue(name, re.compile(body, re.IGNORECASE), note, offensive)


CUES: tuple[Cue, ...] = (
    _cue(
        "ask_build",
        "asks for working code or a tool",
        True,
        r"write|build|create|make|generate|implement|develop|code up|craft|produce|design"
        r"|give me (?:a |the |working )?(?:code|script|tool|program|payload|exploit)",
    ),
    _cue(
        "ask_run",
        "asks to run or deploy it",
        True,
        r"run|execute|deploy|launch|spread|infect|plant|drop|install it|point (?:it|them)"
        r"|use (?:it|them|this) (?:on|against)|against|take down|knock .{0,20} offline",
    ),
    _cue(
        "ask_understand",
        "asks to understand",
        False,
        r"explain|how does|how do .{0,30} work|what is|what are|why (?:is|does|do)|describe"
        r"|understand|overview|history of|summari[sz]e|difference between|teach|learn",
    ),
    _cue(
        "ask_defend",
        "asks to detect, fix or defend",
        False,
        r"detect(?:ion|s|ing)?|yara|sigma|suricata|snort|alert(?:s|ing)?|monitor(?:s|ing)?"
        r"|mitigat\w*|prevent\w*|harden\w*|patch(?:es|ing)?|fix(?:es|ing)?|protect\w*|audit\w*"
        r"|defen[cs]\w*|defend\w*|remediat\w*|block(?:s|ing)?|secur(?:e|ing)|sanitiz\w*"
        r"|sanitis\w*|validat\w*|incident response|forensic\w*|triage|recover\w*|backup\w*"
        r"|least privilege|rate limit\w*|firewall rules?|clean up after|investigat\w*",
    ),
    _cue(
        "artifact",
        "names an attack artifact",
        True,
        r"ransomware|keylogger|key logger|malware|trojan|rat|rootkit|bootkit|worm|botnet"
        r"|backdoor|web ?shell|reverse shell|bind shell|shellcode|payload|exploit(?:s)?"
        r"|stealer|infostealer|dropper|loader|implant|beacon|c2|command[- ]and[- ]control"
        r"|phishing (?:kit|page|site|email)|credential harvester|stalkerware|spyware"
        r"|logic bomb|wiper|cryptominer|ddos|stresser|booter|fork bomb|zero[- ]day",
    ),
    _cue(
        "target_foreign",
        "aims at a target that is someone else's",
        True,
        r"victim\w*|target(?:'s|s'|ed)? (?:machine|network|system|server|company|organi[sz]ation"
        r"|host|user)s?|(?:my |an? )?(?:ex|ex-girlfriend|ex-boyfriend|ex-wife|ex-husband"
        r"|ex-employer|girlfriend|boyfriend|wife|husband|partner|neighbou?r|roommate|boss"
        r"|coworker|colleague|rival|competitor|teacher|classmate)(?:'s)?|someone else'?s?"
        r"|other people'?s?|their (?:computer|phone|account|network|server|email)s?"
        r"|(?:old |my )?school'?s?|(?:a|the) (?:bank|hospital|government|company)'?s?"
        r"|without (?:them|him|her|the owner|anyone) knowing"
        r"|without (?:their|his|her) (?:knowledge|consent|permission)"
        # An employer or company named by its possessive is someone else's ("another
        # company's", "my former employer's"), unless the requester calls it theirs right
        # before it: "my/our (own) company's" is read by target_own instead.
        r"|(?<!\bmy )(?<!\bour )(?<!\bmy own )(?<!\bour own )(?:employer|company)'s",
    ),
    _cue(
        "target_live",
        "names a specific live host, address or site",
        True,
        # The lookahead (possessive, so it never backtracks) first checks that the word is
        # followed by a dot, as every host name's first label is: most words are not, and the
        # repetition after it would otherwise backtrack through each of them letter by letter.
        r"(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?"
        r"|(?=[a-z0-9-]++\.)(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|uk|de|ru|cn|info|biz)"
        r"(?:/\S*)?|https?://\S+",
    ),
    _cue(
        "target_own",
        "concerns the requester's own systems",
        False,
        # "not my network" disowns what follows
        r"(?<!\bnot )(?:my|our) (?:own|lab|home ?lab|test (?:vm|server|environment)|staging"
        r"|dev (?:box|server|environment)|laptop|workstation|company'?s? (?:own )?network"
        r"|servers?|app|application|code|website|api|service|cluster|fleet|infrastructure"
        r"|repo|repository|project|subnets?|networks?|lan"
        # the requester's own organisation, by its possessive: "my company's", "our org's"
        r"|(?:company|employer|org|organi[sz]ation|firm|business)'s)"
        r"|localhost|127\.0\.0\.1|a vm i (?:own|control)"
        r"|in a lab|ctf|capture the flag|deliberately vulnerable|dvwa|hack ?the ?box",
    ),
    _cue(
        "stealth",
        "wants it hidden or undetected",
        True,
        r"undetect\w*|stealth\w*|covert\w*|quietly|silently|secretly|unnoticed|unseen"
        r"|hidden|hide|hiding|evad\w*|evasion|bypass\w*|avoid(?:s|ing)? (?:detection|being"
        r" (?:detected|seen|noticed)|av|antivirus|edr)|cover (?:my|our) tracks|anti-?forensic\w*"
        r"|without (?:being )?(?:detected|noticed|caught|logged)|obfuscat\w*|fud"
        r"|disable (?:the )?(?:antivirus|av|defender|edr|logging|audit)",
    ),
    _cue(
        "harm",
        "aims to steal, damage or take control",
        True,
        r"steal\w*|exfiltrat\w*|dump(?:s|ing)? (?:the )?(?:passwords?|credentials?|hashes|lsass"
        r"|database)|crack(?:ing)? (?:their|the|his|her)"
        r"|hijack\w* (?:their|the|a) (?:session|account)"
        r"|take over|takeover|wipe\w*|destroy\w*|brick\w*|encrypt (?:all|every|their)"
        r"|ransom|extort\w*|spy on|track (?:my|her|his|their)|flood\w*|persist\w*"
        r"|escalat\w* privileges?|privilege escalation|gain (?:root|admin|access)"
        r"|escape (?:the |this )?(?:sandbox|container|vm|jail)|lateral movement|pivot\w*",
    ),
    _cue(
        "authorisation_claim",
        "claims authorisation",
        False,
        r"(?:i am|i'm|as) an? (?:authori[sz]ed|certified|professional|licensed)?\s?"
        r"(?:pen ?tester|penetration tester|red team(?:er)?|security researcher|ethical hacker)"
        r"|authori[sz]ed (?:to|engagement|test|pentest)|with (?:written )?permission"
        r"|i have (?:written )?(?:permission|authori[sz]ation)|for a (?:sanctioned|scoped)",
    ),
    _cue(
        "fiction",
        "wraps the request in fiction or hypotheticals",
        False,
        r"hypothetical\w*|imagine|pretend|role-?play|in a (?:novel|story|movie|film|game)"
        r"|for a (?:novel|story|screenplay|thriller)|fictional|you are (?:now )?(?:dan|an? ai"
        r" without)|ignore (?:all |your )?(?:previous |prior )?(?:instructions|rules)"
        r"|stay in character|jailbreak",
    ),
)

CUE_NAMES: tuple[str, ...] = tuple(cue.name for cue in CUES)
FEATURE_SIZE = len(CUES)


@dataclass(frozen=True)
class CueMatch:
    """One place where a cue matched the text."""

    cue: Cue
    start: int
    end: int
    text: str


def _first_characters(items: Any) -> set[str] | None:
    """The characters a match of the parsed regex `items` can begin with; None when unsure
    (a category such as \\w, a negated class, an assertion other than a lookbehind, or a
    possibly empty match)."""
    first: set[str] = set()
    for op, argument in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT") and argument[0] < 0:
            continue  # a lookbehind reads what precedes the match: what follows comes first
        if name == "LITERAL":
            return first | {chr(argument)}
        if name == "IN":
            for item_op, item in argument:
                if str(item_op) == "LITERAL":
                    first.add(chr(item))
                elif str(item_op) == "RANGE":
                    first.update(map(chr, range(item[0], item[1] + 1)))
                else:
                    return None
            return first
        if name in ("BRANCH", "SUBPATTERN", "ATOMIC_GROUP"):
            if name == "BRANCH":
                alternatives = argument[1]
            else:
                alternatives = [argument[3] if name == "SUBPATTERN" else argument]
            for alternative in alternatives:
                found = _first_characters(alternative)
                if found is None:
                    return None
                first |= found
            return first
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, repeated = argument
            found = _first_characters(repeated)
            if found is None:
                return None
            first |= found
            if low > 0:
                return first
            continue  # may repeat no times: what follows can come first
        return None
    return None  # the whole of `items` may match nothing


def _first_character_guard(body: str) -> str:
    """A lookahead on the characters a match of `body` can begin with, or "" when unsure.

    It changes no match, only how soon one fails: a cue's dozens of alternatives are tried at
    every word edge, and where the word's first letter begins none of them one set lookup
    rejects them all (the cue scan was the largest part of a check outside the encoder).
    """
    parser = importlib.import_module("re._parser")
    first = _first_characters(list(parser.parse(body)))
    if not first:
        return ""
    return "(?=[" + "".join(re.escape(char) for char in sorted(first)) + "])"


def _every_cue_at_once(cues: tuple[Cue, ...], flags: int = 0) -> re.Pattern[str]:
    """One pattern trying every cue at each word edge: the same matches as a scan per cue.

    Each cue sits in its own optional lookahead group, so a match is zero-width and says which
    cues match there and how far; the final conditionals fail where none does. One scan then
    replaces a scan per cue. Without re.IGNORECASE (which disables the regex engine's fast
    paths) it reads lowercased text: together about a third of the time of twelve scans.
    """
    groups = []
    for index, cue in enumerate(cues):
        source = cue.pattern.pattern
        literals = re.sub(r"\\.", "", source)  # escapes such as \S keep their case
        assert source.startswith(_WORD_EDGE) and literals == literals.lower()
        body = source.removeprefix(_WORD_EDGE)
        groups.append(f"(?=(?P<c{index}>{_first_character_guard(body)}{body}))?")
    some_cue = "(?!)"
    for index in reversed(range(len(cues))):
        some_cue = f"(?(c{index})|{some_cue})"
    return re.compile(_WORD_EDGE + "".join(groups) + some_cue, flags)


_EVERY_CUE = _every_cue_at_once(CUES)
_EVERY_CUE_ANY_CASE = _every_cue_at_once(CUES, re.IGNORECASE)
# Text of ASCII and typographic punctuation (no case; `str.lower` keeps each character) can be
# lowercased and scanned exactly; any other character needs re.IGNORECASE's case folding.
_CUE_INDICES = range(len(CUES))
_NEEDS_CASE_FOLDING = re.compile(f"[^\\x00-\\x7f{TYPOGRAPHIC_PUNCTUATION}]")


def _scan(text: str) -> list[CueMatch]:
    """Every match of every cue, as each cue's own `finditer` would find them, in cue order."""
    if _NEEDS_CASE_FOLDING.search(text):
        # str.lower does not reproduce IGNORECASE's Unicode case folding (nor keep offsets).
        searched, pattern = text, _EVERY_CUE_ANY_CASE
    else:
        searched, pattern = text.lower(), _EVERY_CUE
    found: list[list[CueMatch]] = [[] for _ in CUES]
    free_from = [0] * len(CUES)  # a cue's next match may not overlap its previous one
    for edge in pattern.finditer(searched):
        start = edge.start()
        groups = edge.groups()
        # Usually one cue of the twelve matches at an edge: pick those out in C.
        for index in compress(_CUE_INDICES, map(is_not, groups, repeat(None))):
            if start >= free_from[index]:
                end = start + len(groups[index])
                found[index].append(CueMatch(CUES[index], start, end, text[start:end]))
                free_from[index] = end
    return [match for matches in found for match in matches]


@lru_cache(maxsize=256)
def _matches(text: str) -> tuple[CueMatch, ...]:
    # One regex pass over a text, shared by the features, the choice of the window the
    # transformer reads and the evidence of the verdict (each used to make its own pass).
    return tuple(sorted(_scan(text), key=lambda match: (match.start, match.end)))


def cue_matches(text: str) -> list[CueMatch]:
    """Every cue match in `text`, in order of position."""
    return list(_matches(text))


_CUE_INDEX = {cue.name: index for index, cue in enumerate(CUES)}


def intent_features(text: str) -> npt.NDArray[np.float32]:
    """The cue counts of `text`, squashed to [0, 1) so one repeated word cannot dominate."""
    counts = np.zeros(len(CUES), dtype=np.float32)
    for match in _matches(text):
        counts[_CUE_INDEX[match.cue.name]] += 1.0
    return (counts / (counts + 1.0)).astype(np.float32)


def suspicion(text: str) -> int:
    """A cheap count of offensive cues, used to pick which parts of a long text to embed."""
    return sum(1 for match in _scan(text) if match.cue.offensive)


def suspicious_positions(text: str) -> list[int]:
    """Where each offensive cue match in `text` starts, in order."""
    return [match.start for match in _matches(text) if match.cue.offensive]


LEXICAL_SIZE = 1024
_TOKEN = re.compile(r"[a-z0-9]+")


def lexical_features(text: str) -> npt.NDArray[np.float32]:
    """Hashed word and word-pair presence, unit length.

    Mean-pooled embeddings of a long request are dominated by its topic; the few words that
    carry its stance ("detects" versus "evades") keep their full weight here.
    """
    words = _TOKEN.findall(text.lower())
    grams = (*words, *(f"{a} {b}" for a, b in pairwise(words)))
    vector = np.zeros(LEXICAL_SIZE, dtype=np.float32)
    vector[[zlib.crc32(gram.encode()) % LEXICAL_SIZE for gram in grams]] = 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
