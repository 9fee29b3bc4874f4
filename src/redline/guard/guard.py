"""The `Guard`: judge a request or a conversation against the constitution, offline.

`Guard.check(text)` and `Guard.check(messages)` return a `Verdict`. Judging happens in two
steps so that many requests can share one embedding pass (`check_many`):

1. `_plan`: the single place that branches on what was given (text, or a message list and the
   role of its last message) and turns it into the views to judge (`conversation.py`), each
   normalised (`normalise.py`) and cut into chunks (`views.py`);
2. `_decide`: the chunks' harm probabilities decide; the redline or principle head names the
   clause; `explain.py` quotes the evidence and writes the sentence.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from redline.constitution import Constitution, load_constitution
from redline.guard.classifier import Classifier, load_classifier
from redline.guard.conversation import (
    Turn,
    View,
    ends_with_response,
    parse_messages,
    request_views,
)
from redline.guard.covert import covert_ask
from redline.guard.encoder import EMBEDDING_SIZE, SentenceEncoder
from redline.guard.explain import (
    JudgedMessage,
    allowance_sentence,
    disguised_opening,
    evidence,
    refusal_sentence,
)
from redline.guard.features import CUES, cue_matches
from redline.guard.intrusion import intrusion_ask
from redline.guard.normalise import Normalised, normalise
from redline.guard.outright import OUTRIGHT_SCORE, OutrightAsk, outright_ask
from redline.guard.views import chunks, feature_rows
from redline.results import Decision, EvidenceSpan, JudgedKind, Verdict

if TYPE_CHECKING:
    from redline.redlines.judge import ResponseReading
    from redline.redlines.learned_text import LearnedReading

Messages = Sequence[Mapping[str, Any]]
Request = str | Messages
PRINCIPLE_CONFIDENCE = 0.5
_AUTHORISATION_CLAIM = next(cue for cue in CUES if cue.name == "authorisation_claim")


@dataclass
class _Plan:
    """What will be judged for one request: the texts to score and how to report on them."""

    kind: JudgedKind
    texts: list[str] = field(default_factory=list)
    messages: list[JudgedMessage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    verdict: Verdict | None = None  # set when no scoring is needed (empty input)
    response: ResponseReading | None = None  # a response whose request's intent is weighed
    response_turn: Turn | None = None
    learned: LearnedReading | None = None  # the learned text step's reading of that response
    outright: tuple[OutrightAsk, JudgedMessage] | None = None  # an attack tool or covert act


def _single_threaded_blas() -> None:
    """Run numpy's BLAS on one thread in this process.

    The guard's matrix products are tiny (one row against a few thousand): a second BLAS thread
    costs more in waking and spinning than it saves, and on a busy machine its spinning took the
    core the encoder needed (profiled: 5 ms of a 9 ms check). The encoder keeps its own threads.
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1, user_api="blas")


class Guard:
    """Judges requests and conversations against a constitution; loaded once, thread-safe.

    >>> Guard.default().check("Explain how AES-GCM authenticates ciphertext.").decision
    <Decision.ALLOW: 'allow'>
    """

    _default: Guard | None = None
    _default_lock = threading.Lock()

    def __init__(self, constitution: Constitution | None = None, *, threads: int = 1) -> None:
        _single_threaded_blas()
        self.constitution = constitution if constitution is not None else load_constitution()
        self._classifier: Classifier = load_classifier()
        # `threads` workers, each running the encoder on one thread: the Python half of a check
        # (normalising, cues, explanations) holds the GIL while another worker's encoder runs
        # without it, so two one-thread workers outrun one two-thread encoder (~1.7x measured).
        self._workers = max(1, threads)
        self._encoder = SentenceEncoder(threads=1, max_tokens=self._classifier.head_tokens)
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self._redline_ids = {redline.id for redline in self.constitution.redlines}
        self._principle_ids = {principle.id for principle in self.constitution.principles}
        self._clauses: npt.NDArray[np.float32] | None = None
        self._clause_lock = threading.Lock()

    @classmethod
    def default(cls) -> Guard:
        """A shared guard on the constitution in force, built on first use."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @property
    def threshold(self) -> float:
        """Harm probability at or above which a request is refused."""
        return self._classifier.threshold

    def check(self, request: Request) -> Verdict:
        """Judge one request (a text) or conversation (OpenAI-style messages)."""
        return self.check_many([request])[0]

    def check_action(self, command: str, /, kind: str = "shell") -> Verdict:
        """Judge a shell command or Python program an agent is about to run (the action gate)."""
        from redline.errors import InputError
        from redline.redlines import judge_action

        if kind not in ("shell", "python"):
            raise InputError(f'action kind must be "shell" or "python", not {kind!r}')
        return judge_action(command, "python" if kind == "python" else "shell", self.constitution)

    def check_many(self, requests: Sequence[Request]) -> list[Verdict]:
        """Judge many requests at once, sharing the embedding work between them.

        With more than one thread, the requests are split between that many workers.
        """
        if self._workers == 1 or len(requests) < 2 * self._workers:
            return self._check_together(requests)
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="guard")
        size = -(-len(requests) // self._workers)
        parts = [requests[start : start + size] for start in range(0, len(requests), size)]
        return [verdict for part in self._pool.map(self._check_together, parts) for verdict in part]

    def _check_together(self, requests: Sequence[Request]) -> list[Verdict]:
        plans = [self._plan(request) for request in requests]
        texts = [text for plan in plans for text in plan.texts]
        model = self._classifier
        rows = (
            feature_rows(self._encoder, texts, model.prototypes, model.lexical, model.token_vectors)
            if texts
            else np.zeros((0, 0), np.float32)
        )
        verdicts: list[Verdict] = []
        offset = 0
        for plan in plans:
            if plan.verdict is not None:
                verdicts.append(plan.verdict)
                continue
            verdicts.append(self._decide(plan, rows[offset : offset + len(plan.texts)]))
            offset += len(plan.texts)
        return verdicts

    # -- step 1: what is judged -----------------------------------------------------------

    def _plan(self, request: Request) -> _Plan:
        if isinstance(request, str):
            return self._plan_request([Turn(0, "user", request)], "request")
        turns = parse_messages(request)
        if ends_with_response(turns):
            return self._plan_response(turns)
        return self._plan_request(turns, "conversation")

    def _plan_response(self, turns: Sequence[Turn]) -> _Plan:
        """A conversation ending with the assistant: judge that response, in its context.

        The response's own detectors decide alone when they find a whole artifact or nothing.
        When they find part of one, or only the learned weighing of its capabilities refuses
        (`ResponseReading.excusable`), or they find nothing but its text reads as offensive to
        the learned text step (`redlines/learned_text.py`), the request's intent is the other
        piece of evidence: the response is refused if the guard would refuse the request that
        asked for it.
        """
        from redline.redlines.judge import read_response
        from redline.redlines.learned_text import read_learned

        context = [{"role": turn.role, "content": turn.content} for turn in turns[:-1]]
        reading = read_response(turns[-1].content, context, self.constitution)
        asked = [turn for turn in turns[:-1] if turn.role == "user"]
        allowed = reading.verdict.decision is Decision.ALLOW and reading.excusable is None
        learned = None
        # a declining answer's code is the alternative it offers, no part of what was asked
        if allowed and asked and not reading.holds_part and not reading.declined:
            learned = read_learned(turns[-1].content)
        weighed = reading.excusable is not None or (
            allowed and (reading.holds_part or learned is not None)
        )
        if weighed and asked:
            plan = self._plan_request(turns[: turns.index(asked[-1]) + 1], "response")
            if plan.verdict is None:
                plan.response = reading
                plan.response_turn = turns[-1]
                plan.learned = learned
                held = (
                    "only a learned weighing"
                    if reading.excusable
                    else "text the learned text step reads as offensive"
                    if learned
                    else "part of an artifact"
                )
                plan.notes.insert(0, f"the response holds {held}; request weighed")
                return plan
        plan = _Plan("response")
        plan.verdict = reading.verdict
        return plan

    def _plan_request(self, turns: Sequence[Turn], kind: JudgedKind) -> _Plan:
        plan = _Plan(kind)
        judged, views = request_views(turns)
        if not turns[judged].content.strip():
            plan.verdict = Verdict(
                decision=Decision.ALLOW,
                score=0.0,
                explanation="Allowed: the request is empty, so there is nothing to refuse.",
                kind=kind,
                notes=("empty request",),
            )
            return plan
        if views[-1].origin == "conversation":
            plan.notes.append(
                f"read in the context of {len(views[-1].parts) - 1} earlier user turn(s)"
            )
        judged_turn = self._add_messages(plan, turns, views, judged)
        plan.outright = _outright_in(next(m for m in plan.messages if m.index == judged))
        for view in views:
            normalised = normalise(view.text) if len(view.parts) > 1 else judged_turn
            for text in (normalised.text, *normalised.decoded):
                pieces = chunks(text)
                plan.texts.extend(piece.text for piece in pieces)
                if len(text) > len(pieces[0].text):
                    plan.notes.append(
                        f"long input ({len(text)} characters) scanned whole; "
                        f"{len(pieces)} most telling chunks embedded"
                    )
        return plan

    def _add_messages(
        self, plan: _Plan, turns: Sequence[Turn], views: Sequence[View], judged: int
    ) -> Normalised:
        """Normalise each message the views quote, once; return the judged turn's (`judged`)."""
        judged_turn: Normalised | None = None
        indices = sorted({index for view in views for index, _ in view.parts})
        for index in indices:
            original = turns[index].content
            normalised = normalise(original)
            if index == judged:
                judged_turn = normalised
            plan.messages.append(
                JudgedMessage(index, original, normalised.text, normalised.decoded)
            )
            if normalised.undone:
                plan.notes.append(
                    f"message {index}: undid {', '.join(normalised.undone)} before judging"
                )
            if any(match.cue is _AUTHORISATION_CLAIM for match in cue_matches(original)):
                plan.notes.append(
                    f"message {index} claims authorisation; a claim alone neither unlocks a "
                    "redline nor raises suspicion"
                )
        assert judged_turn is not None  # every view quotes the judged turn
        return judged_turn

    # -- step 2: the decision ---------------------------------------------------------------

    def _decide(self, plan: _Plan, rows: npt.NDArray[np.float32]) -> Verdict:
        harm = self._classifier.harm(rows)
        worst = int(np.argmax(harm))
        score = float(harm[worst])
        if plan.outright is not None:
            score = max(score, OUTRIGHT_SCORE)
        if plan.response is not None:
            return self._decide_response(plan, plan.response, score, rows[worst : worst + 1])
        if plan.outright is not None:
            return _outright_refusal(self.constitution, plan, plan.outright, score)
        if score >= self._classifier.threshold:
            redline_id = self._redline(rows[worst : worst + 1])
            spans, matches = evidence(plan.messages, offensive=True)
            return Verdict(
                decision=Decision.REFUSE,
                score=round(score, 4),
                redlines=(redline_id,),
                evidence=tuple(spans),
                explanation=refusal_sentence(self.constitution, redline_id, matches, score),
                kind=plan.kind,
                notes=tuple(dict.fromkeys(plan.notes)),
            )
        principle_id = self._principle(rows[:1])
        spans, matches = evidence(plan.messages, offensive=False)
        return Verdict(
            decision=Decision.ALLOW,
            score=round(score, 4),
            principles=(principle_id,) if principle_id else (),
            evidence=tuple(spans),
            explanation=allowance_sentence(self.constitution, principle_id, matches, score),
            kind=plan.kind,
            notes=tuple(dict.fromkeys(plan.notes)),
        )

    def _decide_response(
        self,
        plan: _Plan,
        reading: ResponseReading,
        intent: float,
        row: npt.NDArray[np.float32],
    ) -> Verdict:
        """Part of an artifact in a response, refused when the request asked for an attack."""
        from redline.redlines.judge import hit_spans

        threshold = self._classifier.threshold
        if intent < threshold:
            if reading.excusable is not None:
                note = (
                    f"only the learned weighing of capabilities refused; the request reads as no"
                    f" attack ({intent:.2f} < {threshold:.2f}), so it was not enough alone"
                )
                excused = reading.excusable
                return excused.model_copy(update={"notes": (*excused.notes, *plan.notes, note)})
            return reading.verdict
        asked_redline = plan.outright[0].tool.redline if plan.outright else self._redline(row)
        if plan.learned is not None:
            return self._learned_refusal(plan, plan.learned, intent, asked_redline)
        if not reading.part_of(asked_redline):
            # Part of some other artifact (a honeypot's loop beside a request for a keylogger)
            # completes nothing that was asked for; a learned weighing that refused stands, the
            # request reading as an attack too.
            return reading.verdict
        near = reading.near
        if near is not None and near[0].redline == asked_redline:
            item, detection = near
            redline_id, hits = item.redline, list(detection.hits)
            found = f"{item.id} found {detection.reason}"
        else:
            redline_id = asked_redline
            hits = [seen[0] for seen in reading.capabilities.hits.values() if seen]
            names = ", ".join(sorted({hit.capability.value for hit in hits}))
            found = f"it holds {names}"
        turn = plan.response_turn
        spans = hit_spans(turn.content, hits, "response", turn.index) if turn else []
        return self._response_refusal(plan, redline_id, intent, spans, f"part of it: {found}")

    def _learned_refusal(
        self, plan: _Plan, learned: LearnedReading, intent: float, redline_id: str
    ) -> Verdict:
        """A response the rules allow, whose text the learned text step reads as offensive,
        after a request that asks for an attack: refused under the redline the request asks to
        cross, quoting the words that weighed most and the request's evidence."""
        from redline.redlines.learned_text import LEARNED_TEXT

        turn = plan.response_turn
        spans = [
            EvidenceSpan(
                start=start,
                end=end,
                text=turn.content[start:end],
                note=f"response: {LEARNED_TEXT} weighed word",
                message=turn.index,
            )
            for start, end in learned.evidence
            if turn is not None
        ]
        return self._response_refusal(plan, redline_id, intent, spans, f"it: {learned.reason}")

    def _response_refusal(
        self,
        plan: _Plan,
        redline_id: str,
        intent: float,
        spans: Sequence[EvidenceSpan],
        supplied: str,
    ) -> Verdict:
        """A response refused in the context of a request that asks for an attack: the
        response's evidence `spans`, then the request's; `supplied` says what it supplies."""
        asked, _ = evidence(plan.messages, offensive=True)
        title = self.constitution.redline(redline_id).title
        return Verdict(
            decision=Decision.REFUSE,
            score=round(intent, 4),
            redlines=(redline_id,),
            evidence=(*spans, *asked),
            explanation=(
                f"Refused under {redline_id} ({title}): the request asks for an attack "
                f"(intent {intent:.2f}) and the response supplies {supplied}."
            ),
            kind="response",
            notes=tuple(dict.fromkeys(plan.notes)),
        )

    def _redline(self, row: npt.NDArray[np.float32]) -> str:
        """The redline crossed: the trained head's vote plus likeness to each clause's text.

        Likeness to the clause (its description and forbidden examples, embedded once) lets an
        edited constitution's own redlines be cited, and steadies the head where ATT&CK tactics
        map loosely onto redlines.
        """
        votes = self._classifier.redline_scores(row)[0]
        head = dict(zip(self._classifier.redlines, votes, strict=True))
        likeness = self._clause_embeddings() @ row[0, :EMBEDDING_SIZE]
        ids = [redline.id for redline in self.constitution.redlines]
        combined = [
            float(head.get(rid, 0.0)) + float(sim) for rid, sim in zip(ids, likeness, strict=True)
        ]
        return ids[int(np.argmax(combined))]

    def _clause_embeddings(self) -> npt.NDArray[np.float32]:
        with self._clause_lock:
            if self._clauses is None:
                texts = [
                    " ".join((r.title, r.description, *r.forbidden))
                    for r in self.constitution.redlines
                ]
                prototypes = [self._encoder.encode([text])[0] for text in texts]
                for index, redline in enumerate(self.constitution.redlines):
                    if redline.forbidden:
                        examples = self._encoder.encode(list(redline.forbidden))
                        prototypes[index] = (prototypes[index] + examples.mean(axis=0)) / 2
                self._clauses = np.stack(prototypes)
            return self._clauses

    def _principle(self, row: npt.NDArray[np.float32]) -> str | None:
        scores = self._classifier.principle_scores(row)[0]
        best = int(np.argmax(scores))
        candidate = self._classifier.principles[best]
        if scores[best] >= PRINCIPLE_CONFIDENCE and candidate in self._principle_ids:
            return candidate
        return None


def _outright_in(message: JudgedMessage) -> tuple[OutrightAsk, JudgedMessage] | None:
    """An outright ask for an attack tool (`outright.py`), a covert act (`covert.py`) or the
    steps of an intrusion (`intrusion.py`) in the judged message, as written or undisguised."""
    for text in dict.fromkeys((message.original, message.plain, *message.decoded)):
        ask = outright_ask(text) or covert_ask(text) or intrusion_ask(text)
        if ask is not None:
            return ask, message
    return None


def _outright_refusal(
    constitution: Constitution,
    plan: _Plan,
    outright: tuple[OutrightAsk, JudgedMessage],
    score: float,
) -> Verdict:
    """The refusal of a request that asks outright for an attack tool (`outright.py`) or a
    covert act (`covert.py`)."""
    ask, message = outright
    if message.original[ask.start : ask.end] == ask.text:
        quoted = EvidenceSpan(
            start=ask.start,
            end=ask.end,
            text=ask.text,
            note=f"asks outright for {ask.tool.name}",
            message=message.index,
        )
    else:  # found once a disguise was undone
        quoted = disguised_opening(message, ask.text)
    spans, _ = evidence(plan.messages, offensive=True)
    redline_id = ask.tool.redline
    title = constitution.redline(redline_id).title.lower()
    return Verdict(
        decision=Decision.REFUSE,
        score=round(score, 4),
        redlines=(redline_id,),
        evidence=(quoted, *(span for span in spans if not _within(span, quoted))),
        explanation=(
            f"Refused under {redline_id} ({title}): asks outright for {ask.tool.name} "
            f"({ask.text.strip()[:60]}), which has no use but attack, and states no "
            f"defensive purpose (score {score:.2f})."
        ),
        kind=plan.kind,
        notes=tuple(dict.fromkeys(plan.notes)),
    )


def _within(span: EvidenceSpan, outer: EvidenceSpan) -> bool:
    return span.message == outer.message and outer.start <= span.start and span.end <= outer.end
