"""Actors as readers get them: lists with mention counts, one actor's page (surface forms,
events by role, quotes, co-actors, trend), and which stored actors a name stands for."""

from __future__ import annotations

from heron.read.events import NOT_HAPPENED, event_row, per_day
from heron.read.paging import MAX_LIMIT, Page, clamp
from heron.read.quotes import quotes
from heron.records import ActorSummary, ActorView, DayStance, EventRow
from heron.store.base import ActorFilter, EventFilter, Role, Store

CO_ACTORS = 10  # co-actors shown on an actor's page
SPEAKER_MARGIN = 5  # name-match points within which several actors answer to one name


def actors(store: Store, query: str | None = None, country: str | None = None,
           limit: int = 50, offset: int = 0) -> Page[ActorSummary]:
    """Canonical actors with their mention counts, the most mentioned first; ``query`` is a
    substring of the name, ``country`` an ISO-3 code."""
    limit, offset = clamp(limit, offset)
    where = ActorFilter(name=query, country=country)
    return Page(store.count_actors(where), limit, offset,
                store.actor_summaries(where, limit, offset))


def actor(store: Store, actor_id: str, limit: int = 50, offset: int = 0,
          quote_min_confidence: float = 0.0) -> ActorView | None:
    """Everything about one actor: surface forms, one page (``limit``/``offset``) of its events
    in each role with their totals, quotes, co-actors and the trend. Co-actors and the trend
    cover every event, from per-actor counts the store keeps when it saves an analysis: a page
    of an actor with 50,000 events reads 50 of them. Quotes below ``quote_min_confidence`` are left out, as
    in :func:`heron.read.quotes.quotes`."""
    found = store.actor_row(actor_id)
    if found is None:
        return None
    limit, offset = clamp(limit, offset)
    as_actor = events_in_role(store, actor_id, "actors", limit, offset)
    as_recipient = events_in_role(store, actor_id, "recipients", limit, offset)
    return {
        **found,
        "surface_forms": store.surface_forms(actor_id),
        "events_as_actor": as_actor.items,
        "events_as_recipient": as_recipient.items,
        "n_events_as_actor": as_actor.total,
        "n_events_as_recipient": as_recipient.total,
        "limit": limit,
        "offset": offset,
        "quotes": quotes(store, speakers=[actor_id], limit=MAX_LIMIT,
                         min_confidence=quote_min_confidence).items,
        "co_actors": store.co_actors(actor_id, CO_ACTORS),
        "trend": actor_trend(store, actor_id),
    }


def events_in_role(store: Store, actor_id: str, role: Role, limit: int,
                   offset: int) -> Page[EventRow]:
    where = EventFilter(actor=actor_id, role=role)
    records = store.event_records(where, limit, offset)
    return Page(store.count_events(where), limit, offset, [event_row(r) for r in records])


def actor_trend(store: Store, actor_id: str) -> list[DayStance]:
    """:func:`heron.read.events.stance_per_day` of every event of the actor, counted by the
    database."""
    return per_day(store.actor_day_counts(actor_id, NOT_HAPPENED))


def speaker_ids(store: Store, name: str) -> list[str]:
    """The actor ids a speaker argument stands for: itself when it is a stored actor id, else
    the actors whose name or a surface form matches it best ("Putin", "Zelensky", "Lavrov")."""
    if store.has_actor(name):
        return [name]
    matches = matching_actors(store, name)
    return [actor_id for actor_id, score in matches if score >= matches[0][1] - SPEAKER_MARGIN]


def matching_actors(store: Store, name: str) -> list[tuple[str, float]]:
    """Stored actors whose canonical name or a surface form matches ``name``, best first."""
    # Imported here, not at the top: importing heron.nlp.actors loads spaCy.
    from heron.nlp.actors.lookup import matching_actors as match

    return match(name, store.actor_forms())
