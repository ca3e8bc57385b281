"""Document-local actors: unnamed roles that no named actor takes up (heron.nlp.actors.local),
and how quotes, events, the store and fusion treat them."""

from __future__ import annotations

import pytest

from conftest import run_component
from heron.model import Analysis, Mention, is_local_actor
from heron.nlp.actors import build


@pytest.fixture(scope="module")
def analyse(nlp):
    from heron.config import Settings

    component = build(nlp, Settings())

    def run(text: str) -> Analysis:
        return run_component(nlp, component, text, article_id="a1")
    return run


def ids(analysis: Analysis, *texts: str) -> list[str | None]:
    by_text: dict[str, Mention] = {m.text: m for m in analysis.mentions}
    return [by_text[t].actor_id for t in texts]


def test_a_role_and_its_later_mentions_are_one_local_actor(analyse) -> None:
    analysis = analyse("A police spokesman said two men were arrested on Monday. "
                       "The spokesman added that the search continued. He said more arrests "
                       "were likely.")
    spokesman, the_spokesman, he = ids(analysis, "police spokesman", "spokesman", "He")
    assert spokesman == the_spokesman == he
    assert spokesman is not None and spokesman.startswith("role:a1:")
    actor = next(a for a in analysis.actors if a.id == spokesman)
    assert (actor.kind, actor.name, actor.sector, actor.kb_id) == ("role", "police spokesman",
                                                                    "COP", None)
    # one actor, one sector: the later mentions are the police spokesman too
    assert {m.sector for m in analysis.mentions if m.actor_id == spokesman} == {"COP"}


def test_roles_with_other_words_or_number_stay_apart(analyse) -> None:
    analysis = analyse("The foreign ministry said the talks would resume. The interior ministry "
                       "said the border stayed closed. An official said the date was not set. "
                       "Officials said they expected a deal.")
    foreign, interior, official, officials = ids(analysis, "foreign ministry", "interior ministry",
                                                 "official", "Officials")
    assert all(map(is_local_actor, (foreign, interior, official, officials)))
    assert len({foreign, interior, official, officials}) == 4


def test_a_counted_group_is_a_group_of_its_own(analyse) -> None:
    analysis = analyse("Militants killed 21 passengers on the train. Passengers said the "
                       "attackers fled into the hills.")
    counted = next(m for m in analysis.mentions if m.text == "passengers")
    others = next(m for m in analysis.mentions if m.text == "Passengers")
    assert is_local_actor(counted.actor_id) and is_local_actor(others.actor_id)
    assert counted.actor_id != others.actor_id


def test_a_role_word_modifying_another_role_gets_no_local_actor(analyse) -> None:
    """"police" in "a police spokesman" describes the spokesman; later "police" are a group."""
    analysis = analyse("A police spokesman said two men were arrested on Monday. "
                       "Police were searching for a third man.")
    inner = [m for m in analysis.mentions if m.text == "police"]
    assert inner and all(m.actor_id is None for m in inner)
    assert [a.name for a in analysis.actors if is_local_actor(a.id)] == ["police spokesman",
                                                                          "Police"]


def test_a_role_owned_by_a_pronoun_gets_no_local_actor(analyse) -> None:
    analysis = analyse("Putin said his troops would stay.")
    assert ids(analysis, "his troops") == [None]


def test_people_of_no_sector_are_local_actors_with_their_own_country(analyse) -> None:
    analysis = analyse("American analysts expect a deal. They said the risks were small.")
    american, they = ids(analysis, "American analysts", "They")
    assert is_local_actor(american) and american == they
    mention = next(m for m in analysis.mentions if m.text == "American analysts")
    # the analysts are no state: no USA actor, but their country is the one their words give
    assert (mention.country, mention.sector) == ("USA", None)


def test_a_named_actor_keeps_its_descriptions(analyse) -> None:
    analysis = analyse("Hamas said the talks had failed. The militant group said it would fight on.")
    assert ids(analysis, "militant group") == ["hamas"]


UNNAMED_STORY = ("date 2025-03-12\n\nNAIROBI, Kenya — A police spokesman said on Tuesday that officers "
                 "had arrested 20 protesters in Nairobi and Mombasa. \"We will not allow "
                 "violence on our streets,\" the spokesman told reporters. Analysts said the "
                 "arrests would deepen anger over the tax plan.\n")


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory):
    from heron.api import Heron

    folder = tmp_path_factory.mktemp("local")
    (folder / "kenya.txt").write_text(UNNAMED_STORY, encoding="utf-8")
    (folder / "kenya-again.txt").write_text(UNNAMED_STORY.replace("Tuesday", "Wednesday")
                                            .replace("20 protesters", "21 protesters"),
                                            encoding="utf-8")
    heron = Heron(folder / "h.db")
    heron.ingest([folder / "kenya.txt", folder / "kenya-again.txt"], workers=1)
    yield heron
    heron.close()


def test_quote_speakers_take_the_local_actor_of_their_mentions(stored) -> None:
    quotes = stored.quotes(limit=100)
    spokesman = [q for q in quotes if q["speaker"] and "spokesman" in q["speaker"]["text"]]
    analysts = [q for q in quotes if q["speaker"] and q["speaker"]["text"] == "Analysts"]
    assert spokesman and analysts
    assert all(is_local_actor(q["speaker"]["actor_id"]) for q in spokesman + analysts)
    # one spokesman per article: his reported and his verbatim statement share the actor
    per_article = {q["article_id"]: set() for q in spokesman}
    for q in spokesman:
        per_article[q["article_id"]].add(q["speaker"]["actor_id"])
    assert all(len(found) == 1 for found in per_article.values())


def test_local_actors_are_stored_but_kept_off_lists_events_and_claims(stored) -> None:
    local = [q["speaker"]["actor_id"] for q in stored.quotes(limit=100)
             if q["speaker"] and is_local_actor(q["speaker"]["actor_id"])]
    assert local
    page = stored.actor(local[0])
    assert page is not None and page["kind"] == "role"  # its page answers, from its article
    assert not any(is_local_actor(a["id"]) for a in stored.actors(limit=200).items)
    events = stored.events(limit=200).items
    assert events and not any(is_local_actor(r["actor_id"]) for e in events
                              for r in e["actor"] + e["recipient"])
    assert not any(is_local_actor(c["speaker_id"]) for c in stored.claims())


def test_story_actor_lists_and_stats_leave_local_actors_out(stored) -> None:
    story = stored.stories(limit=10)[0]
    listed = stored.store.story_actor_counts(story["id"])
    assert listed and not any(is_local_actor(a["actor_id"]) for a in listed)
    real = stored.store.query("SELECT count(*) FROM actors WHERE kind <> 'role'")[0][0]
    assert stored.stats()["actors"] == real > 0


def test_a_resaved_analysis_replaces_its_local_actors(tmp_path) -> None:
    """Local ids are numbered per analysis, so a re-run must not leave the old ones behind."""
    from heron.api import Heron

    (tmp_path / "kenya.txt").write_text(UNNAMED_STORY, encoding="utf-8")
    with Heron(tmp_path / "h.db") as heron:
        heron.ingest([tmp_path / "kenya.txt"], workers=1)
        article = heron.store.articles(limit=1)[0]
        assert local_actor_rows(heron, article.id)
        analysis = heron.store.analysis(article.id)
        assert analysis is not None
        analysis.mentions = [m for m in analysis.mentions if not is_local_actor(m.actor_id)]
        analysis.actors = [a for a in analysis.actors if not is_local_actor(a.id)]
        heron.store.save_analysis(analysis)
        assert local_actor_rows(heron, article.id) == []


def local_actor_rows(heron, article_id: str) -> list[str]:
    rows = heron.store.query("SELECT id FROM actors WHERE kind = 'role'")
    return sorted(r[0] for r in rows if r[0].startswith(f"role:{article_id}:"))


def test_a_stance_never_carries_a_local_actor() -> None:
    """"Police have not confirmed …": the stance keeps the police's country and words, not the
    article's document-local id, which would otherwise reach fused events and contradictions."""
    from heron.fuse.stances import article_stances
    from heron.model import Article, Span

    text = "Police have not confirmed any agreement on the talks."
    article = Article(id="k1", text=text, raw_text=text, published="2025-03-12")
    police = Mention(id="m0", article_id="k1", start=0, end=6, text="Police", kind="ROLE",
                     sentence=0, actor_id="role:k1:0", name="police", country="KEN",
                     sector="COP")
    analysis = Analysis(article_id="k1", sentences=[Span(0, len(text), text)], mentions=[police])
    [stance] = article_stances(article, analysis)
    assert stance["country"] == "KEN" and not is_local_actor(stance["actor_id"])
