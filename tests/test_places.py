"""Places: gazetteer resolution, disambiguation and clause attachment, with the real spaCy model."""

from __future__ import annotations

import gzip

import pytest

from heron.model import Place
from heron.nlp import places
from test_timexes import analysed, verb


def resolved(nlp, text: str) -> dict[str, Place]:
    return {p.text: p for p in analysed(nlp, text).analysis.places}


def test_gazetteer_is_small_and_licensed():
    assert places.GAZETTEER.stat().st_size < 5_000_000
    assert (places.GAZETTEER.parent / "GAZETTEER_LICENSE.md").read_text().count("CC BY 4.0")
    with gzip.open(places.GAZETTEER, "rt", encoding="utf-8") as fh:
        kinds = {line.split("\t")[7] for line in fh}
    assert kinds == {"city", "admin1", "country", "region"}


@pytest.mark.parametrize(("text", "mention", "name", "country", "kind"), [
    ("Talks were held in Odesa.", "Odesa", "Odesa", "UKR", "city"),
    ("Talks were held in Odessa, Ukraine.", "Odessa", "Odesa", "UKR", "city"),
    ("Officials in Kyiv said so.", "Kyiv", "Kyiv", "UKR", "city"),
    ("Officials in Kiev said so.", "Kiev", "Kyiv", "UKR", "city"),
    ("Drones hit Kremenchuk in central Ukraine.", "Kremenchuk", "Kremenchuk", "UKR", "city"),
    ("Sirens sounded in Sumy.", "Sumy", "Sumy", "UKR", "city"),
    ("The summit could be held in Geneva.", "Geneva", "Geneva", "CHE", "city"),
    ("The summit could be held in Budapest.", "Budapest", "Budapest", "HUN", "city"),
    ("Trump met Putin in Alaska.", "Alaska", "Alaska", "USA", "admin1"),
    ("The court in The Hague issued a warrant.", "The Hague", "The Hague", "NLD", "city"),
    ("Negotiators met in Istanbul.", "Istanbul", "Istanbul", "TUR", "city"),
    ("Leaders gathered in Washington.", "Washington", "Washington", "USA", "city"),
    ("Kursk region was shelled overnight.", "Kursk region", "Kursk region", "RUS", "admin1"),
    ("Russia struck the Kharkiv region.", "Kharkiv region", "Kharkiv region", "UKR", "admin1"),
    ("Ukraine and Russia traded blame.", "Ukraine", "Ukraine", "UKR", "country"),
    ("U.S. troops will not go.", "U.S.", "United States", "USA", "country"),
])
def test_resolves_against_the_gazetteer(nlp, text, mention, name, country, kind):
    place = resolved(nlp, text)[mention]
    assert (place.name, place.country, place.kind) == (name, country, kind)
    assert place.lat is not None and place.lon is not None and place.geonames_id


def test_provinces_without_coordinates_still_give_their_country(nlp):
    place = resolved(nlp, "Militants attacked a train in Balochistan.")["Balochistan"]
    assert (place.country, place.kind, place.lat) == ("PAK", "admin1", None)


def test_document_countries_break_ties_between_same_named_places(nlp):
    # Odessa, Texas is the primary name of a US city; the Ukrainian context picks Odesa.
    assert resolved(nlp, "Ukraine said drones hit Odessa.")["Odessa"].country == "UKR"
    assert resolved(nlp, "Drillers in Texas, United States, moved to Odessa.")[
        "Odessa"].country == "USA"


def test_facilities_and_unknown_places_are_kept_unresolved_not_invented(nlp):
    place = resolved(nlp, "Trump hosted the leaders at the White House.")["the White House"]
    assert (place.country, place.lat, place.kind) == (None, None, "unresolved")


def test_adjectives_are_not_places(nlp):
    assert "Ukrainian" not in resolved(nlp, "Russia attacked the Ukrainian city of Kremenchuk.")


def test_offsets_point_into_the_text(nlp):
    text = "Officials said. Attacks in Sumy injured 15."
    place = next(p for p in analysed(nlp, text).analysis.places if p.name == "Sumy")
    assert text[place.start:place.end] == place.text == "Sumy" and place.sentence == 1


def test_places_for_clause_gives_every_coordinated_place(nlp):
    ctx = analysed(nlp, "Attacks on civilian areas in Sumy and Odesa overnight injured 15 people.")
    found = places.places_for_clause(ctx, verb(ctx, "injured"))
    assert [(p.name, p.country) for p in found] == [("Sumy", "UKR"), ("Odesa", "UKR")]
    assert all(p.lat and p.lon for p in found)


def test_places_for_clause_keeps_each_conjoined_clause_apart(nlp):
    ctx = analysed(nlp, "Trump met Putin in Alaska and on Monday hosted Zelenskyy at the White "
                        "House.")
    assert [p.name for p in places.places_for_clause(ctx, verb(ctx, "met"))] == ["Alaska"]
    assert [p.text for p in places.places_for_clause(ctx, verb(ctx, "hosted"))] == [
        "the White House"]


def test_places_for_clause_uses_a_place_object_but_not_a_modifier(nlp):
    ctx = analysed(nlp, "Russia attacked the Ukrainian city of Kremenchuk with drones.")
    assert [p.name for p in places.places_for_clause(ctx, verb(ctx, "attacked"))] == ["Kremenchuk"]
    ctx = analysed(nlp, "Trump ruled out sending U.S. troops.")
    assert places.places_for_clause(ctx, verb(ctx, "sending")) == []


def test_seed_000_sumy_and_odesa(nlp, seeds_dir):
    text = next(seeds_dir.glob("000_*.txt")).read_text().removeprefix(" date 2025-08-20 ")
    ctx = analysed(nlp, text)
    injured = next(t for t in ctx.doc if t.text == "injured")
    found = places.places_for_clause(ctx, injured)
    assert {(p.name, p.country) for p in found} == {("Sumy", "UKR"), ("Odesa", "UKR")}
    assert all(p.lat and p.lon for p in found)


def test_gazetteer_kinds_are_checked() -> None:
    from heron.nlp.places import place_kind

    assert place_kind("admin1") == "admin1"
    with pytest.raises(ValueError, match="river"):
        place_kind("river")
