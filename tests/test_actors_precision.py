"""Precision of the actors component over the built-in KB: acronyms in their own capitals, the
longest name winning, armed groups and parties, and role nouns that are not actors."""

from __future__ import annotations

import pytest

from conftest import run_component
from heron.model import Analysis, Mention, is_local_actor
from heron.nlp.actors import KBError, build, find_actor, load_kb
from heron.nlp.actors.component import ActorsComponent


@pytest.fixture(scope="module")
def component(nlp) -> ActorsComponent:
    from heron.config import Settings

    return build(nlp, Settings())


@pytest.fixture(scope="module")
def analyse(nlp, component):
    def run(text: str) -> Analysis:
        return run_component(nlp, component, text, article_id="p")
    return run


def coded(analysis: Analysis) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(m.text, m.actor_id, m.country, m.sector) for m in analysis.mentions]


def only(analysis: Analysis, text: str) -> Mention:
    found = [m for m in analysis.mentions if m.text == text]
    assert len(found) == 1, coded(analysis)
    return found[0]


@pytest.mark.parametrize("text", [
    "Who knows? Nobody can say yet.",
    "Let us hope the talks go well.",
    "Can they agree? And will the talks last?",
    "The delegation stayed in Las Vegas for two days.",
    "Ben said he was ready to talk.",
    "Per capita income fell last year.",
])
def test_ordinary_words_are_not_acronyms_or_country_codes(analyse, text):
    assert [m for m in analyse(text).mentions if m.country] == [], coded(analyse(text))


def test_acronyms_in_capitals_still_match(analyse):
    analysis = analyse("The WHO warned on Monday, and the US and the AU agreed.")
    assert only(analysis, "WHO").actor_id == "who"
    assert only(analysis, "US").country == "USA"
    assert only(analysis, "AU").actor_id == "african-union"


def test_longest_kb_name_beats_ner_fragments_and_role_words(analyse):
    analysis = analyse("Doctors Without Borders said its clinic was hit. The UN refugee agency "
                       "said 3,000 people fled.")
    assert only(analysis, "Doctors Without Borders").actor_id == "msf"
    assert only(analysis, "UN refugee agency").actor_id == "unhcr"
    assert not [m for m in analysis.mentions if m.sector == "HLH" or m.text == "Borders"]


def test_armed_groups_and_parties_resolve_with_country_and_sector(analyse):
    analysis = analyse("Hamas militants fired rockets while Hezbollah and the Houthis threatened "
                       "Israel. The Republican Party criticised the AfD on Monday.")
    assert (only(analysis, "Hamas militants").actor_id, only(analysis, "Hamas militants").sector,
            only(analysis, "Hamas militants").country) == ("hamas", "REB", "PSE")
    assert only(analysis, "Hezbollah").country == "LBN"
    assert only(analysis, "Houthis").actor_id == "houthis"
    assert (only(analysis, "Republican Party").country, only(analysis, "AfD").sector) == (
        "USA", "PTY")


def test_things_and_loose_nouns_need_an_owner(analyse):
    bare = analyse("The two parties do not agree. Drones attacked overnight. Social media was "
                   "full of rumours.")
    assert [m for m in bare.mentions if m.sector in ("PTY", "MIL", "MED")] == [], coded(bare)
    owned = analyse("Russian drones attacked the city overnight.")
    assert only(owned, "Russian drones").actor_id == "RUS:MIL"


def test_role_nouns_named_by_ner_and_placed_in_a_country(analyse):
    analysis = analyse("Israel's Cabinet met on Sunday. Police in Nairobi arrested two men.")
    assert only(analysis, "Israel's Cabinet").actor_id == "ISR:GOV"
    assert only(analysis, "Police in Nairobi").actor_id == "KEN:COP"


def test_office_of_a_country_after_the_name(analyse):
    analysis = analyse("King Hassan of Morocco said he was ready to host the meeting.")
    assert only(analysis, "Hassan").country == "MAR"


def test_nationality_of_a_people(analyse):
    assert only(analyse("Some 800,000 Iraqi Kurds sought refuge abroad."), "Kurds").country == "IRQ"


def test_find_actor_knows_groups_and_lower_case_acronyms():
    kb = load_kb()
    assert find_actor(kb, "Houthis")[0]["id"] == "houthis"
    assert find_actor(kb, "nato")[0]["id"] == "nato"


def test_group_with_unknown_country_is_reported_with_its_line(tmp_path):
    bad = tmp_path / "groups.yaml"
    bad.write_text("- id: my-group\n  name: My Group\n  country: XXQ\n  sector: REB\n"
                   "- id: other\n  name: Other\n  country: UKR\n  sector: NOPE\n",
                   encoding="utf-8")
    with pytest.raises(KBError, match=r"groups\.yaml:8: unknown sector 'NOPE'"):
        load_kb([bad])
    bad.write_text("- id: my-group\n  name: My Group\n  country: XXQ\n  sector: REB\n",
                   encoding="utf-8")
    with pytest.raises(KBError, match=r"groups\.yaml:1: group 'my-group' has unknown country"):
        load_kb([bad])


def test_longer_place_names_are_not_cut_to_shorter_ones(analyse):
    analysis = analyse("The Republic of China marked its national day while the People's Republic "
                       "of China protested. East Jerusalem residents protested, while Jerusalem "
                       "said no.")
    assert only(analysis, "Republic of China").country == "TWN"
    assert only(analysis, "People's Republic of China").country == "CHN"
    assert only(analysis, "East Jerusalem residents").country == "PSE"
    assert only(analysis, "Jerusalem").country == "ISR"


def test_role_of_a_named_person_serves_that_persons_country(analyse):
    analysis = analyse("The Trump administration declared new tariffs. Putin's spokesman denied it.")
    assert only(analysis, "administration").actor_id == "USA:GOV"
    assert only(analysis, "spokesman").actor_id == "RUS:GOV"
    assert only(analysis, "Trump").actor_id == "donald-trump"


@pytest.mark.parametrize("text, short, person", [
    ("Chinese Foreign Minister Wang Yi met his Indian counterpart. Wang said the two countries "
     "should be partners.", "Wang", "wang-yi"),
    ("North Korean leader Kim Jong Un inspected a missile launch. Kim called it a success.",
     "Kim", "kim-jong-un"),
])
def test_a_surname_first_name_is_the_person_named_earlier(analyse, text, short, person) -> None:
    [*_, later] = [m for m in analyse(text).mentions if m.text == short]
    assert later.actor_id == person


def test_a_first_name_shared_by_two_people_in_the_document_stays_unlinked(analyse) -> None:
    analysis = analyse("Wang Yi met Wang Huning in Beijing. Wang said the talks went well.")
    [*_, later] = [m for m in analysis.mentions if m.text == "Wang"]
    assert later.actor_id not in ("wang-yi", "wang-huning")


def test_the_ministry_is_an_institution_not_the_minister(analyse) -> None:
    analysis = analyse("Foreign Minister Wang Yi will visit India on Thursday, the ministry said.")
    ministry = [m for m in analysis.mentions if m.text == "ministry"]
    assert all(m.actor_id != "wang-yi" for m in ministry)


@pytest.mark.parametrize("text, place, person, country", [
    ("Michael Jordan visited Amman. Jordan's government welcomed him.", "Jordan", "Michael Jordan",
     "JOR"),
    ("Senator Tom Georgia spoke. Georgia said it would join NATO.", "Georgia", "Tom Georgia", "GEO"),
])
def test_a_country_named_like_a_person_in_the_story_stays_the_country(analyse, text, place, person,
                                                                       country):
    analysis = analyse(text)
    assert only(analysis, place).country == country
    assert only(analysis, place).actor_id != only(analysis, person).actor_id


@pytest.mark.parametrize("text, pronoun", [
    ('Earlier, President Trump threatened force. He said, "We have the most powerful military ever." '
     'He continued, "And hopefully we will never need it."', 1),
    ("Prime Minister Mark Carney spoke first. The army has deployed to the border, and he says "
     "the delegation will follow.", 0),
])
def test_he_or_she_never_refers_to_an_institution(analyse, text, pronoun):
    """A pronoun for a person skips "the military", "the army" or "the delegation" to the person."""
    pronouns = [m for m in analyse(text).mentions if m.kind == "PRON"]
    assert pronouns[pronoun].actor_id in ("donald-trump", "mark-carney"), coded(analyse(text))


def test_they_is_the_group_of_people_just_named_as_subject(analyse):
    analysis = analyse("Russian officials met the delegation on Monday. They said the talks were useful.")
    they = only(analysis, "They")
    assert (they.country, they.sector) == ("RUS", "GOV")


def test_they_is_the_nearest_subject_group(analyse):
    analysis = analyse("Protesters marched through the capital. Police said they had arrested 30 people.")
    assert only(analysis, "they").sector == "COP"


@pytest.mark.parametrize("text", [
    # another subject stands between the group and the pronoun
    "Russian officials met the delegation on Monday. The minister said they were tired.",
    # a new paragraph
    "Russian officials met the delegation on Monday.\n\nThey said the talks were useful.",
])
def test_they_does_not_jump_over_another_subject_or_a_paragraph(analyse, text):
    assert not [m for m in analyse(text).mentions if m.text.lower() == "they"]


@pytest.mark.parametrize("text, name", [
    ("Al-Shabab claimed the attack on the base.", "Al-Shabab"),
    ("She told the soldiers that she was not al-Shabab.", "al-Shabab"),
])
def test_a_group_ner_calls_a_person_is_the_kb_group(analyse, text, name):
    group = only(analyse(text), name)
    assert (group.actor_id, group.kind) == ("al-shabaab", "ORG")


@pytest.mark.parametrize("text, description, actor_id", [
    ("Doctors Without Borders runs clinics in Borno. The aid group said access was limited.",
     "aid group", "msf"),
    ("Hamas fighters attacked the post. The militant group said it had captured two soldiers.",
     "militant group", "hamas"),
])
def test_a_definite_description_of_a_body_is_the_body_named_before(analyse, text, description, actor_id):
    assert only(analyse(text), description).actor_id == actor_id


def test_a_body_description_of_another_sector_stays_unlinked(analyse):
    analysis = analyse("Hamas fighters attacked the post. The aid group said it had treated the wounded.")
    # not Hamas: the aid group is an unnamed body of its own (a document-local actor)
    assert is_local_actor(only(analysis, "aid group").actor_id)
