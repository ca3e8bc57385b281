"""Actors: mentions in the text resolved to canonical, coded actors (see ``component`` for the
actor-id scheme and ``resolve`` for the decision).

Public API:

* :func:`build` — the pipeline component (KB, indexes and matchers built once);
* :func:`find_actor` — scored KB candidates for a name, used by ``heron actor NAME``;
* :func:`is_news_outlet` — media/platform names, for the quotes component's ``via``;
* :func:`cluster_new_actors` — cross-document merging of ``new:`` actors for the store/fuse stage;
* :func:`load_kb` / :class:`KBError` — the validated KB loader.

Importing this package does not import spaCy (only :func:`build` needs it): the read layer's
name lookup (``heron.nlp.actors.lookup``) runs this file first, and a web server answering a
speaker query must not spend seconds loading the NLP stack.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from heron.config import Settings
from heron.nlp.actors.cluster import cluster_new_actors
from heron.nlp.actors.index import NameIndex
from heron.nlp.actors.kb import KBError, KnowledgeBase, load_kb
from heron.nlp.actors.outlets import is_news_outlet
from heron.nlp.actors.resolve import Resolver

if TYPE_CHECKING:
    from spacy.language import Language

    from heron.nlp.actors.component import ActorsComponent

__all__ = ["KBError", "KnowledgeBase", "build", "cluster_new_actors",
           "find_actor", "is_news_outlet", "load_kb"]


def build(nlp: Language, settings: Settings, extra_kb: Iterable[Path | str] = ()) -> ActorsComponent:
    """The actors component over the built-in KB, ``settings.kb_paths`` and ``extra_kb``."""
    from heron.nlp.actors.component import ActorsComponent  # spaCy-bound: see module docstring

    return ActorsComponent(nlp, load_kb([*settings.kb_paths, *extra_kb]))


def find_actor(kb: KnowledgeBase, name: str, limit: int = 10) -> list[dict]:
    """KB people, organisations, groups and countries a name may refer to, best first.

    Each candidate: ``{"id", "name", "kind", "score", "country", "sector", "features"}``;
    exact names/aliases score 1.0, others their name-similarity score (no context).
    """
    resolver = _resolver(kb)
    found = [_describe(kb, t.kind, t.ref, 1.0, {"method": "exact"})
             for t in resolver.index.lookup(name, cased=False)]
    seen = {c["id"] for c in found}
    for person_id, score, features in resolver.candidates(name):
        if person_id not in seen:
            found.append(_describe(kb, "person", person_id, min(score, 0.999), features))
    return sorted(found, key=lambda c: -c["score"])[:limit]


@lru_cache(maxsize=4)
def _resolver(kb: KnowledgeBase) -> Resolver:
    return Resolver(NameIndex(kb))


def _describe(kb: KnowledgeBase, kind: str, ref: str, score: float, features: dict) -> dict:
    if kind == "person":
        person = kb.people[ref]
        role = person.role_on(None)
        name, country, sector = person.name, role and kb.polity(role.country), role and role.sector
    elif kind == "igo":
        igo = kb.igos[ref]
        name, country, sector = igo.name, kb.polity(igo.code), igo.sector
    elif kind == "group":
        group = kb.groups[ref]
        name, country, sector = group.name, group.country, group.sector
    else:
        country_entry = kb.countries[ref]
        name, country, sector = country_entry.name, ref, "GOV" if kind in ("seat", "capital") else None
    return {"id": ref, "name": name, "kind": kind, "score": round(score, 3), "country": country,
            "sector": sector, "features": features}
