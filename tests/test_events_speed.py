"""The per-Doc shortcuts of the event coder give what the per-word computations give: a status
reader shared by the words of a Doc, one model pass over every candidate of a Doc, vectorised
dense inputs, and a prediction whose samples have no known feature."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from heron.config import Settings
from heron.nlp import linear
from heron.nlp.events.coder import find_matches
from heron.nlp.events.learned import (
    TENSOR_WIDTH,
    Candidate,
    TypeProbabilities,
    candidates,
    dense_features,
    load_learned,
)
from heron.nlp.events.lexicon import load_lexicon
from heron.nlp.events.status import StatusReader, event_status
from heron.nlp.pipeline import load_spacy

TEXT = (
    "Israel denied that its jets had attacked the convoy. Officials did not confirm that "
    "Iran had agreed to the talks. The main issue was what guarantees Ukraine could receive. "
    "If Russia attacks, NATO will respond, and the minister may visit Kyiv, reportedly. "
    "The allies have yet to decide whether they want to impose sanctions. "
    "Serbia eased emergency measures as authorities cracked down on nationalists, "
    "according to officials who said that talks would resume."
)


@pytest.fixture(scope="module")
def doc():
    return load_spacy(Settings().spacy_model)(TEXT)


def test_a_shared_status_reader_reads_every_word_as_a_fresh_one(doc):
    shared = StatusReader()
    for token in reversed(doc):  # governors met in any order
        for options in ({}, {"recoded": True}, {"question": True}):
            assert shared.status(token, **options) == event_status(token, **options)
    statuses = {event_status(t).status for t in doc}
    assert {"negated", "claimed", "hypothetical", "future", "asserted"} <= statuses


def test_one_model_pass_per_doc_gives_the_per_sentence_probabilities(doc):
    learned = load_learned()
    assert learned is not None
    lexicon = load_lexicon()
    sentences = [(s, candidates(s, find_matches(s, lexicon), lexicon)) for s in doc.sents]
    whole = learned.type_probabilities(sentences)
    for sentence, found in sentences:
        alone = learned.type_probabilities([(sentence, found)])
        for candidate in found:
            assert whole.of(candidate.token) == pytest.approx(alone.of(candidate.token), abs=1e-9)


def test_best_events_skip_none_and_take_the_first_of_tied_labels(doc):
    token = doc[0]
    rows = np.array([[0.6, 0.2, 0.2]])
    probs = TypeProbabilities(["NONE", "AGREE", "ASSAULT"], rows, {token.i: 0})
    found = Candidate(token)
    assert probs.best_events([found]) == [(found, "AGREE", 0.2)]
    assert probs.best_events([]) == []


def test_dense_inputs_are_zero_for_missing_arguments_and_tensors(doc):
    lexicon = load_lexicon()
    sentence = next(iter(doc.sents))
    found = candidates(sentence, find_matches(sentence, lexicon), lexicon)
    rows = dense_features(found)
    width = doc.tensor.shape[1]
    assert rows.shape == (len(found), 4 * width) and rows.dtype == np.float32
    for candidate, row in zip(found, rows, strict=True):
        token = candidate.token
        assert np.array_equal(row[:width], doc.tensor[token.i])
        assert np.array_equal(row[width:2 * width], doc.tensor[token.head.i])
        has_object = any(c.dep_ in ("dobj", "pobj", "dative") for c in token.children)
        assert has_object or not row[3 * width:].any()
    assert dense_features([]).shape == (0, 4 * TENSOR_WIDTH)
    bare = spacy.blank("en")("no tensor here")
    empty = [Candidate(bare[0])]
    assert not dense_features(empty).any() and dense_features(empty).shape == (1, 4 * TENSOR_WIDTH)


def test_predict_batches_like_one_sample_at_a_time():
    features = [["a", "b", "a"], ["zzz-unknown"], [], ["b", "c"]] * 20
    labels = ["x", "y", "x", "z"] * 20
    dense = np.random.default_rng(0).normal(size=(len(features), 70)).astype(np.float32)
    model = linear.train(features, labels, seed=2, epochs=3, dense=dense)
    together = model.predict(features, dense)
    apart = np.vstack([model.predict([f], dense[i:i + 1]) for i, f in enumerate(features)])
    assert np.allclose(together, apart, atol=1e-12)
    # a sample without any known feature gets the bias (and its dense share) only
    unknown = model.predict([["never seen"]])
    assert np.allclose(unknown, linear.softmax(model.bias[None, :] / model.temperature))
    assert model.predict([]).shape == (0, len(model.labels))
