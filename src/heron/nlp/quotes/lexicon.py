"""Word lists of the quotes component, loaded once from ``heron/data/quote_words.yaml``.

The YAML file is the single source of the attribution cues, the grammar words the rules test,
the statement channels and relaying outlets, and the words of anonymous speakers (what each list
means is written above it in the file). It is checked as it is read: a missing, unknown or
malformed list raises :class:`QuoteLexiconError` naming the file, the list and the entry, so a
bad edit fails at import, not as a quote silently missed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from heron.config import data_dir

LEXICON_PATH = data_dir() / "quote_words.yaml"

# The lists of the file and their shape: a word list ("say tell write"), a word -> words map
# ("call: for on") or a name map (lower-case surface form -> canonical name).
Shape = Literal["words", "word_map", "names"]
SHAPES: dict[str, Shape] = {
    **dict.fromkeys((
        "speech_verbs", "addressee_verbs", "declaring_adjectives", "cognition_verbs",
        "intention_verbs", "evidence_verbs", "survey_nouns", "evidence_nouns", "framed_verbs",
        "object_prepositions", "noun_cues", "speech_nouns", "owned_noun_cues", "voicing_verbs",
        "message_nouns", "stance_adjectives", "stance_prepositions", "linking_verbs",
        "other_sense_passives", "addressed_verbs", "viewpoint_nouns", "words_only_verbs",
        "quoting_verbs", "relay_verbs", "broadcaster_nouns", "outlet_nouns", "platform_nouns",
        "anonymous_heads", "organisation_heads", "generic_organisation_heads", "role_heads",
        "indefinite_determiners", "vague_adjectives", "expletives",
        "relative_pronouns", "wh_relatives", "personal_pronouns", "first_person",
        "setting_prepositions", "subordinators", "subject_pronouns"), "words"),
    **dict.fromkeys(("cue_particles", "noun_preposition_cues", "as_framed_verbs"), "word_map"),
    **dict.fromkeys(("platforms", "broadcasters", "occasions", "outlets"), "names"),
}


class QuoteLexiconError(ValueError):
    """The quote word list file is missing a list or has a malformed one."""


@dataclass(frozen=True)
class QuoteLexicon:
    """The checked lists of one word list file, by name."""

    words: dict[str, frozenset[str]]
    word_maps: dict[str, dict[str, tuple[str, ...]]]
    names: dict[str, dict[str, str]]


def load_quote_lexicon(path: Path = LEXICON_PATH) -> QuoteLexicon:
    """Read and check the word list file (see the module docstring)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuoteLexiconError(f"{path}: cannot read the quote word lists: {exc}") from exc
    if not isinstance(raw, dict):
        raise QuoteLexiconError(f"{path}: expected a mapping of list names to lists")
    missing = sorted(SHAPES.keys() - raw.keys())
    unknown = sorted(str(k) for k in raw.keys() - SHAPES.keys())
    if missing or unknown:
        raise QuoteLexiconError(f"{path}: missing lists {missing}, unknown lists {unknown}")
    lexicon = QuoteLexicon({}, {}, {})
    for name, shape in SHAPES.items():
        where = f"{path}: {name}"
        if shape == "words":
            lexicon.words[name] = _words(raw[name], where)
        elif shape == "word_map":
            lexicon.word_maps[name] = {_word(key, where): _word_sequence(value, f"{where}: {key}")
                                       for key, value in _mapping(raw[name], where).items()}
        else:
            lexicon.names[name] = {_surface(key, where): _name(value, f"{where}: {key}")
                                   for key, value in _mapping(raw[name], where).items()}
    return lexicon


def _mapping(value: object, where: str) -> dict[object, object]:
    if not isinstance(value, dict) or not value:
        raise QuoteLexiconError(f"{where}: expected a non-empty mapping, got {value!r}")
    return value


def _words(value: object, where: str) -> frozenset[str]:
    return frozenset(_word_sequence(value, where))


def _word_sequence(value: object, where: str) -> tuple[str, ...]:
    """A string of words separated by white space, in their order."""
    if not isinstance(value, str) or not value.split():
        raise QuoteLexiconError(f"{where}: expected words separated by spaces, got {value!r}")
    return tuple(_word(word, where) for word in value.split())


def _word(value: object, where: str) -> str:
    if not isinstance(value, str) or not value or value != value.lower() or value.split() != [value]:
        raise QuoteLexiconError(f"{where}: {value!r} is not one lower-case word")
    return value


def _surface(value: object, where: str) -> str:
    """A lower-case surface form of a name, one or more words."""
    if not isinstance(value, str) or not value.strip() or value != value.lower():
        raise QuoteLexiconError(f"{where}: {value!r} is not a lower-case name")
    return value


def _name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise QuoteLexiconError(f"{where}: expected a name, got {value!r}")
    return value


LEXICON = load_quote_lexicon()
_words_of, _maps_of, _names_of = LEXICON.words, LEXICON.word_maps, LEXICON.names

# ---- attribution cues (heron.nlp.quotes.cues, .content, .attributions) -------------------------
SPEECH_VERBS = _words_of["speech_verbs"]
ADDRESSEE_VERBS = _words_of["addressee_verbs"]
DECLARING_ADJECTIVES = _words_of["declaring_adjectives"]
COGNITION_VERBS = _words_of["cognition_verbs"]
INTENTION_VERBS = _words_of["intention_verbs"]
EVIDENCE_VERBS = _words_of["evidence_verbs"]
SURVEY_NOUNS = _words_of["survey_nouns"]
EVIDENCE_NOUNS = _words_of["evidence_nouns"]
FRAMED_VERBS = _words_of["framed_verbs"]
CUE_PARTICLES = _maps_of["cue_particles"]
OBJECT_PREPOSITIONS = _words_of["object_prepositions"]
NOUN_CUES = _words_of["noun_cues"]
SPEECH_NOUNS = _words_of["speech_nouns"]
OWNED_NOUN_CUES = _words_of["owned_noun_cues"]
NOUN_PREPOSITION_CUES = _maps_of["noun_preposition_cues"]
VOICING_VERBS = _words_of["voicing_verbs"]
MESSAGE_NOUNS = _words_of["message_nouns"]
STANCE_ADJECTIVES = _words_of["stance_adjectives"]
STANCE_PREPOSITIONS = _words_of["stance_prepositions"]
LINKING_VERBS = _words_of["linking_verbs"]
AS_FRAMED_VERBS = _maps_of["as_framed_verbs"]
OTHER_SENSE_PASSIVES = _words_of["other_sense_passives"]
# The file lists only the verbs besides the addressee verbs, which all address someone too.
ADDRESSED_VERBS = ADDRESSEE_VERBS | _words_of["addressed_verbs"]
VIEWPOINT_NOUNS = _words_of["viewpoint_nouns"]
WORDS_ONLY_VERBS = _words_of["words_only_verbs"]
QUOTING_VERBS = _words_of["quoting_verbs"]

# ---- grammar words the rules test ----------------------------------------------------------
EXPLETIVES = _words_of["expletives"]
RELATIVE_PRONOUNS = _words_of["relative_pronouns"]
WH_RELATIVES = _words_of["wh_relatives"]
PERSONAL_PRONOUNS = _words_of["personal_pronouns"]
FIRST_PERSON = _words_of["first_person"]
SETTING_PREPOSITIONS = _words_of["setting_prepositions"]
SUBORDINATORS = _words_of["subordinators"]

# ---- statement settings (heron.nlp.quotes.setting) ---------------------------------------------
PLATFORMS = _names_of["platforms"]
BROADCASTERS = _names_of["broadcasters"]
OCCASIONS = _names_of["occasions"]
OUTLETS = _names_of["outlets"]
RELAY_VERBS = _words_of["relay_verbs"]
BROADCASTER_NOUNS = _words_of["broadcaster_nouns"]
OUTLET_NOUNS = _words_of["outlet_nouns"]
PLATFORM_NOUNS = _words_of["platform_nouns"]

# ---- speakers (heron.nlp.quotes.speaker and the component) -----------------------------------
ANONYMOUS_HEADS = _words_of["anonymous_heads"]
ORGANISATION_HEADS = _words_of["organisation_heads"]
GENERIC_ORGANISATION_HEADS = _words_of["generic_organisation_heads"]
ROLE_HEADS = _words_of["role_heads"]
INDEFINITE_DETERMINERS = _words_of["indefinite_determiners"]
VAGUE_ADJECTIVES = _words_of["vague_adjectives"]
SUBJECT_PRONOUNS = _words_of["subject_pronouns"]
