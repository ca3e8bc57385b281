"""The PLOVER trigger lexicon: loaded once from ``heron/data/plover_lexicon.yaml``.

The YAML file is the single source of the event types' quad classes and scores, their trigger
words, mode cues and context cues (format documented in the file and in docs/EVENTS.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from heron.config import data_dir

LEXICON_PATH = data_dir() / "plover_lexicon.yaml"

# Part-of-speech section of the YAML -> spaCy coarse tags the trigger token may carry.
POS_SECTIONS = {"verbs": ("VERB",), "nouns": ("NOUN", "PROPN"), "adjectives": ("ADJ", "VERB")}
DEFAULT_WEIGHT = {"verbs": 0.75, "adjectives": 0.7, "nouns": 0.55}
QUAD_CODES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a head lemma, the extra words it needs, and what it codes."""

    event_type: str
    head: str
    extras: tuple[str, ...]  # lemmas that must hang off the head ("out" in "rule out")
    section: str  # verbs | nouns | adjectives
    weight: float
    mode: str | None = None
    negated: str | None = None  # event type when negated ("would not accept" -> REJECT)
    conflict: str | None = None  # event type when it embeds a conflictual act
    reversed: bool = False  # object is the actor (host/visit)

    @property
    def label(self) -> str:
        words = " ".join((self.head, *self.extras))
        return f"{self.event_type}:{self.section[:-1]}:{words}"


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: str
    quad_code: int
    score: float
    modes: dict[str, frozenset[str]] = field(default_factory=dict)  # ordered: first match wins


@dataclass
class Lexicon:
    types: dict[str, EventType]
    # (head lemma, coarse POS) -> triggers, most specific (most extra words), then likeliest first
    triggers: dict[tuple[str, str], list[Trigger]]
    contexts: dict[str, frozenset[str]]

    def candidates(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    types: dict[str, EventType] = {}
    triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for name, spec in raw["types"].items():
        types[name] = _event_type(name, spec)
        for section in POS_SECTIONS:
            for entry in spec.get(section, []):
                trigger = _trigger(name, section, entry)
                for pos in POS_SECTIONS[section]:
                    triggers[(trigger.head, pos)].append(trigger)
    for entries in triggers.values():
        entries.sort(key=lambda t: (-len(t.extras), -t.weight))
    contexts = {name: frozenset(w.lower() for w in cues) for name, cues in raw["contexts"].items()}
    return Lexicon(types=types, triggers=dict(triggers), contexts=contexts)


def _event_type(name: str, spec: dict[str, Any]) -> EventType:
    quad = spec["quad"]
    modes = {mode: frozenset(c.lower() for c in cues) for mode, cues in spec.get("modes", {}).items()}
    return EventType(name=name, quad=quad, quad_code=QUAD_CODES[quad], score=float(spec["score"]),
                     modes=modes)


def _trigger(event_type: str, section: str, entry: str | dict[str, Any]) -> Trigger:
    spec = {"lemma": entry} if isinstance(entry, str) else dict(entry)
    words = spec["lemma"].lower().split()
    # Verbs and adjectives are written head-first ("rule out"), nouns head-last ("air strike").
    head = spec.get("head") or (words[-1] if section == "nouns" else words[0])
    extras = list(words)
    extras.remove(head)
    return Trigger(
        event_type=event_type,
        head=head,
        extras=tuple(extras),
        section=section,
        weight=float(spec.get("weight", DEFAULT_WEIGHT[section])),
        mode=spec.get("mode"),
        negated=spec.get("negated"),
        conflict=spec.get("conflict"),
        reversed=bool(spec.get("reversed", False)),
    )
