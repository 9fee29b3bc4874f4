"""Judging a finished response or an action: capabilities in, a `Verdict` citing its clause out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from redline.constitution import Constitution, Redline, load_constitution
from redline.redlines.capabilities import Capabilities, Hit
from redline.redlines.code import action_capabilities, opens_by_declining, response_capabilities
from redline.redlines.combination import COMBINED_CAPABILITIES
from redline.redlines.grammars import CodeLanguage
from redline.redlines.ordinary import ORDINARY, telling_capabilities
from redline.redlines.own_host import without_own_host_logins
from redline.redlines.plans import PLAN_CAPABILITIES
from redline.redlines.registry import IN_A_RESPONSE, REFUSE_AT, Detection, Detector, detectors
from redline.results import Decision, EvidenceSpan, JudgedKind, Verdict

Request = str | Sequence[Mapping[str, str]] | None


_last_in_force: tuple[tuple[Redline, ...], tuple[Detector, ...], tuple[Detector, ...]] | None = None
"""The redlines and detectors last asked about, with the detectors in force: the stream monitor
evaluates after every line that adds a hit, always under the same constitution. (One tuple,
replaced whole, so threads never see a torn one; a frozen constitution's redlines never
change. The detectors are compared too: the registry is read once, but a test may stand
another set in for it.)"""


def _in_force(constitution: Constitution) -> tuple[Detector, ...]:
    """Detectors whose redline the constitution still contains (an edited one may drop some)."""
    global _last_in_force
    redlines, every = constitution.redlines, detectors()
    last = _last_in_force
    if last is not None and last[0] is redlines and last[1] is every:
        return last[2]
    ids = {redline.id for redline in redlines}
    in_force = tuple(d for d in every if d.redline in ids)
    _last_in_force = (redlines, every, in_force)
    return in_force


def evaluate(found: Capabilities, constitution: Constitution) -> list[tuple[Detector, Detection]]:
    """Every detection, strongest first."""
    if not found.hits:
        return []  # every detector needs some capability (tests/redlines/test_detectors.py)
    results = []
    for item in _in_force(constitution):
        detection = item.function(found)
        if detection is not None:
            results.append((item, detection))
    return sorted(results, key=lambda pair: -pair[1].score)


def hit_spans(
    judged: str, hits: Iterable[Hit], label: str, message: int | None = None
) -> list[EvidenceSpan]:
    """Evidence spans quoting `hits` in `judged`, each noted `label: capability`."""
    spans: list[EvidenceSpan] = []
    for hit in hits:
        end = min(hit.end, len(judged))
        start = min(hit.start, end)
        spans.append(
            EvidenceSpan(
                start=start,
                end=end,
                text=judged[start:end],
                note=f"{label}: {hit.capability.value}",
                message=message,
            )
        )
    return spans


def build_verdict(
    judged: str,
    detections: list[tuple[Detector, Detection]],
    constitution: Constitution,
    kind: JudgedKind,
    principles: tuple[str, ...] = ("PR-PROGRAMMING",),
    notes: tuple[str, ...] = (),
) -> Verdict:
    """The verdict for `judged` given its detections (strongest first)."""
    score = round(detections[0][1].score, 3) if detections else 0.0
    firing = [(d, hit) for d, hit in detections if hit.score >= REFUSE_AT]
    if not firing:
        known = {p.id for p in constitution.principles}
        cited = tuple(p for p in principles if p in known)
        clause = cited[0] if cited else "the constitution"
        near = f" (closest: {detections[0][0].id}, {detections[0][1].reason})" if detections else ""
        return Verdict(
            decision=Decision.ALLOW,
            score=score,
            principles=cited,
            explanation=(
                f"Allowed under {clause}: no detector found a complete offensive capability{near}."
            ),
            kind=kind,
            notes=notes,
        )
    redline_ids = tuple(dict.fromkeys(d.redline for d, _ in firing))
    evidence = [
        span for item, detection in firing for span in hit_spans(judged, detection.hits, item.id)
    ]
    top, detection = firing[0]
    title = constitution.redline(top.redline).title
    return Verdict(
        decision=Decision.REFUSE,
        score=score,
        redlines=redline_ids,
        evidence=tuple(evidence),
        explanation=f"Refused under {top.redline} ({title}): {top.id} found {detection.reason}.",
        kind=kind,
        notes=(*notes, *(f"{d.id} {hit.score:.2f}: {hit.reason}" for d, hit in firing)),
    )


PARTIAL_DETECTION = 0.4
"""A detection this strong (two thirds of the way to refusing alone) is part of an artifact."""
DECLINED_PARTIAL_DETECTION = IN_A_RESPONSE + 0.01
"""In a declining answer, a detection must be stronger than a part's own score to be part of an
artifact: what such an answer offers instead is the alternative, not what was declined."""
PARTIAL_CAPABILITIES = 3
"""Distinct capabilities that make a response part of an artifact when no detector is near..."""
PARTIAL_PARTICULAR = 1
"""...of which this many must be particular to attacks rather than ordinary (`ORDINARY`)."""


@dataclass(frozen=True)
class ResponseReading:
    """A response judged on its own, with what falls short of a refusal kept for context.

    `closest` is the strongest detection below the refusal score and `capabilities` every
    capability found: parts of an offensive artifact, not enough alone, that the request's
    intent may complete (`Guard.check` on a conversation ending with the assistant weighs the
    two together).
    """

    verdict: Verdict
    closest: tuple[Detector, Detection] | None
    capabilities: Capabilities
    excusable: Verdict | None = None
    """When only the learned weighing of capabilities (`OUT-COMBINED-CAPABILITIES`) refuses, the
    verdict without it: a generic combination is one piece of evidence that the request's intent
    completes, where a detector naming a whole artifact decides alone."""
    declined: bool = False
    """The response opens by declining ("I can't help with that"): the pieces it holds belong
    to the alternative it offers instead, so they are no part of what was asked for."""

    @property
    def holds_part(self) -> bool:
        """Part of some artifact: a near detection, or several capabilities, one particular to
        attacks.

        The bars were chosen on the team's request-and-response development set
        (`bench/data/response_context_dev.jsonl`, `bench/bench_response_context.py`) and the
        fit half of the third development set (`bench/bench_redlines_dev.py`), where ordinary
        capabilities (a backup's walk, home folder and loop) refused defensive code beside a
        request the intent guard read as an attack.
        """
        return self.near is not None or self._particular_pieces

    @property
    def near(self) -> tuple[Detector, Detection] | None:
        """The closest detection, when it is strong enough to be part of an artifact. In a
        declining answer a piece at a part's own score (`IN_A_RESPONSE`: one's own mailbox packed
        and backed up in pieces, one's own records swept by id, one's own session restored from a
        cookie export, offered instead of another's) is the alternative offered; only a stronger
        detection is part of what was asked."""
        bar = DECLINED_PARTIAL_DETECTION if self.declined else PARTIAL_DETECTION
        if self.closest is not None and self.closest[1].score >= bar:
            return self.closest
        return None

    @property
    def _particular_pieces(self) -> bool:
        # A prose plan's steps weigh only through its detection (`near`); a declining answer's
        # pieces only through a detection too.
        if self.declined:
            return False
        present = telling_capabilities(self.capabilities) - PLAN_CAPABILITIES
        return (
            len(present) >= PARTIAL_CAPABILITIES and len(present - ORDINARY) >= PARTIAL_PARTICULAR
        )

    def part_of(self, redline_id: str) -> bool:
        """Whether the response holds part of an artifact crossing `redline_id` (the redline a
        request asks to cross): a near detection crossing that redline as its detector declares
        (`Detector.crosses`: its own redline, one it also crosses, as a keylogger is
        stalkerware, or any, as a prose plan's steps leaning toward an attack act on whatever
        the request named), or capabilities particular to attacks (which name no redline of
        their own)."""
        near = self.near
        if near is not None and near[0].crosses(redline_id, self.capabilities):
            return True
        return self._particular_pieces


def read_response(
    response: str,
    request: Request = None,
    constitution: Constitution | None = None,
) -> ResponseReading:
    """Judge a response on its own, keeping its strongest partial detection."""
    policy = constitution or load_constitution()
    shown: list[Hit] = []
    declined = opens_by_declining(response)
    found, parts = response_capabilities(response, examples=shown, declined=declined)
    detections = evaluate(found, policy)
    principles: tuple[str, ...] = ("PR-PROGRAMMING",)
    notes: tuple[str, ...] = ()
    if any(part.detection_rule for part in parts):
        principles = ("PR-DETECT", "PR-PROGRAMMING")
        notes = ("detection rules were read as rules, not as the attacks they quote",)
    if request is not None and not isinstance(request, str) and not request:
        notes = (*notes, "empty request context")
    verdict = build_verdict(response, detections, policy, "response", principles, notes)
    partial = [pair for pair in detections if 0.0 < pair[1].score < REFUSE_AT]
    excusable = None
    firing = [item.id for item, detection in detections if detection.score >= REFUSE_AT]
    if firing == [COMBINED_CAPABILITIES]:
        rest = [pair for pair in detections if pair[0].id != COMBINED_CAPABILITIES]
        excusable = build_verdict(response, rest, policy, "response", principles, notes)
    closest = partial[0] if partial else None
    if shown and not declined and verdict.decision is Decision.ALLOW:
        closest = _with_examples(found, shown, policy, closest)
    return ResponseReading(verdict, closest, found, excusable, declined)


def _with_examples(
    found: Capabilities,
    shown: Sequence[Hit],
    policy: Constitution,
    closest: tuple[Detector, Detection] | None,
) -> tuple[Detector, Detection] | None:
    """The strongest detection once the attack examples a response's prose quotes ("the classic
    one-liner is `...`") are read as code too, when it is stronger than `closest`.

    Alone, such a response explains and is allowed; but an example is also all an attacker needs
    when the request asked for the attack and the response does not decline, so it is kept as
    part of an artifact for the request's intent to complete (`Guard.check`)."""
    both = Capabilities(kind=found.kind, line_breaks=found.line_breaks)
    for hits in found.hits.values():
        both.extend(hits)
    both.extend(shown)
    named = [pair for pair in evaluate(both, policy) if pair[0].id != COMBINED_CAPABILITIES]
    if not named or named[0][1].score < PARTIAL_DETECTION:
        return closest
    if closest is None or named[0][1].score > closest[1].score:
        return named[0]
    return closest


def judge_response(
    response: str,
    request: Request = None,
    constitution: Constitution | None = None,
) -> Verdict:
    """Judge what a model produced: does the response contain a working offensive artifact?

    The decision rests on what the response itself does, so an innocent-looking request cannot
    launder a weaponised answer, and a suspicious-sounding one does not condemn a defensive
    one. `request` is carried for context; `Guard.check(messages)` adds the request's intent as
    one more piece of evidence where the response holds part of an artifact.
    """
    return read_response(response, request, constitution).verdict


def judge_action(
    action: str,
    kind: Literal["shell", "python"] = "shell",
    constitution: Constitution | None = None,
) -> Verdict:
    """Judge a shell command line or a Python program an agent is about to run."""
    policy = constitution or load_constitution()
    language = CodeLanguage.PYTHON if kind == "python" else CodeLanguage.BASH
    found = action_capabilities(action, language)
    if kind == "shell":
        found = without_own_host_logins(found, action)
    return build_verdict(action, evaluate(found, policy), policy, "action")
