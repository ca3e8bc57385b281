"""The quotes component's tuning: the thresholds its rules count with.

Defaults are the values the rules and the shipped models were developed with; the spaCy factory
``heron_quotes`` passes its ``tuning`` config block here (``heron.nlp.components``), so a pipeline
config can change one without editing code. Word lists live in ``heron/data/quote_words.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields


class QuoteTuningError(ValueError):
    """A tuning block with an unknown name or a value that is not a count."""


@dataclass(frozen=True)
class QuoteTuning:
    # Fewest words of a content; clauses found past the parse (after "say", after a colon
    # heading none) need one more, with a verb.
    min_content_words: int = 2
    # Longest verbless lead-in set off by a comma that a statement opening its sentence drops
    # ("For instance, …", "Details aside, …").
    max_lead_in_tokens: int = 4
    # Longest ``Name:`` before a quotation that still reads as its speaker, colon included.
    max_colon_speaker_tokens: int = 6
    # Fewest words of a quotation that is a statement rather than a quoted word or title.
    min_statement_quote_words: int = 3
    # How far back (in sentences) a verbatim quote with no setting of its own takes the
    # channel, outlet and date of the same speaker's statement.
    setting_carry_sentences: int = 2
    # How many later paragraphs a quotation left open at its paragraph's end may run over
    # (the span model's "paragraphs" candidate; the lines without marks a quotation runs over
    # in text with one sentence per line, marks.py).
    max_continued_paragraphs: int = 6

    @classmethod
    def from_config(cls, values: Mapping[str, object]) -> QuoteTuning:
        """The defaults with ``values`` (a factory config block) over them, each checked."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise QuoteTuningError(f"unknown quotes tuning {unknown}; known: {sorted(names)}")
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise QuoteTuningError(f"quotes tuning {name} must be a count (an integer >= 0), "
                                       f"not {value!r}")
        return cls(**values)  # type: ignore[arg-type]  # checked above: known names, int values
