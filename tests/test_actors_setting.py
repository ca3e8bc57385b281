"""Unnamed domestic actors take the country the story is set in (heron.nlp.actors.setting)."""

from __future__ import annotations

import pytest

from heron.model import Actor, Analysis, Article, Mention, Place
from heron.nlp.actors.setting import (
    give_home_government,
    give_setting_country,
    setting_country,
)


def place(country: str | None, start: int = 0) -> Place:
    return Place(start, start + 5, "Town", "Town", country)


def role(text: str, sector: str | None, start: int = 100, **evidence: object) -> Mention:
    return Mention(id="", article_id="t", start=start, end=start + len(text), text=text,
                   kind="ROLE", sentence=0, sector=sector, evidence=dict(evidence))


KENYA = [place("KEN", 0), place("KEN", 10), place("KEN", 20), place("UGA", 30)]


def test_one_dominant_country_is_the_setting() -> None:
    assert setting_country(KENYA, []) == "KEN"


@pytest.mark.parametrize("places", [
    [],  # no place at all
    [place(None), place(None)],  # places without a country (continents, unresolved)
    [place("KEN")],  # one place is too little to tell
    [place("KEN"), place("KEN"), place("UGA"), place("UGA")],  # two countries share the story
])
def test_no_setting_without_a_clear_majority(places: list[Place]) -> None:
    assert setting_country(places, []) is None


def test_an_unnamed_domestic_role_takes_the_setting() -> None:
    police = role("Police", "COP")
    give_setting_country([police], KENYA)
    assert police.country == "KEN"
    assert police.evidence["country_from"] == "setting"


@pytest.mark.parametrize("text, sector", [
    ("rights groups", "NGO"),  # often international
    ("migrants", "REF"),  # from elsewhere by definition
    ("the company", "BUS"),  # its country is its headquarters'
    ("U.N. officials", "IGO"),
    ("foreign diplomats", "GOV"),  # a word says they come from outside
    ("Western diplomats", "GOV"),
    ("people", None),  # no role at all
])
def test_roles_from_elsewhere_keep_no_country(text: str, sector: str | None) -> None:
    mention = role(text, sector)
    give_setting_country([mention], KENYA)
    assert mention.country is None
    assert "country_from" not in mention.evidence


def test_names_and_coded_roles_are_left_alone() -> None:
    named = Mention(id="", article_id="t", start=0, end=11, text="Aldo Ferrer", kind="PERSON",
                    sentence=0, actor_id="new:aldo-ferrer")
    ugandan = role("Ugandan troops", "MIL")
    ugandan.country = "UGA"
    give_setting_country([named, ugandan], KENYA)
    assert named.country is None  # a name is evidence about one actor; the setting is none
    assert ugandan.country == "UGA"


def test_a_pronoun_linked_to_a_settled_role_follows_it() -> None:
    police = role("Police", "COP", start=100)
    they = Mention(id="", article_id="t", start=150, end=154, text="they", kind="PRON",
                   sentence=1, evidence={"antecedent": [100, 106, "Police"]})
    give_setting_country([they, police], KENYA)
    assert they.country == "KEN"


def test_no_setting_gives_nothing() -> None:
    police = role("Police", "COP")
    give_setting_country([police], [place("KEN"), place("UGA")])
    assert police.country is None


def analysed(text: str) -> Analysis:
    """The real pipeline's analysis of ``text`` as an article published on 2025-08-20."""
    from heron.nlp.pipeline import get_pipeline

    article = Article(id="t", text=text, raw_text=text, published="2025-08-20")
    return next(get_pipeline().analyse([article]))


def analysed_police(text: str) -> tuple[Analysis, Mention]:
    """The real pipeline's analysis of ``text`` and its mention "Police"."""
    analysis = analysed(text)
    return analysis, next(m for m in analysis.mentions if m.text == "Police")


def test_events_in_a_story_set_in_one_country_code_its_police() -> None:
    analysis, police = analysed_police(
        "Protesters blocked roads in Mombasa on Tuesday. Police arrested 20 protesters in "
        "Mombasa, and residents of Kisumu marched to the county offices.")
    assert police.country == "KEN"
    arrests = [e for e in analysis.events if e.trigger.text == "arrested"]
    assert arrests and {a.country for a in arrests[0].actors} == {"KEN"}


def test_a_role_shared_by_named_countries_is_not_the_settings() -> None:
    """"U.S. and Russian negotiators": the modifiers are mentions of their own."""
    us = Mention(id="", article_id="t", start=0, end=4, text="U.S.", kind="GPE", sentence=0,
                 actor_id="USA", country="USA")
    russian = Mention(id="", article_id="t", start=9, end=16, text="Russian", kind="NORP",
                      sentence=0, actor_id="RUS", country="RUS")
    negotiators = role("negotiators", "GOV", start=17, modifiers=["U.S.", "Russian"])
    give_setting_country([us, russian, negotiators], [place("USA"), place("USA", 30)])
    assert negotiators.country is None


def country_name(text: str, country: str, start: int, sector: str | None) -> Mention:
    """A country named in the text: acting ("Russia said", a sector) or a locative (none)."""
    return Mention(id="", article_id="t", start=start, end=start + len(text), text=text,
                   kind="GPE", sentence=0, actor_id=country, country=country, sector=sector)


def test_places_that_are_acting_mentions_are_not_the_setting() -> None:
    """"Russia said …" three times: Russia is an actor of the story, not where it happens."""
    russia = [country_name("Russia", "RUS", start, "GOV") for start in (0, 40, 80)]
    places = [Place(m.start, m.end, "Russia", "Russia", "RUS", kind="country") for m in russia]
    police = role("Police", "COP", start=120)
    assert setting_country(places, russia) is None
    give_setting_country([*russia, police], places)
    assert police.country is None


def test_locative_places_still_make_the_setting() -> None:
    """"killed in Ukraine … fighting in Ukraine": the actors component gives the locative
    mentions no sector, so they are where the story happens."""
    ukraine = [country_name("Ukraine", "UKR", start, None) for start in (0, 40)]
    places = [Place(m.start, m.end, "Ukraine", "Ukraine", "UKR", kind="country")
              for m in ukraine]
    assert setting_country(places, ukraine) == "UKR"


@pytest.mark.parametrize("text, sector", [
    ("the regional governor", "GOV"),  # a region of the country, not a region abroad
    ("regional police", "COP"),
])
def test_regional_roles_are_domestic(text: str, sector: str) -> None:
    mention = role(text, sector)
    give_setting_country([mention], KENYA)
    assert mention.country == "KEN"


def test_a_country_named_as_the_speaker_does_not_set_the_story_in_it() -> None:
    _, police = analysed_police(
        "Russia said on Monday it would respond. Russia said the talks had failed. Russia "
        "said it was ready. Police said two people were arrested.")
    assert police.country is None


def test_actors_of_other_countries_still_count_against_a_setting() -> None:
    """Two places in Taiwan in a story where China and the United States act five times: the
    story is not clearly set in Taiwan."""
    located = [country_name("Taiwan", "TWN", start, None) for start in (0, 20)]
    acting = [country_name(name, code, start, "GOV")
              for name, code, start in (("China", "CHN", 40), ("Beijing", "CHN", 60),
                                        ("China", "CHN", 80), ("Washington", "USA", 100),
                                        ("China", "CHN", 120))]
    places = [Place(m.start, m.end, m.text, m.text, m.country, kind="country")
              for m in located + acting]
    assert setting_country(places, located + acting) is None


def test_a_bare_government_is_the_home_countrys_not_a_foreign_state_named_before_it() -> None:
    """"Switzerland has offered to host talks between the government and separatists" in a
    story that happens in Cameroon: the government is Cameroon's."""
    text = ("Separatists attacked a school in Buea on Monday, and schools in Bamenda stayed closed. "
            "Switzerland has offered to host talks between the government and separatist leaders. "
            "The government said it had lifted a curfew in Kumba.")
    analysis = analysed(text)
    governments = [m for m in analysis.mentions if m.text.lower().endswith("government")]
    assert [m.actor_id for m in governments] == ["CMR:GOV", "CMR:GOV"]
    it = next(m for m in analysis.mentions if m.text == "it")
    assert it.actor_id == "CMR:GOV"
    assert any(a.id == "CMR:GOV" for a in analysis.actors)
    assert next(m for m in analysis.mentions if m.text == "Switzerland").actor_id == "CHE:GOV"


def linked_government(country: str, start: int = 100, **evidence: object) -> Mention:
    mention = role("the government", "GOV", start=start, method="description", modifiers=[],
                   **evidence)
    mention.actor_id, mention.country = f"{country}:GOV", country
    return mention


def government_actor(code: str, sector: str) -> Actor:
    return Actor(f"{code}:{sector}", f"KB name of {code} ({sector})", code, sector, "group")


def test_a_home_government_needs_the_setting_country() -> None:
    """The setting's thresholds: a tie, a single place, or places that are the foreign state's
    own acting mentions make no home country."""
    tied = [place("CMR"), place("CMR", 10), place("CHE", 20), place("CHE", 30)]
    single = [place("AUT", 20)]
    acting = Mention(id="", article_id="t", start=0, end=5, text="Town", kind="GPE", sentence=0,
                     actor_id="AUT:GOV", country="AUT", sector="GOV")
    for places, others in ((tied, []), (single, []), ([place("AUT"), place("AUT", 20)], [acting])):
        government = linked_government("CHE")
        give_home_government([*others, government], places, [], government_actor)
        assert government.actor_id == "CHE:GOV"


def test_a_home_government_is_the_actor_the_actors_component_builds() -> None:
    government, actors = linked_government("CHE"), []
    give_home_government([government], KENYA, actors, government_actor)
    assert (government.actor_id, government.name) == ("KEN:GOV", "KB name of KEN (GOV)")
    assert actors == [government_actor("KEN", "GOV")]


def test_a_government_named_by_a_role_phrase_keeps_its_country() -> None:
    """"The Iranian government said … The government said" in Vienna: Iran's, even where the
    places make Austria the setting."""
    iranian = role("Iranian government", "GOV", start=0, method="role", modifiers=["Iranian"])
    iranian.actor_id, iranian.country = "IRN:GOV", "IRN"
    government = linked_government("IRN", antecedent=[0, 18, "Iranian government"])
    give_home_government([iranian, government], [place("AUT", 40), place("AUT", 60)], [],
                         government_actor)
    assert government.actor_id == "IRN:GOV"


def test_a_state_word_and_a_place_elsewhere_make_no_home_government() -> None:
    """One place is no setting (the actors component's real output)."""
    text = ("The Iranian government said its delegation had arrived in Vienna for talks on Monday. "
            "The government said it wanted the sanctions lifted.")
    analysis = analysed(text)
    assert {m.actor_id for m in analysis.mentions if m.kind in ("ROLE", "PRON")
            and m.actor_id} == {"IRN:GOV"}
    assert all(a.id != "AUT:GOV" for a in analysis.actors)


@pytest.mark.parametrize("mention", [
    role("the government", "GOV", method="description", modifiers=["Swiss"]),  # whose: Swiss
    role("Swiss government", "GOV", method="description", modifiers=[]),  # its own words
    role("its government", "GOV", method="description", modifiers=[]),  # an owner
    Mention(id="", article_id="t", start=100, end=111, text="Switzerland", kind="GPE", sentence=0,
            actor_id="CHE:GOV", country="CHE", sector="GOV"),  # a name, not a bare word
])
def test_owned_and_named_governments_keep_their_country(mention: Mention) -> None:
    mention.actor_id, mention.country = "CHE:GOV", "CHE"
    give_home_government([mention], KENYA, [], government_actor)
    assert mention.actor_id == "CHE:GOV"


def test_a_city_that_stands_for_an_organisation_is_it_when_it_acts() -> None:
    """"Brussels would retaliate" is the EU; "ministers met in Brussels" is a place."""
    text = ("The trade commissioner said Brussels would retaliate immediately. Germany would keep "
            "pressing Brussels for a solution. Ministers met in Brussels on Monday.")
    analysis = analysed(text)
    brussels = [m for m in analysis.mentions if m.text == "Brussels"]
    assert [(m.actor_id, m.country) for m in brussels] == [("eu", "EU"), ("eu", "EU")]
    assert any(p.text == "Brussels" and p.country == "BEL" for p in analysis.places)
