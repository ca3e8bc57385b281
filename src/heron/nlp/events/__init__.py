"""PLOVER event coding (see docs/EVENTS.md).

``build(nlp, settings)`` returns the pipeline component; ``code_texts`` is the sentence-level
coder behind ``heron code FILE.jsonl``.

Importing this package does not import spaCy: readers of stored events import
``heron.nlp.events.lexicon`` (each type's quad class), which runs this file first, and a web
server answering its first event request must not spend seconds loading the NLP stack.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from heron.config import Settings, model_dir
from heron.model import Article
from heron.nlp.events.lexicon import load_lexicon

if TYPE_CHECKING:
    from spacy.language import Language

    from heron.nlp.events.component import EventCoder

__all__ = ["build", "code_texts"]
log = logging.getLogger(__name__)


def build(nlp: Language, settings: Settings) -> EventCoder:
    # spaCy-bound modules, imported when a pipeline is built (see the module docstring)
    from heron.nlp.events.component import EventCoder, optional_hook
    from heron.nlp.events.learned import load_learned

    return EventCoder(
        lexicon=load_lexicon(),
        governing_timex=optional_hook("heron.nlp.timexes", "governing_timex"),
        places_for_clause=optional_hook("heron.nlp.places", "places_for_clause"),
        narrative_timex=optional_hook("heron.nlp.timexes", "narrative_timex"),
        learned=load_learned(model_dir(settings.model_dir)) if settings.learned_models else None,
    )


def code_texts(records: Iterable[dict[str, Any]], pipeline: Any = None) -> Iterator[dict[str, Any]]:
    """Events of each input record ``{"id", "text", "published"?}`` as dicts carrying the input
    ``id`` (the event's own id is ``event_id``). Texts are analysed in ``nlp.pipe`` batches by
    the full pipeline (or ``pipeline`` when given)."""
    from heron.nlp.pipeline import Pipeline  # the pipeline imports components lazily too

    pipeline = pipeline or Pipeline()
    iterator = iter(records)
    while batch := list(islice(iterator, pipeline.settings.batch_size)):
        articles = [_article(record, n) for n, record in enumerate(batch)]
        for record, (_, analysis) in zip(batch, pipeline.analyse_each(articles), strict=True):
            if isinstance(analysis, Exception):  # one bad text must not stop the others
                log.warning("record %s not coded: %s: %s", record.get("id"),
                            type(analysis).__name__, analysis)
                continue
            for event in analysis.events:
                row = event.to_dict()
                row["event_id"] = row.pop("id")
                yield {"id": record.get("id"), **row}


def _article(record: dict[str, Any], number: int) -> Article:
    text = record["text"]
    return Article(id=str(record.get("id", number)), text=text, raw_text=text,
                   published=record.get("published"))
