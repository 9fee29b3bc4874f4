"""Disguise normalisation: undo the cheap tricks that hide a request from a classifier.

A request and its disguised forms must get the same verdict, so before anything is judged the
text is brought back to plain words:

- invisible characters (zero-width spaces and joiners, soft hyphens, bidi controls) are removed;
- homoglyphs (Cyrillic, Greek and full-width letters that look Latin) are mapped to Latin;
- leetspeak inside words (``k3yl0gg3r``, ``r@ns0mw@re``) is spelt out;
- encoded payloads (base64, hex, URL-encoding, rot13) are decoded and judged as extra *views*
  of the same request, so a decoded redline cannot hide behind an encoding.

Normalisation never removes role-play, fiction or authorisation wrappers: those are words the
classifier has learnt to read past, and deleting them here would hide evidence from the
explanation.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u206a-\u206f\ufeff]"
)

# Letters from other scripts that render like Latin ones (the common confusables).
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
        "ԁ": "d", "ɡ": "g", "ո": "n", "ս": "u", "ⅼ": "l", "ı": "i",
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
        "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
        "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
        "τ": "t", "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H",
        "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y",
        "Χ": "X",
    }
)  # fmt: skip

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
# A word mixing letters with leet digits or symbols, e.g. "k3yl0gg3r", "r@ns0mw@re", "3xpl01t".
# (Its lookaheads read forward lazily, the rarer leet character first: most words have none,
# and a greedy read to the word's end, then back, cost twice the reading.)
_LEET_WORD = re.compile(
    r"(?<![\w@$!])(?=[\w@$!]*?[013457@$!])(?=[\w@$!]*?[A-Za-z])[A-Za-z013457@$!]{3,}(?![\w@$!])"
)
_LEET_INSIDE = re.compile(r"[A-Za-z][013457@$!]+[A-Za-z]")
_REAL_NAMES_WITH_DIGITS = frozenset({"log4j", "log4shell", "web3", "i18n", "l10n", "k8s", "s3cmd"})
# A run's first character comes before the look back at the one preceding it: a pattern that
# starts with a character set lets the regex engine skip the characters outside it quickly.
_BASE64_RUN = re.compile(
    r"[A-Za-z0-9+/](?<![A-Za-z0-9+/=][A-Za-z0-9+/])[A-Za-z0-9+/]{15,}={0,2}(?![A-Za-z0-9+/=])"
)
_HEX_RUN = re.compile(
    r"[0-9A-Fa-f](?<![0-9A-Fa-f]{2})[0-9A-Fa-f][\s:]?(?:[0-9A-Fa-f]{2}[\s:]?){7,}(?![0-9A-Fa-f])"
)
_URL_ENCODED = re.compile(r"(?:%[0-9A-Fa-f]{2}[^\s%]{0,3}){4,}")
_ROT13_CUE = re.compile(r"\brot-?13\b|\bcaesar\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]{2,}")

# Short everyday words: decoded text that is mostly these is language, not noise.
_COMMON_WORDS = frozenset(
    """the a an and or to of in on for with that this is it be as by at from my me i you your
    write code script make build create how what can do does will all every file files data
    then send get run give use so not no into out them their they user users system server
    program tool app please need want which should would could who when where why its our we
    us one some any if has have was are were been up down off over under""".split()  # noqa: SIM905
)

MAX_DECODED_VIEWS = 8

# Quotes, dashes, bullets and the no-break space of pasted and generated text: no letter case,
# one character each in lower case, punctuation (or, the space, a word break) to the encoder's
# tokenizer. Text of ASCII and these takes the fast paths of `features` and `wordpieces`.
TYPOGRAPHIC_PUNCTUATION = (
    "\u2018\u2019\u201a\u201c\u201d\u201e"  # single and double quotes
    "\u2013\u2014\u2026\u2022\u00b7\u2032\u2033"  # dashes, ellipsis, bullets, primes
    "\u00ab\u00bb\u2039\u203a\u00a0"  # guillemets, no-break space
)


@dataclass(frozen=True)
class Normalised:
    """A text brought back to plain words, and what had to be undone to get there."""

    text: str
    decoded: tuple[str, ...]
    undone: tuple[str, ...]


def _looks_like_language(text: str) -> bool:
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        return False
    common = sum(word in _COMMON_WORDS for word in words)
    if common / len(words) < 0.2:
        return False
    return _printable_share(text) > 0.95


def _printable_share(text: str) -> float:
    """The share of printable characters (newlines and tabs count as printable)."""
    if text.replace("\n", "").replace("\t", "").isprintable():
        return 1.0  # the common case, without a Python-level loop over every character
    return sum(ch.isprintable() or ch in "\n\t" for ch in text) / max(len(text), 1)


def _decode_base64(run: str) -> str | None:
    padded = run + "=" * (-len(run) % 4)
    try:
        raw = base64.b64decode(padded, validate=True)
        return raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _decode_hex(run: str) -> str | None:
    digits = re.sub(r"[\s:]", "", run)
    if len(digits) % 2:
        return None
    try:
        return bytes.fromhex(digits).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _mentions_rot13(text: str) -> bool:
    """Whether `text` names rot13 or the Caesar cipher (searched only if it might)."""
    if text.isascii():
        lowered = text.lower()  # ASCII case folding is all re.IGNORECASE does here
        if "rot" not in lowered and "caesar" not in lowered:
            return False
    return _ROT13_CUE.search(text) is not None


def _decoded_payloads(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for run in _BASE64_RUN.findall(text):
        decoded = _decode_base64(run)
        if decoded and _looks_like_language(decoded):
            found.append(("base64", decoded))
    for run in _HEX_RUN.findall(text):
        decoded = _decode_hex(run)
        if decoded and _looks_like_language(decoded):
            found.append(("hex", decoded))
    if "%" in text and _URL_ENCODED.search(text):
        decoded = unquote(text)
        if decoded != text:
            found.append(("URL-encoding", decoded))
    if _mentions_rot13(text) or (
        not _looks_like_language(text) and _looks_like_language(codecs.decode(text, "rot13"))
    ):
        found.append(("rot13", codecs.decode(text, "rot13")))
    return found


def _spell_out_leet(match: re.Match[str]) -> str:
    word = match.group(0)
    # Leetspeak puts digits *between* letters; version numbers and ids (python3, T1059, md5)
    # only trail them, and a few real names contain a digit.
    if word.lower() in _REAL_NAMES_WITH_DIGITS or not _LEET_INSIDE.search(word):
        return word
    return word.translate(_LEET)


def _spell_out_any_leet(match: re.Match[str]) -> str:
    # Inside a text already shown to be leetspeak, "wr173" and "7h47" are words too.
    word = match.group(0)
    return word if word.lower() in _REAL_NAMES_WITH_DIGITS else word.translate(_LEET)


LEET_TEXT_WORDS = 2  # words with digits between letters that make a whole text leetspeak


def plain_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove invisible characters, map homoglyphs and spell out leetspeak.

    Returns the plain text and the names of the disguises that were undone. Offsets change only
    where characters were removed, so evidence is quoted from the plain text.
    """
    undone: list[str] = []
    # ASCII text has no invisible characters or homoglyphs, and NFKC leaves it as it is.
    plain = text if text.isascii() else _INVISIBLE.sub("", text)
    if plain != text:
        undone.append("invisible characters")
    mapped = (
        plain if plain.isascii() else unicodedata.normalize("NFKC", plain).translate(_HOMOGLYPHS)
    )
    if mapped != plain:
        undone.append("homoglyphs")
    spelt = _spelt_out(mapped)
    if spelt != mapped:
        undone.append("leetspeak")
    return spelt, tuple(undone)


def _spelt_out(text: str) -> str:
    """`text` with its leetspeak words spelt out, in one pass over the text."""
    words = list(_LEET_WORD.finditer(text))
    if not words:
        return text
    inside = sum(1 for word in words if _LEET_INSIDE.search(word.group(0)))
    spell = _spell_out_any_leet if inside >= LEET_TEXT_WORDS else _spell_out_leet
    pieces: list[str] = []
    end = 0
    for word in words:
        pieces += (text[end : word.start()], spell(word))
        end = word.end()
    pieces.append(text[end:])
    return "".join(pieces)


def normalise(text: str) -> Normalised:
    """Bring a possibly disguised request back to plain words plus its decoded payloads."""
    plain, undone = plain_text(text)
    decoded: list[str] = []
    names = list(undone)
    for name, payload in _decoded_payloads(plain)[:MAX_DECODED_VIEWS]:
        payload_plain, _ = plain_text(payload)
        decoded.append(payload_plain)
        if name not in names:
            names.append(name)
    return Normalised(text=plain, decoded=tuple(decoded), undone=tuple(names))
