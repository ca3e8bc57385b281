"""Statements that are events: a quote's cue ("demanded", "accused") is itself a PLOVER act
(REQUEST, ACCUSE...), and the events inside a quote's content are what the speaker reports.
Both share their spans with the quote, so each such event records its quote and role, and
each quote lists its events."""

from __future__ import annotations

from heron.model import Event, Quote, QuoteRole, Span

STATEMENT: QuoteRole = "statement"  # the trigger is (part of) the quote's cue: saying it was the act
CONTENT: QuoteRole = "content"  # the trigger lies in what was said


def link_statements(events: list[Event], quotes: list[Quote]) -> None:
    """Set ``quote_id``/``quote_role`` on events and ``event_ids`` on quotes. A trigger on a
    cue wins over one inside another quote's content (nested reports: "X said Y demanded"),
    and of nested contents the innermost (shortest) wins."""
    for event in events:
        found = [(quote, role) for quote in quotes if (role := _role(event.trigger, quote))]
        if found:
            quote, role = min(found, key=lambda f: (f[1] != STATEMENT, _length(f[0])))
            event.quote_id, event.quote_role = quote.id, role
            quote.event_ids.append(event.id)


def _length(quote: Quote) -> int:
    return sum(p.end - p.start for p in quote.content_spans or [quote.content])


def _role(trigger: Span, quote: Quote) -> QuoteRole | None:
    if quote.cue is not None and _overlaps(trigger, quote.cue):
        return STATEMENT
    if any(part.start <= trigger.start and trigger.end <= part.end
           for part in quote.content_spans or [quote.content]):
        return CONTENT
    return None


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
