"""Explanations a reviewer can act on: the clause that decided, quoted evidence, one sentence.

Evidence spans quote the judged message itself (offsets into that message). When a disguise had
to be undone before the cues could be read, the span quotes the disguised stretch and its note
carries the decoded words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redline.constitution import Constitution
from redline.guard.features import CueMatch, cue_matches
from redline.results import EvidenceSpan

MAX_EVIDENCE = 4
MAX_QUOTE = 160


@dataclass(frozen=True)
class JudgedMessage:
    """A message that was judged: its index, its text as written and as normalised."""

    index: int
    original: str
    plain: str
    decoded: tuple[str, ...]


# A cue match that may become evidence: the message it was found in, and the span already
# quoted for it when it was found in a disguised message's decoded words.
_Candidate = tuple[CueMatch, JudgedMessage, EvidenceSpan | None]


def _span(match: CueMatch, message: JudgedMessage) -> EvidenceSpan:
    return EvidenceSpan(
        start=match.start,
        end=match.end,
        text=match.text,
        note=match.cue.note,
        message=message.index,
    )


def _found_in(message: JudgedMessage, offensive: bool) -> list[_Candidate]:
    return [
        (match, message, None)
        for match in cue_matches(message.original)
        if match.cue.offensive == offensive
    ]


def _disguised_span(message: JudgedMessage, offensive: bool) -> list[_Candidate]:
    readable = " | ".join((message.plain, *message.decoded))
    matches = [m for m in cue_matches(readable) if m.cue.offensive == offensive]
    if not matches:
        return []
    words = ", ".join(dict.fromkeys(m.text for m in matches[:MAX_EVIDENCE]))
    span = disguised_opening(message, words)
    return [(match, message, span) for match in matches]


def disguised_opening(message: JudgedMessage, reads: str) -> EvidenceSpan:
    """A span quoting a disguised message's opening, its note saying what it reads once undone."""
    end = min(len(message.original), MAX_QUOTE)
    return EvidenceSpan(
        start=0,
        end=end,
        text=message.original[:end],
        note=f"disguised; once decoded it reads: {reads}",
        message=message.index,
    )


def evidence(
    messages: Sequence[JudgedMessage], offensive: bool
) -> tuple[list[EvidenceSpan], list[CueMatch]]:
    """Evidence spans for a decision, one per distinct cue, most telling cues first."""
    candidates: list[_Candidate] = []
    for message in reversed(messages):
        found = _found_in(message, offensive)
        if not found and (message.plain != message.original or message.decoded):
            found = _disguised_span(message, offensive)
        candidates.extend(found)
    chosen: list[_Candidate] = []
    seen: set[str] = set()
    for candidate in candidates:
        if candidate[0].cue.name not in seen:
            seen.add(candidate[0].cue.name)
            chosen.append(candidate)
    chosen = chosen[:MAX_EVIDENCE]
    # Spans are built for the chosen matches only: a long text can match dozens of times.
    quoted = [span or _span(match, message) for match, message, span in chosen]
    spans = list({(s.message, s.start, s.end): s for s in quoted}.values())
    return spans, [match for match, _, _ in chosen]


def _reasons(matches: Sequence[CueMatch]) -> str:
    return "; ".join(f"{m.cue.note} ({m.text.strip()[:60]})" for m in matches[:3])


def refusal_sentence(
    constitution: Constitution, redline_id: str, matches: Sequence[CueMatch], score: float
) -> str:
    """One sentence citing the redline and why."""
    title = constitution.redline(redline_id).title.lower()
    why = _reasons(matches) or "the request as a whole reads as one for it"
    return (
        f"Refused under {redline_id} ({title}): {why}, rather than an explanation, a detection "
        f"or a fix (score {score:.2f})."
    )


def allowance_sentence(
    constitution: Constitution,
    principle_id: str | None,
    matches: Sequence[CueMatch],
    score: float,
) -> str:
    """One sentence citing the principle served, if one clearly is, and that no redline applies."""
    why = _reasons(matches)
    if principle_id is None:
        return f"Allowed: no redline of the constitution applies (score {score:.2f})."
    title = constitution.principle(principle_id).title.lower()
    because = f": {why}" if why else ""
    return (
        f"Allowed under {principle_id} ({title}){because}; no redline applies (score {score:.2f})."
    )
