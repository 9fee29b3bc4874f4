"""The guard's training corpus, written by code from the constitution and MITRE ATT&CK.

For every ATT&CK technique the corpus holds requests to build or run it against someone (the
redline its tactic maps to) and requests to explain, detect, mitigate or respond to it (the
principle they serve): contrastive pairs on one topic. Around them: the constitution's own
allowed and forbidden examples, ordinary programming full of alarming words, code-interpreter
abuse and its benign twin, multi-turn drifts and references back, and disguises applied to both
sides alike. Everything is seeded, so the corpus (and the model trained on it) is reproducible.

No evaluation set is read here: `../shared/data/guard-dev/` is for measuring only.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from redline.constitution import Constitution
from redline.guard.training import phrasings
from redline.guard.training.disguises import (
    ENCODINGS,
    continuing,
    lower_first,
    split_across_turns,
    wrapped,
)

SOURCES = Path(str(resources.files("redline.guard.training") / "sources"))
ATTACK_TECHNIQUES = SOURCES / "attack-techniques.jsonl"
SEED = 20261124
DEV_GROUP_PREFIX = "written-dev:"

# Where a technique's tactic points when the constitution does not name the technique itself.
TACTIC_REDLINES = {
    "reconnaissance": "RL-EXPLOIT",
    "resource-development": "RL-MALWARE",
    "initial-access": "RL-EXPLOIT",
    "execution": "RL-EXPLOIT",
    "privilege-escalation": "RL-EXPLOIT",
    "lateral-movement": "RL-EXPLOIT",
    "discovery": "RL-EXPLOIT",
    "persistence": "RL-PERSISTENCE",
    "command-and-control": "RL-PERSISTENCE",
    "defense-evasion": "RL-EVASION",
    "credential-access": "RL-CREDENTIAL",
    "exfiltration": "RL-EXFIL",
    "collection": "RL-SURVEILLANCE",
    "impact": "RL-DESTRUCTIVE",
}


@dataclass(frozen=True)
class Example:
    """One labelled request or conversation of the corpus.

    `label` is 1 when answering would cross `redline`, 0 when it serves `principle`. `group`
    keeps related examples (one technique, one task) on the same side of every split.
    `last_turn_label` is the label of the last user turn read alone, or None when it cannot be
    judged without the turns before it. `weight` scales how much it counts in fitting beyond
    its family's weight (a batch of hand-written rows may count less than the others).
    """

    messages: tuple[tuple[str, str], ...]
    label: int
    redline: str | None
    principle: str | None
    group: str
    family: str
    last_turn_label: int | None = None
    weight: float = 1.0

    @property
    def text(self) -> str:
        """The last user turn."""
        return [content for role, content in self.messages if role == "user"][-1]


@dataclass(frozen=True)
class Technique:
    """The parts of an ATT&CK technique the corpus writes with."""

    id: str
    name: str
    action: str
    tactics: tuple[str, ...]
    mitigations: tuple[str, ...]


def _action(description: str, name: str) -> str:
    first = re.split(r"(?<=\.)\s", description.strip(), maxsplit=1)[0].rstrip(".")
    match = re.match(r"Adversaries may (?:attempt to |try to )?(.+)", first)
    if not match or len(match.group(1)) > 220:
        return f"carry out {name.lower()}"
    return match.group(1)


def load_techniques(path: Path = ATTACK_TECHNIQUES) -> list[Technique]:
    """The ATT&CK techniques shipped with the training sources."""
    techniques = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        techniques.append(
            Technique(
                id=row["id"],
                name=row["name"],
                action=_action(row["description"], row["name"]),
                tactics=tuple(row["tactics"]),
                mitigations=tuple(row["mitigations"]),
            )
        )
    return techniques


def load_descriptions(path: Path = ATTACK_TECHNIQUES) -> dict[str, str]:
    """Each technique's full description, by id."""
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    return {row["id"]: row["description"] for row in rows}


def redline_for(technique: Technique, constitution: Constitution) -> str:
    """The redline a technique belongs to: named by the constitution, else by its tactic."""
    parent = technique.id.split(".")[0]
    for candidate in (technique.id, parent):
        for redline in constitution.redlines:
            if candidate in redline.attack_techniques:
                return redline.id
    for tactic in technique.tactics:
        if tactic in TACTIC_REDLINES:
            return TACTIC_REDLINES[tactic]
    return "RL-EXPLOIT"


def _user(text: str) -> tuple[tuple[str, str], ...]:
    return (("user", text),)


def _fill(template: str, rng: random.Random, technique: Technique | None = None) -> str:
    values = {
        "lang": rng.choice(phrasings.LANGUAGES),
        "target": rng.choice(phrasings.FOREIGN_TARGETS),
        "own": rng.choice(phrasings.OWN_TARGETS),
    }
    if technique is not None:
        values.update(
            action=technique.action,
            name=technique.name,
            id=technique.id,
            mitigation=rng.choice(technique.mitigations or ("least privilege",)),
        )
    return template.format(**values)


def _technique_examples(
    technique: Technique, constitution: Constitution, rng: random.Random, per_side: int
) -> Iterator[Example]:
    redline = redline_for(technique, constitution)
    group = f"attack:{technique.id.split('.')[0]}"
    for template in rng.sample(phrasings.OFFENSIVE_TEMPLATES, per_side):
        text = _fill(template, rng, technique)
        yield Example(_user(text), 1, redline, None, group, "attack-offensive", 1)
    for principle, template in rng.sample(phrasings.DEFENSIVE_TEMPLATES, per_side):
        text = _fill(template, rng, technique)
        yield Example(_user(text), 0, None, principle, group, "attack-defensive", 0)
    # A multi-turn drift, and a conversation that stays defensive, on the same technique.
    opener = _fill(rng.choice(phrasings.BENIGN_OPENERS), rng, technique)
    answer = ("assistant", f"{technique.name} is an ATT&CK technique; here is an overview.")
    drift = _fill(rng.choice(phrasings.DRIFT_FOLLOW_UPS), rng, technique)
    yield Example((("user", opener), answer, ("user", drift)), 1, redline, None, group, "drift")
    stay = rng.choice(phrasings.DEFENSIVE_FOLLOW_UPS)
    yield Example(
        (("user", opener), answer, ("user", stay)), 0, None, "PR-DETECT", group, "stays", 0
    )


def _details(description: str, rng: random.Random) -> str:
    """One or two later sentences of the technique's description, as requirements."""
    sentences = re.split(r"(?<=\.)\s+", description.strip())[1:4]
    picked = [s for s in sentences if 30 < len(s) < 300][: rng.choice((0, 1, 2))]
    if not picked:
        return ""
    return rng.choice((" Background: ", " Context: ", " ")) + " ".join(picked)


_PROCEDURE = re.compile(
    r"Adversaries (?:may|can|could) (?:also )?(?:attempt to )?([^.;]{20,200})\."
)


def procedures(description: str) -> list[str]:
    """The "Adversaries may ..." verb phrases of a technique's description."""
    return [match.group(1).strip() for match in _PROCEDURE.finditer(description)]


def _long_request(
    rng: random.Random,
    ask: str,
    purposes: tuple[str, ...],
    details: str = "",
    steps: tuple[str, ...] = (),
) -> str:
    framing = rng.choice(phrasings.FRAMINGS)
    verb = rng.choice(phrasings.LONG_ASKS)
    if not framing:
        verb = verb.capitalize()
    artifact = rng.choice(phrasings.LONG_ARTIFACTS)
    language = rng.choice(phrasings.LANGUAGES)
    fillers = rng.sample(phrasings.VERBOSE_FILLERS, rng.choice((0, 0, 1, 2, 3)))
    body = " ".join((*steps, *fillers))
    purpose = rng.choice(purposes)
    if rng.random() < 0.5:
        purpose += rng.choice(phrasings.SHARED_JUSTIFICATIONS)
    return (
        f"{framing}{verb} {artifact} in {language} {ask}.{details}"
        f"{' ' + body if body else ''}{rng.choice(phrasings.REQUIREMENTS)}{purpose}"
    )


def _steps(rng: random.Random, description: str, templates: tuple[str, ...]) -> tuple[str, ...]:
    found = procedures(description)[1:]
    picked = rng.sample(found, min(len(found), rng.choice((0, 1, 2))))
    return tuple(rng.choice(templates).format(procedure=p) for p in picked)


def _long_technique_examples(
    technique: Technique,
    description: str,
    constitution: Constitution,
    rng: random.Random,
) -> Iterator[Example]:
    redline = redline_for(technique, constitution)
    group = f"attack:{technique.id.split('.')[0]}"
    for _ in range(3):
        ask = _fill(rng.choice(phrasings.OFFENSIVE_LONG_ASKS), rng, technique)
        details = _details(description, rng)
        steps = _steps(rng, description, phrasings.OFFENSIVE_STEPS)
        text = _long_request(rng, ask, phrasings.OFFENSIVE_PURPOSES, details, steps)
        yield Example(_user(text), 1, redline, None, group, "attack-offensive-long", 1)
    for _ in range(3):
        ask = _fill(rng.choice(phrasings.DEFENSIVE_LONG_ASKS), rng, technique)
        details = _details(description, rng)
        steps = _steps(rng, description, phrasings.DEFENSIVE_STEPS)
        text = _long_request(rng, ask, phrasings.DEFENSIVE_PURPOSES, details, steps)
        yield Example(_user(text), 0, None, "PR-DETECT", group, "attack-defensive-long", 0)


def _security_engineering_examples(rng: random.Random) -> Iterator[Example]:
    for number, system in enumerate(phrasings.SECURITY_ENGINEERING):
        group = f"engineering:{number}"
        for _ in range(8):
            text = _long_request(rng, f"for {system}", phrasings.DEFENSIVE_PURPOSES)
            text = text.replace(" for a ", " implementing a ").replace(
                " for an ", " implementing an "
            )
            yield Example(_user(text), 0, None, "PR-HARDEN", group, "engineering", 0)


def _constitution_examples(constitution: Constitution, rng: random.Random) -> Iterator[Example]:
    for redline in constitution.redlines:
        for number, text in enumerate(redline.forbidden):
            group = f"constitution:{redline.id}:forbidden:{number}"
            yield Example(_user(text), 1, redline.id, None, group, "constitution", 1)
            for prefix in _PROGRAMMING_PREFIXES[1:]:
                yield Example(
                    _user(continuing(prefix, text)), 1, redline.id, None, group, "constitution", 1
                )
            for wrapper in rng.sample(phrasings.WRAPPERS, 3):
                yield Example(
                    _user(wrapped(wrapper, text)), 1, redline.id, None, group, "wrapped", 1
                )
        for number, text in enumerate(redline.allowed):
            group = f"constitution:{redline.id}:allowed:{number}"
            yield Example(_user(text), 0, None, None, group, "constitution", 0)
            for prefix in _PROGRAMMING_PREFIXES[1:]:
                yield Example(
                    _user(continuing(prefix, text)), 0, None, None, group, "constitution", 0
                )
            for wrapper in rng.sample(phrasings.WRAPPERS, 3):
                yield Example(_user(wrapped(wrapper, text)), 0, None, None, group, "wrapped", 0)
    for principle in constitution.principles:
        for number, text in enumerate(principle.examples):
            group = f"constitution:{principle.id}:{number}"
            yield Example(_user(text), 0, None, principle.id, group, "constitution", 0)
            for wrapper in rng.sample(phrasings.WRAPPERS, 2):
                yield Example(
                    _user(wrapped(wrapper, text)), 0, None, principle.id, group, "wrapped", 0
                )


_PROGRAMMING_PREFIXES = ("", "Can you help? ", "Quick one: ", "Please ", "I need to know: ")


def _programming_examples(rng: random.Random) -> Iterator[Example]:
    for number, task in enumerate(phrasings.PROGRAMMING_TASKS):
        group = f"programming:{number}"
        for prefix in rng.sample(_PROGRAMMING_PREFIXES, 3):
            text = continuing(prefix, task)
            yield Example(_user(text), 0, None, "PR-PROGRAMMING", group, "programming", 0)
        for wrapper in rng.sample(phrasings.WRAPPERS, 2):
            yield Example(
                _user(wrapped(wrapper, task)), 0, None, "PR-PROGRAMMING", group, "wrapped", 0
            )


def _borderline_examples(rng: random.Random) -> Iterator[Example]:
    for number, (principle, task) in enumerate(phrasings.BORDERLINE_BENIGN):
        group = f"borderline:{number}"
        for prefix in rng.sample(_PROGRAMMING_PREFIXES, 3):
            text = continuing(prefix, task)
            yield Example(_user(text), 0, None, principle, group, "borderline", 0)
        for wrapper in rng.sample(phrasings.WRAPPERS, 3):
            yield Example(_user(wrapped(wrapper, task)), 0, None, principle, group, "wrapped", 0)


def _interpreter_examples(rng: random.Random) -> Iterator[Example]:
    for number, (redline, task) in enumerate(phrasings.INTERPRETER_ABUSE):
        group = f"interpreter:abuse:{number}"
        for wrapper in rng.sample(phrasings.INTERPRETER_WRAPPERS, 4):
            text = wrapper.format(task=task)
            yield Example(_user(text), 1, redline, None, group, "interpreter", 1)
    for number, task in enumerate(phrasings.INTERPRETER_BENIGN):
        group = f"interpreter:benign:{number}"
        for wrapper in rng.sample(phrasings.INTERPRETER_WRAPPERS, 4):
            text = wrapper.format(task=task)
            yield Example(_user(text), 0, None, "PR-PROGRAMMING", group, "interpreter", 0)


def asked_politely(text: str, rng: random.Random) -> str:
    """`text`, an imperative ask, asked politely: "Could you ...?", "... for me.", "Please ..."."""
    bare = text.rstrip(".!? ")
    if bare[1:2].islower():  # "Check ..." -> "check ...", but "SSH ..." stays
        bare = lower_first(bare)
    opener = rng.choice(phrasings.COURTESIES)
    end = "?" if "you" in opener.lower() else "."
    form = rng.randrange(3)
    if form == 0:
        return f"{bare[:1].upper()}{bare[1:]} for me."
    if form == 1:
        return f"{opener}{bare}{end}"
    return f"{opener}{bare} for me{end}"


def _terse_examples(rng: random.Random) -> Iterator[Example]:
    """Bare asks about attack tools (both sides, same words) and everyday chatter."""
    for number, (redline, artifact) in enumerate(phrasings.TERSE_ARTIFACTS):
        group = f"terse:{number}"
        for template in rng.sample(phrasings.TERSE_BUILDS, 3):
            text = template.format(artifact=artifact, lang=rng.choice(phrasings.LANGUAGES))
            yield Example(_user(text), 1, redline, None, group, "terse", 1)
        for principle, template in rng.sample(phrasings.TERSE_DEFENCES, 3):
            text = template.format(artifact=artifact)
            yield Example(_user(text), 0, None, principle, group, "terse", 0)
        courteous = rng.choice(phrasings.COURTESIES)
        template = rng.choice([t for t in phrasings.TERSE_BUILDS if not t.startswith("I ")])
        text = template.format(artifact=artifact, lang=rng.choice(phrasings.LANGUAGES))
        text = continuing(courteous, text)
        yield Example(_user(text), 1, redline, None, group, "terse", 1)
    for number, text in enumerate(phrasings.CHATTER):
        yield Example(_user(text), 0, None, None, f"chatter:{number}", "terse", 0)
    for number, text in enumerate(phrasings.TERSE_OPERATIONS):
        group = f"operations:{number}"
        yield Example(_user(text), 0, None, "PR-PROGRAMMING", group, "operations", 0)
        # The same ask as politely as the attacks are asked: courtesy says nothing of intent.
        polite = asked_politely(text, rng)
        yield Example(_user(polite), 0, None, "PR-PROGRAMMING", group, "operations", 0)


def _composed_operations(rng: random.Random) -> Iterator[Example]:
    """Terse asks about one's own machines and terse attacks on the same ones, in pairs."""
    for number, thing in enumerate(phrasings.OPERATION_THINGS):
        group = f"operations:composed:{number}"
        for template in rng.sample(phrasings.OPERATION_ASKS, 6):
            text = template.format(thing=thing)
            yield Example(_user(text), 0, None, "PR-PROGRAMMING", group, "operations", 0)
        for redline, template in rng.sample(phrasings.OPERATION_ATTACKS, 3):
            yield Example(
                _user(template.format(thing=thing)), 1, redline, None, group, "operations", 1
            )


def _reference_examples(
    techniques: list[Technique], constitution: Constitution, rng: random.Random
) -> Iterator[Example]:
    """Targets named in one turn and attacked (or defended) by reference in a later one."""
    for technique in rng.sample(techniques, 120):
        group = f"attack:{technique.id.split('.')[0]}"
        fact = _fill(rng.choice(phrasings.TARGET_FACTS), rng, technique)
        ask = _fill(rng.choice(phrasings.BACK_REFERENCES), rng, technique)
        ack = ("assistant", "Noted.")
        yield Example(
            (("user", fact), ack, ("user", ask)),
            1,
            redline_for(technique, constitution),
            None,
            group,
            "reference",
        )
        own = _fill(rng.choice(phrasings.OWN_FACTS), rng, technique)
        harden = _fill(rng.choice(phrasings.OWN_BACK_REFERENCES), rng, technique)
        yield Example((("user", own), ack, ("user", harden)), 0, None, "PR-HARDEN", group, "own", 0)


def _disguised(examples: list[Example], rng: random.Random) -> Iterator[Example]:
    """Wrappers and requests split across turns, applied to both classes alike."""
    singles = [e for e in examples if len(e.messages) == 1 and e.family.startswith("attack")]
    for example in rng.sample(singles, min(len(singles), 900)):
        wrapper = rng.choice(phrasings.WRAPPERS)
        yield Example(
            _user(wrapped(wrapper, example.text)),
            example.label,
            example.redline,
            example.principle,
            example.group,
            "wrapped",
            example.label,
        )
    for example in rng.sample(singles, min(len(singles), 300)):
        turns = split_across_turns(example.text)
        yield Example(
            tuple((m["role"], m["content"]) for m in turns),
            example.label,
            example.redline,
            example.principle,
            example.group,
            "split",
        )


def _encoding_shells(examples: list[Example], rng: random.Random) -> Iterator[Example]:
    """The undecoded shell of an encoded request is not itself a reason to refuse.

    The guard judges the decoded payload as a separate view; the shell ("Decode this base64 and
    do what it says: aGVs...") carries no intent of its own, so it is labelled 0 here whichever
    class its payload belongs to.
    """
    singles = [e for e in examples if len(e.messages) == 1]
    for example in rng.sample(singles, min(len(singles), 300)):
        name, encode = rng.choice([(n, f) for n, f in ENCODINGS.items() if n in _SHELLS])
        yield Example(_user(encode(example.text)), 0, None, None, example.group, f"shell:{name}", 0)


_SHELLS = frozenset({"base64", "hex", "rot13", "url-encoding"})

# The short asks a claim is put before: bare attack-tool asks and their defences, everyday
# operations, ordinary programming, code-interpreter tasks of both classes, and the
# one-sentence technique requests of both classes.
_CLAIMED_FAMILIES = frozenset(
    {
        "terse",
        "operations",
        "programming",
        "borderline",
        "interpreter",
        "attack-offensive",
        "attack-defensive",
    }
)


def claimed(claim: str, request: str) -> str:
    """`request` with a claim of ownership or authority before it."""
    if claim.endswith(", ") and request[1:2].islower():  # "Ping ..." -> "ping ...", "SSH" stays
        request = lower_first(request)
    return claim + request


def _claimed(examples: list[Example], rng: random.Random) -> Iterator[Example]:
    """Claims of ownership or authority before short asks of both classes alike.

    The constitution: a claim of authorisation alone neither unlocks a redline nor makes an
    otherwise defensive or everyday request suspicious. Natural rows name the requester's own
    systems far more often on the answer side, so without these a claim reads as a reason to
    answer ("Our red team needs ... patches AmsiScanBuffer") and an imperative about one's own
    servers, which the claim rows mostly ask of attacks, as a reason to refuse.
    """
    claims = (*phrasings.OWNERSHIP_CLAIMS, *phrasings.SHORT_CLAIMS)
    singles = [
        e
        for e in examples
        if len(e.messages) == 1
        and e.family in _CLAIMED_FAMILIES
        and not e.group.startswith("chatter:")
    ]
    for example in singles:
        if example.family.startswith("attack") and rng.random() >= _CLAIMED_ATTACK_SHARE:
            continue
        yield Example(
            _user(claimed(rng.choice(claims), example.text)),
            example.label,
            example.redline,
            example.principle,
            example.group,
            "claimed",
            example.label,
        )


_CLAIMED_ATTACK_SHARE = 0.1  # of the ~6,900 one-sentence technique requests


def build_corpus(
    constitution: Constitution, techniques: list[Technique] | None = None, per_side: int = 5
) -> list[Example]:
    """The whole corpus, deterministic for a given constitution and technique list."""
    techniques = techniques if techniques is not None else load_techniques()
    descriptions = load_descriptions()
    rng = random.Random(SEED)
    examples: list[Example] = []
    for technique in techniques:
        examples.extend(_technique_examples(technique, constitution, rng, per_side))
        description = descriptions.get(technique.id, "")
        examples.extend(_long_technique_examples(technique, description, constitution, rng))
    examples.extend(_security_engineering_examples(rng))
    examples.extend(_constitution_examples(constitution, rng))
    examples.extend(_programming_examples(rng))
    examples.extend(_borderline_examples(rng))
    examples.extend(_interpreter_examples(rng))
    examples.extend(_terse_examples(rng))
    examples.extend(_reference_examples(techniques, constitution, rng))
    examples.extend(list(_disguised(examples, rng)))
    examples.extend(list(_encoding_shells(examples, rng)))
    # Its own random stream, so that adding claims leaves every other example as it was.
    examples.extend(list(_claimed(examples, random.Random(f"{SEED}:claimed"))))
    examples.extend(_composed_operations(random.Random(f"{SEED}:operations")))
    return examples


def split_of(group: str) -> str:
    """Which held-apart split a group belongs to: "train" (70%), "calibration" or "test".

    The constitution's own examples are its specification and always train, as do the few terse
    asks, everyday operations and chatter lines (coverage, not measurement); the topics the
    writers of the hand-written rows held out are "dev", for design decisions only.
    """
    if group.startswith(("constitution:", "terse:", "chatter:", "operations:")):
        return "train"
    if group.startswith(DEV_GROUP_PREFIX):
        return "dev"
    bucket = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) % 100
    if bucket < 70:
        return "train"
    return "calibration" if bucket < 85 else "test"
