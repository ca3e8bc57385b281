"""The quotes component's word list file and tuning: the shipped file loads, a malformed one stops
the load with the list and the entry named, and the thresholds are read from the factory config
(unknown names and non-counts refused, an override changing what is found)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml

import heron.nlp.components  # noqa: F401  (registers the heron_quotes factory)
from heron.nlp.quotes.finder import find_attributions
from heron.nlp.quotes.lexicon import LEXICON_PATH, QuoteLexiconError, load_quote_lexicon
from heron.nlp.quotes.page import Page
from heron.nlp.quotes.tuning import QuoteTuning, QuoteTuningError


def test_the_shipped_word_lists_load() -> None:
    lexicon = load_quote_lexicon()
    assert {"say", "tell", "warn"} <= lexicon.words["speech_verbs"]
    assert lexicon.word_maps["cue_particles"]["call"] == ("for", "on")
    assert lexicon.names["outlets"]["reuters"] == "Reuters"


def _shipped() -> dict:
    return yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))


def _load_edited(tmp_path: Path, edit) -> None:
    raw = _shipped()
    edit(raw)
    path = tmp_path / "quote_words.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    load_quote_lexicon(path)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda raw: raw.pop("speech_verbs"), r"missing lists \['speech_verbs'\]"),
    (lambda raw: raw.update(speach_verbs="say"), r"unknown lists \['speach_verbs'\]"),
    (lambda raw: raw.update(speech_verbs=["say", "tell"]), "speech_verbs: expected words"),
    (lambda raw: raw.update(speech_verbs="   "), "speech_verbs: expected words"),
    (lambda raw: raw.update(noun_cues="claim Statement"), "noun_cues: 'Statement' is not one lower-case"),
    # an unquoted "on:" key is read by YAML as the boolean True
    (lambda raw: raw["cue_particles"].update({True: "for"}), "cue_particles: True is not one lower-case"),
    (lambda raw: raw["cue_particles"].update(call=7), "cue_particles: call: expected words"),
    (lambda raw: raw.update(as_framed_verbs=[]), "as_framed_verbs: expected a non-empty mapping"),
    (lambda raw: raw["outlets"].update({"Reuters": "Reuters"}), "outlets: 'Reuters' is not a lower-case"),
    (lambda raw: raw["platforms"].update(telegram=None), "platforms: telegram: expected a name"),
])
def test_a_malformed_list_names_the_file_list_and_entry(tmp_path: Path, edit, message: str) -> None:
    with pytest.raises(QuoteLexiconError, match=message) as error:
        _load_edited(tmp_path, edit)
    assert str(tmp_path / "quote_words.yaml") in str(error.value)


@pytest.mark.parametrize("text", ["speech_verbs: [say\n", "- say\n- tell\n"])
def test_a_file_that_is_no_mapping_of_lists_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "quote_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QuoteLexiconError, match="quote_words.yaml"):
        load_quote_lexicon(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QuoteLexiconError, match="cannot read"):
        load_quote_lexicon(tmp_path / "absent.yaml")


def test_tuning_overrides_keep_the_other_defaults() -> None:
    tuning = QuoteTuning.from_config({"min_content_words": 5})
    assert tuning.min_content_words == 5
    assert tuning.max_lead_in_tokens == QuoteTuning().max_lead_in_tokens


@pytest.mark.parametrize(("values", "message"), [
    ({"min_content_word": 3}, r"unknown quotes tuning \['min_content_word'\]"),
    ({"min_content_words": "3"}, "must be a count"),
    ({"min_content_words": 2.5}, "must be a count"),
    ({"min_content_words": -1}, "must be a count"),
    ({"min_content_words": True}, "must be a count"),
])
def test_bad_tuning_is_refused(values: dict, message: str) -> None:
    with pytest.raises(QuoteTuningError, match=message):
        QuoteTuning.from_config(values)


def test_the_factory_refuses_bad_tuning() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(QuoteTuningError, match="unknown quotes tuning"):
        nlp.add_pipe("heron_quotes", config={"tuning": {"max_lead_in": 2}})


def _contents(doc, tuning: QuoteTuning) -> list[str]:
    return [doc.text[s:e] for f in find_attributions(Page(doc, tuning=tuning)) for s, e in f.content]


def test_the_content_word_minimum_decides_what_is_found(nlp) -> None:
    doc = nlp("The minister said prices would rise sharply next year. Smith said it was over.")
    assert _contents(doc, QuoteTuning()) == ["prices would rise sharply next year", "it was over"]
    assert _contents(doc, QuoteTuning(min_content_words=4)) == ["prices would rise sharply next year"]
