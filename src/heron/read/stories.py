"""Stories as readers get them: lists and summaries, one story with its articles and actors,
story search (labels and article texts), and a story's claims and contradictions."""

from __future__ import annotations

from heron.read.paging import MAX_LIMIT
from heron.records import Claim, Contradiction, Story, StoryArticle, StorySummary, StoryView
from heron.store.base import Store


def story_summary(story: Story) -> StorySummary:
    return {"id": story["id"], "label": story["label"], "first_date": story["first_date"],
            "last_date": story["last_date"], "outlets": story["outlets"],
            "n_articles": story["n_articles"], "n_events": story["n_events"],
            "n_contradictions": story["n_contradictions"]}


def stories(store: Store, limit: int = 50, offset: int = 0,
            query: str | None = None) -> list[StorySummary]:
    """Stories, largest first; ``query`` filters labels."""
    return [story_summary(s) for s in store.story_records(limit, offset, query)]


def story(store: Store, story_id: str) -> StoryView | None:
    """A story's summary plus its articles (id, title, outlet, published) and actors."""
    record = store.story_record(story_id)
    if record is None:
        return None
    articles: list[StoryArticle] = [
        {"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published}
        for a in map(store.article, store.story_article_ids(story_id)) if a]
    return {**story_summary(record), "articles": articles,
            "actors": store.story_actor_counts(story_id)}


def find_stories(store: Store, query: str, limit: int = 50) -> list[StorySummary]:
    """Stories whose label matches ``query`` or that hold an article matching it (full text),
    label matches first, then by the rank of their best-matching article."""
    found = {s["id"]: s for s in stories(store, limit=limit, query=query)}
    for hit in store.search(query, limit=MAX_LIMIT):
        story_id = store.story_of(hit["id"])
        if story_id and story_id not in found and len(found) < limit:
            record = store.story_record(story_id)
            if record:
                found[story_id] = story_summary(record)
    return list(found.values())


def claims(store: Store, story_id: str | None = None) -> list[Claim]:
    """Statements relayed by several sources: speaker, text, n_outlets, sources."""
    return store.claim_records(story_id)


def contradictions(store: Store, story_id: str | None = None) -> list[Contradiction]:
    """Contradictions (of one story, or all), each with its sides and their sources."""
    return store.contradiction_records(story_id)
