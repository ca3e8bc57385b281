"""Which stored actors a user's query names: ``heron actor NAME`` matches the query against
every actor's canonical name and every surface form the texts used for it, so "Zelinski" finds
Zelenskyy through the garbled form seen in an article as well as through the KB name."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from heron.nlp.actors.names import fold

# Below this WRatio a surface form is another name, not a spelling of the query.
MIN_SIMILARITY = 85


def matching_actors(query: str, forms: Iterable[tuple[str, str]],
                    limit: int = 5) -> list[tuple[str, float]]:
    """Actor ids whose names or surface forms match ``query``, best first.

    ``forms`` holds ``(actor_id, name or surface form)`` pairs; the score is the best similarity
    (0-100) over an actor's forms, 100 for an exact folded match.
    """
    folded: dict[str, set[str]] = {}
    for actor_id, form in forms:
        if key := fold(form):
            folded.setdefault(key, set()).add(actor_id)
    wanted = fold(query)
    if not wanted:
        return []
    best: dict[str, float] = {}
    for key, score, _ in process.extract(wanted, list(folded), scorer=fuzz.WRatio,
                                         score_cutoff=MIN_SIMILARITY, limit=None):
        score = 100.0 if key == wanted else float(score)
        for actor_id in folded[key]:
            best[actor_id] = max(best.get(actor_id, 0.0), score)
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:limit]
