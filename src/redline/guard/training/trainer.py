"""`redline train`: rebuild the shipped classifier from the corpus, deterministically.

Steps: write the corpus (`corpus.py`), turn each example into the same views and chunks the
guard judges at run time, embed them with the shipped encoder on one thread, fit the harm
network and the redline and principle heads on the "train" split, fit Platt scaling and the
threshold on the "calibration" split, measure on the "test" split (splits are by technique or
task, so test requests are about techniques never seen in training), then write the weights,
their hash and a model card. Same sources and encoder in, same bytes out, on the same kind of
CPU: onnxruntime picks its int8 kernels by instruction set, and on another CPU they can differ
in the last bit (seen: one float16 step in 0.18% of the distilled token vectors' entries), which
moves the fitted weights and can move the threshold by a few hundredths (0.68 shipped, 0.65
rebuilt elsewhere from the same sources); the model card's hashes say which artifact ships.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from redline.constitution import Constitution
from redline.guard.classifier import Classifier, relu_network
from redline.guard.conversation import parse_messages, request_views
from redline.guard.encoder import MODEL_DIR, SentenceEncoder, sha256_of
from redline.guard.normalise import normalise
from redline.guard.techniques import (
    PROTOTYPES_FILE,
    embed_prototypes,
    load_prototypes,
    save_prototypes,
    technique_texts,
)
from redline.guard.training.corpus import (
    ATTACK_TECHNIQUES,
    SEED,
    Example,
    build_corpus,
    split_of,
)
from redline.guard.training.written import written_digest, written_examples
from redline.guard.views import chunks, heads, with_word_features
from redline.guard.wholetext import (
    TOKEN_VECTORS_FILE,
    distil,
    load_token_vectors,
    save_token_vectors,
)

Array = npt.NDArray[np.float32]
HEAD_TOKENS = 32  # dev split: 32 read from the most telling sentence ~ 64 from the start
HIDDEN = 128
EPOCHS = 300
LEARNING_RATE = 3e-3
L2 = 3e-3  # dev split: 1e-4 overfits the hand-written rows (terse asks misjudged)
HEAD_L2 = 1e-4  # the redline and principle heads
MAX_FALSE_REFUSAL = 0.02
# Dev split: 0.07 let a 128-unit network buy recall with false refusals of natural requests
# (24 -> 30 of 605 on the dev split); at 0.055 it refuses as much as the 64-unit one did at 0.07.
MAX_WRITTEN_FALSE_REFUSAL = 0.055
FAMILY_BUDGET_ROWS = 200  # a generated family this large in calibration has its own budget
# Hashed word features learn the generated templates' wording more than intent.
LEXICAL = True
# Few but telling examples weigh more than the many generated from ATT&CK templates.
FAMILY_WEIGHTS = {
    "constitution": 4.0,
    "borderline": 2.0,
    "programming": 2.0,
    "interpreter": 2.0,
    # Long defensive builds framed by a claim of ownership: without the claim as a shortcut to
    # "answer" (the claim rows of `written/n.jsonl`, `o.jsonl`), they need their own weight.
    "engineering": 2.0,
    "terse": 16.0,
    "operations": 4.0,
}
# Hand-written rows (`written.py`) are natural phrasings: they weigh more than generated ones.
WRITTEN_WEIGHT = 8.0


def family_weight(family: str) -> float:
    """How much one training row of `family` counts when fitting the harm network."""
    if family.startswith("written"):
        return WRITTEN_WEIGHT
    return FAMILY_WEIGHTS.get(family, 1.0)


@dataclass(frozen=True)
class Row:
    """One chunk of one view of one example, as the classifier sees it."""

    text: str
    label: int
    redline: str | None
    principle: str | None
    split: str
    family: str
    example: int = 0


def training_rows(examples: Sequence[Example]) -> list[Row]:
    """The rows the guard would judge for each example, labelled as the example says."""
    rows: list[Row] = []
    for number, example in enumerate(examples):
        turns = parse_messages([{"role": r, "content": c} for r, c in example.messages])
        _, views = request_views(turns)
        for view in views:
            label = example.label if view.origin == "conversation" else example.last_turn_label
            if label is None:
                continue
            normalised = normalise(view.text)
            texts = [normalised.text]
            if not example.family.startswith("shell:"):
                texts.extend(normalised.decoded)
            for text in texts:
                for chunk in chunks(text):
                    rows.append(
                        Row(
                            chunk.text,
                            label,
                            example.redline,
                            example.principle,
                            split_of(example.group),
                            example.family,
                            number,
                        )
                    )
    return rows


def _adam(
    params: list[Array],
    gradient: Callable[[list[Array]], list[Array]],
    epochs: int,
    rate: float,
) -> list[Array]:
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    for step in range(1, epochs + 1):
        grads = gradient(params)
        for i, g in enumerate(grads):
            first[i] = 0.9 * first[i] + 0.1 * g
            second[i] = 0.999 * second[i] + 0.001 * g * g
            corrected = first[i] / (1 - 0.9**step)
            scale = np.sqrt(second[i] / (1 - 0.999**step)) + 1e-8
            params[i] = params[i] - rate * corrected / scale
    return params


def fit_harm_network(
    x: Array, y: Array, emphasis: Array | None = None, seed: int = SEED
) -> list[Array]:
    """Fit the harm network (balanced classes, L2) by full-batch Adam; deterministic."""
    rng = np.random.default_rng(seed)
    x, y = x.astype(np.float32), y.astype(np.float32)
    w1 = rng.normal(0.0, np.sqrt(2.0 / x.shape[1]), (x.shape[1], HIDDEN))
    params = [
        p.astype(np.float32)
        for p in (w1, np.zeros(HIDDEN), rng.normal(0.0, 0.1, (HIDDEN, 1)), np.zeros(1))
    ]
    positives = max(float(y.sum()), 1.0)
    weights = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * (len(y) - positives)))
    if emphasis is not None:
        weights = weights * emphasis
    weights = weights.astype(np.float32)

    def gradient(p: list[Array]) -> list[Array]:
        w1, b1, w2, b2 = p
        hidden = np.maximum(x @ w1 + b1, 0.0)
        logits = (hidden @ w2 + b2)[:, 0]
        error = (1.0 / (1.0 + np.exp(-logits)) - y) * weights / len(y)
        g_w2 = hidden.T @ error[:, None] + L2 * w2
        back = (error[:, None] @ w2.T) * (hidden > 0)
        return [x.T @ back + L2 * w1, back.sum(0), g_w2, np.array([error.sum()])]

    return _adam(params, gradient, EPOCHS, LEARNING_RATE)


def fit_softmax(
    x: Array, labels: Sequence[str], weights: Array | None = None
) -> tuple[Array, Array, tuple[str, ...]]:
    """A multinomial logistic head over the distinct `labels`, rows weighted by `weights`."""
    classes = tuple(sorted(set(labels)))
    target = np.zeros((len(labels), len(classes)), np.float32)
    for row, label in enumerate(labels):
        target[row, classes.index(label)] = 1.0
    scale = (np.ones(len(labels)) if weights is None else weights / weights.mean())[:, None]
    scale = scale.astype(np.float32)

    def gradient(p: list[Array]) -> list[Array]:
        w, b = p
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        probability = np.exp(logits)
        probability /= probability.sum(axis=1, keepdims=True)
        error = (probability - target) * scale / len(labels)
        return [x.T @ error + HEAD_L2 * w, error.sum(0)]

    w, b = _adam(
        [np.zeros((x.shape[1], len(classes)), np.float32), np.zeros(len(classes), np.float32)],
        gradient,
        400,
        0.01,
    )
    return w, b, classes


def fit_platt(logits: Array, y: Array) -> tuple[float, float]:
    """Platt scaling: `a`, `b` so that sigmoid(a * logit + b) is calibrated on (logits, y)."""

    def gradient(p: list[Array]) -> list[Array]:
        a, b = p
        error = 1.0 / (1.0 + np.exp(-(a * logits + b))) - y
        return [np.array([np.mean(error * logits)]), np.array([np.mean(error)])]

    a, b = _adam([np.ones(1, np.float32), np.zeros(1, np.float32)], gradient, 2000, 0.01)
    return float(a[0]), float(b[0])


def choose_threshold(
    probability: Array,
    y: Array,
    written: npt.NDArray[np.bool_] | None = None,
    families: npt.NDArray[np.str_] | None = None,
) -> float:
    """The lowest threshold in [0.5, 0.95] whose false-refusal rates are within budget.

    Generated benign rows may be falsely refused at most `MAX_FALSE_REFUSAL`, overall and in
    each generated family (`families`) with at least `FAMILY_BUDGET_ROWS` of them: a family of
    long defensive requests must not pay for the short ones' margin. Hand-written ones
    (`written` marks them), natural phrasings like real traffic, `MAX_WRITTEN_FALSE_REFUSAL`.
    """
    natural = np.zeros(len(y), bool) if written is None else written
    groups = [
        (~natural & (y == 0), MAX_FALSE_REFUSAL),
        (natural & (y == 0), MAX_WRITTEN_FALSE_REFUSAL),
    ]
    if families is not None:
        for family in sorted(set(families[~natural & (y == 0)].tolist())):
            mask = ~natural & (y == 0) & (families == family)
            if mask.sum() >= FAMILY_BUDGET_ROWS:
                groups.append((mask, MAX_FALSE_REFUSAL))
    for threshold in np.arange(0.5, 0.96, 0.01):
        if all(
            not mask.any() or float(np.mean(probability[mask] >= threshold)) <= budget
            for mask, budget in groups
        ):
            return round(float(threshold), 2)
    return 0.95


def _rates(probability: Array, y: Array, threshold: float) -> dict[str, float]:
    refused = probability >= threshold
    harmful, benign = refused[y == 1], refused[y == 0]
    return {
        "refusal_rate_on_harmful": round(float(harmful.mean()), 4) if harmful.size else 0.0,
        "false_refusal_rate_on_benign": round(float(benign.mean()), 4) if benign.size else 0.0,
        "harmful_rows": int((y == 1).sum()),
        "benign_rows": int((y == 0).sum()),
    }


def example_rates(
    rows: Sequence[Row], probability: Array, threshold: float, keep: Callable[[Row], bool]
) -> dict[str, float]:
    """Refusal rates per example (its worst row decides, as at run time) over kept rows."""
    worst: dict[int, float] = {}
    labels: dict[int, int] = {}
    for row, p in zip(rows, probability, strict=True):
        if keep(row):
            worst[row.example] = max(worst.get(row.example, 0.0), float(p))
            labels[row.example] = row.label
    scores = np.array([worst[k] for k in sorted(worst)], dtype=np.float32)
    truth = np.array([labels[k] for k in sorted(worst)], dtype=np.float32)
    return _rates(scores, truth, threshold) if scores.size else {}


HELD_APART = ("calibration", "test")


def _written_in(split: str) -> Callable[[Row], bool]:
    return lambda row: row.family.startswith("written") and row.split == split


def base_family(family: str) -> str:
    """A family without its variant ("shell:base64" -> "shell")."""
    return family.split(":")[0]


def _generated_held_apart(family: str) -> Callable[[Row], bool]:
    return lambda row: base_family(row.family) == family and row.split in HELD_APART


def _deterministic_npz(arrays: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            payload = io.BytesIO()
            np.lib.format.write_array(payload, np.ascontiguousarray(arrays[name]))
            archive.writestr(info, payload.getvalue())
    return buffer.getvalue()


def _cached_embeddings(
    encoder: SentenceEncoder, texts: list[str], cache: Path | None
) -> npt.NDArray[np.float32]:
    """Embeddings, reusing those saved in `cache` (an .npz of text hashes and vectors)."""
    if cache is None:
        return encoder.encode(texts)
    keys = [hashlib.sha256(text.encode()).hexdigest() for text in texts]
    known: dict[str, npt.NDArray[np.float32]] = {}
    if cache.is_file():
        with np.load(cache) as saved:
            known = dict(zip(saved["keys"].tolist(), saved["rows"], strict=True))
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        fresh = encoder.encode([text for _, text in missing])
        known.update({key: row for (key, _), row in zip(missing, fresh, strict=True)})
        np.savez(cache, keys=np.array(list(known)), rows=np.stack(list(known.values())))
    return np.stack([known[key] for key in keys])


def train(
    constitution: Constitution,
    out: Path = MODEL_DIR,
    progress: Callable[[str], None] = lambda message: None,
    cache: Path | None = None,
) -> dict[str, Any]:
    """Rebuild `classifier.npz`, `classifier.json` and `MODEL_CARD.md` in `out`; return metrics."""
    examples = [*build_corpus(constitution), *written_examples(constitution)]
    rows = training_rows(examples)
    progress(f"corpus: {len(examples)} examples, {len(rows)} rows; embedding on one thread")
    encoder = SentenceEncoder(out, threads=1, max_tokens=HEAD_TOKENS)
    texts = [row.text for row in rows]
    progress("embedding the ATT&CK technique and mitigation prototypes")
    prototypes_path = out / PROTOTYPES_FILE
    prototype_texts = technique_texts(ATTACK_TECHNIQUES)
    save_prototypes(embed_prototypes(prototype_texts, encoder.encode), prototypes_path)
    offensive = len(prototype_texts.offensive)
    prototypes = load_prototypes(prototypes_path, offensive)  # as run time reads them
    progress("distilling token vectors from the encoder")
    vectors_path = out / TOKEN_VECTORS_FILE
    distilled = distil(encoder)
    save_token_vectors(distilled, vectors_path)
    token_vectors = load_token_vectors(vectors_path, distilled.sentence_ends)
    embeddings = _cached_embeddings(encoder, heads(texts, HEAD_TOKENS), cache)
    whole = token_vectors.pooled(encoder.tokenize(texts))
    x = with_word_features(embeddings, texts, prototypes, LEXICAL, whole)
    y = np.array([row.label for row in rows], dtype=np.float32)
    split = np.array([row.split for row in rows])
    train_rows, calibration, test = split == "train", split == "calibration", split == "test"

    progress("fitting the harm network")
    emphasis = np.array([family_weight(row.family) * examples[row.example].weight for row in rows])
    w1, b1, w2, b2 = fit_harm_network(x[train_rows], y[train_rows], emphasis[train_rows])
    logits = relu_network(x, w1, b1, w2, b2)[:, 0]
    platt = fit_platt(logits[calibration], y[calibration])
    probability = 1.0 / (1.0 + np.exp(-(platt[0] * logits + platt[1])))
    written = np.array([row.family.startswith("written") for row in rows])
    families = np.array([base_family(row.family) for row in rows])
    threshold = choose_threshold(
        probability[calibration], y[calibration], written[calibration], families[calibration]
    )

    progress("fitting the redline and principle heads")
    harmful = train_rows & (y == 1)
    redline_labels = [str(row.redline) for row, keep in zip(rows, harmful, strict=True) if keep]
    rw, rb, redlines = fit_softmax(x[harmful], redline_labels, emphasis[harmful])
    serving = train_rows & np.array([row.principle is not None for row in rows])
    principle_labels = [str(r.principle) for r, keep in zip(rows, serving, strict=True) if keep]
    pw, pb, principles = fit_softmax(x[serving], principle_labels, emphasis[serving])

    f32 = np.float32
    classifier = Classifier(
        w1=w1.astype(f32),
        b1=b1.astype(f32),
        w2=w2.astype(f32),
        b2=b2.astype(f32),
        platt=platt,
        threshold=threshold,
        redline_weights=rw.astype(f32),
        redline_bias=rb.astype(f32),
        redlines=redlines,
        principle_weights=pw.astype(f32),
        principle_bias=pb.astype(f32),
        principles=principles,
        head_tokens=HEAD_TOKENS,
        prototypes=prototypes,
        lexical=LEXICAL,
        token_vectors=token_vectors,
    )
    weights_path = out / "classifier.npz"
    weights_path.write_bytes(_deterministic_npz(classifier.arrays()))
    digest = sha256_of(weights_path)
    prototypes_digest = sha256_of(prototypes_path)
    vectors_digest = sha256_of(vectors_path)
    settings = {
        **classifier.settings(),
        "sha256": digest,
        "prototypes_sha256": prototypes_digest,
        "token_vectors_sha256": vectors_digest,
    }
    (out / "classifier.json").write_text(json.dumps(settings, indent=2) + "\n")

    test_redlines = test & (y == 1)
    predicted = classifier.redline_scores(x[test_redlines].astype(f32)).argmax(axis=1)
    truth = [str(r.redline) for r, keep in zip(rows, test_redlines, strict=True) if keep]
    written_test = test_redlines & written
    written_predicted = classifier.redline_scores(x[written_test].astype(f32)).argmax(axis=1)
    written_truth = [str(r.redline) for r, keep in zip(rows, written_test, strict=True) if keep]
    metrics = {
        "threshold": threshold,
        "platt": platt,
        "calibration": _rates(probability[calibration], y[calibration], threshold),
        "test": _rates(probability[test], y[test], threshold),
        "train": _rates(probability[train_rows], y[train_rows], threshold),
        "written": {
            name: example_rates(rows, probability, threshold, _written_in(name))
            for name in ("calibration", "test", "dev")
        },
        "generated_held_apart": {
            family: example_rates(rows, probability, threshold, _generated_held_apart(family))
            for family in sorted(set(families.tolist()))
            if not family.startswith("written")
        },
        "test_redline_accuracy": round(
            float(np.mean([redlines[p] == t for p, t in zip(predicted, truth, strict=True)])), 4
        ),
        "written_test_redline_accuracy": round(
            float(
                np.mean(
                    [
                        redlines[p] == t
                        for p, t in zip(written_predicted, written_truth, strict=True)
                    ]
                )
            ),
            4,
        ),
        "families": dict(sorted(Counter(f"{e.family}:{e.label}" for e in examples).items())),
        "examples": len(examples),
        "rows": len(rows),
        "rows_by_split": dict(sorted(Counter(str(s) for s in split).items())),
        "classifier_sha256": digest,
        "prototypes_sha256": prototypes_digest,
        "prototypes": f"{offensive} techniques, {len(prototypes.matrix) - offensive} defences",
        "lexical": LEXICAL,
        "token_vectors_sha256": vectors_digest,
        "token_vectors": f"{token_vectors.matrix.shape[0]} word pieces x "
        f"{token_vectors.matrix.shape[1]} dimensions",
        "written_sha256": written_digest(),
        "encoder_sha256": json.loads((out / "encoder.json").read_text())["encoder_sha256"],
        "attack_sources_sha256": sha256_of(ATTACK_TECHNIQUES),
    }
    (out / "MODEL_CARD.md").write_text(model_card(metrics))
    return metrics


def _rates_line(name: str, rates: dict[str, float]) -> str:
    return (
        f"| {name} | {int(rates['harmful_rows'] + rates['benign_rows'])} "
        f"| {rates['refusal_rate_on_harmful']:.2%} "
        f"| {rates['false_refusal_rate_on_benign']:.2%} |"
    )


def _family_line(name: str, rates: dict[str, float]) -> str:
    harmful, benign = int(rates["harmful_rows"]), int(rates["benign_rows"])
    refused = f"{rates['refusal_rate_on_harmful']:.2%} of {harmful}" if harmful else "-"
    falsely = f"{rates['false_refusal_rate_on_benign']:.2%} of {benign}" if benign else "-"
    return f"| {name} | {harmful + benign} | {refused} | {falsely} |"


def model_card(metrics: dict[str, Any]) -> str:
    """The model card: what the model is, what it was trained on, how it measured."""
    families = "\n".join(
        f"| {name.rsplit(':', 1)[0]} | {'refuse' if name.endswith(':1') else 'answer'} | {count} |"
        for name, count in metrics["families"].items()
    )
    lines = [
        "# Redline intent guard: model card",
        "",
        "Written by `redline train`; do not edit by hand.",
        "",
        "## Model",
        "- Encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), exported to ONNX and",
        "  quantised to int8 per channel by `tools/export_encoder.py`, its graph simplified by",
        "  `tools/simplify_encoder.py` (bit-identical outputs); mean pooling, L2 norm;",
        f"  {HEAD_TOKENS} word pieces of each chunk, from its most telling sentence",
        f"  (`views.telling_start`). sha256 `{metrics['encoder_sha256']}`.",
        "- Whole-text reading (`guard/wholetext.py`): token vectors distilled from the same",
        f"  encoder ({metrics['token_vectors']}), mean over every word piece of a chunk and",
        f"  maximum over its sentences; `{TOKEN_VECTORS_FILE}` sha256",
        f"  `{metrics['token_vectors_sha256']}`.",
        f"- Classifier: ReLU network ({HIDDEN} hidden units) over the embedding plus intent",
        "  features (`guard/features.py`), Platt-scaled on the calibration split; linear",
        "  softmax heads for the redline and the principle. Plain numpy at run time.",
        "- ATT&CK likeness features (`guard/techniques.py`): closest offensive and defensive",
        f"  prototype ({metrics['prototypes']}), crossed with the build/explain cues;",
        f"  `{PROTOTYPES_FILE}` sha256 `{metrics['prototypes_sha256']}`.",
        f"- Hashed word features: {'yes' if metrics['lexical'] else 'no'}.",
        f"- Weights `classifier.npz` sha256 `{metrics['classifier_sha256']}`.",
        f"- Threshold {metrics['threshold']}: the lowest in [0.5, 0.95] with at most",
        f"  {MAX_FALSE_REFUSAL:.0%} false refusals of generated benign rows (overall, and in each",
        f"  family with {FAMILY_BUDGET_ROWS} or more) and {MAX_WRITTEN_FALSE_REFUSAL:.1%} of"
        " hand-written benign rows",
        "  of the calibration split.",
        "",
        "## Training data",
        "- Hand-written requests and conversations (`guard/training/sources/written/`, see its",
        f"  README; sha256 of the rows `{metrics['written_sha256']}`), weighted",
        f"  {WRITTEN_WEIGHT:g}x; topics the writers marked `dev` are held out of fitting and",
        "  calibration.",
        "- Generated by `guard/training/corpus.py` from the constitution",
        "  (`constitution/default.toml`: allowed, forbidden, examples, ATT&CK technique ids)",
        "  and MITRE ATT&CK Enterprise v18.1",
        "  (`guard/training/sources/attack-techniques.jsonl`, sha256",
        f"  `{metrics['attack_sources_sha256']}`), with templates in `phrasings.py`.",
        "- No evaluation set (CyberSecEval in `../shared/data/guard-dev/`) was read for",
        "  training, thresholds or rules.",
        f"- {metrics['examples']} examples, {metrics['rows']} judged rows (views and chunks).",
        "",
        "| family | label | examples |",
        "|---|---|---|",
        families,
        "",
        "## Held-apart splits",
        "Split by ATT&CK technique (sub-techniques with their parent) or by task, so the test",
        "split holds techniques the classifier never saw.",
        "",
        "| split | rows | refused (harmful) | falsely refused (benign) |",
        "|---|---|---|---|",
    ]
    lines += [_rates_line(name, metrics[name]) for name in ("train", "calibration", "test")]
    lines += [
        "",
        "Hand-written requests alone, per request or conversation (its worst chunk decides):",
        "",
        "| split | requests | refused (harmful) | falsely refused (benign) |",
        "|---|---|---|---|",
    ]
    lines += [_rates_line(name, rates) for name, rates in metrics["written"].items() if rates]
    lines += [
        "",
        "Generated requests by family, calibration and test splits together, per request (a",
        "family's shift here shows what a change to the corpus or the threshold cost):",
        "",
        "| family | requests | refused (harmful) | falsely refused (benign) |",
        "|---|---|---|---|",
    ]
    lines += [
        _family_line(name, rates)
        for name, rates in metrics["generated_held_apart"].items()
        if rates
    ]
    lines += [
        "",
        "Redline attribution accuracy (the trained head alone) on harmful test rows: "
        f"{metrics['test_redline_accuracy']:.2%} (generated and written; a generated row's",
        "redline comes from its ATT&CK tactic, a loose mapping), on hand-written ones: "
        f"{metrics['written_test_redline_accuracy']:.2%}.",
        "",
        "Measured on the evaluation sets by `make bench` (`bench/bench_guard.py`), not here.",
        "",
    ]
    return "\n".join(lines)


def corpus_digest(examples: Sequence[Example]) -> str:
    """A hash of the corpus text, to show two builds wrote the same data."""
    digest = hashlib.sha256()
    for example in examples:
        digest.update(repr(example).encode())
    return digest.hexdigest()
