"""Name folding: letters that do not decompose under Unicode (ø, ł, đ, ı) are transliterated, so
a user's KB entry is found from the ASCII spelling of its name and the other way round."""

from __future__ import annotations

import pytest

from conftest import actors_with_kb, run_component
from heron.ascii_fold import ascii_fold
from heron.nlp.actors import find_actor
from heron.nlp.actors.component import ActorsComponent
from heron.nlp.actors.names import fold, slug

# Names written only in their own spelling (no ASCII aliases), and one written only in ASCII.
KB_TEXT = """\
- iso3: DNK
  name: Denmark
  demonyms: [Danish]
  capital: Copenhagen
- iso3: POL
  name: Poland
  demonyms: [Polish]
  capital: Warsaw
- iso3: SRB
  name: Serbia
  demonyms: [Serbian]
  capital: Belgrade
- id: dan-jorgensen
  name: Dan Jørgensen
  roles: [{title: Commissioner, country: DNK, sector: GOV}]
- id: radoslaw-sikorski
  name: Radosław Sikorski
  roles: [{title: Foreign Minister, country: POL, sector: GOV}]
- id: marko-djordjevic
  name: Marko Đorđević
  roles: [{title: Minister, country: SRB, sector: GOV}]
- id: lars-lokke-rasmussen
  name: Lars Lokke Rasmussen
  roles: [{title: Foreign Minister, country: DNK, sector: GOV}]
"""


@pytest.mark.parametrize(("name", "folded"), [
    ("Jørgensen", "jorgensen"),
    ("Radosław", "radoslaw"),
    ("Đorđević", "dordevic"),
    ("İbrahim Kalın", "ibrahim kalin"),
    ("Straße", "strasse"),
    ("Zelenskyy’s", "zelenskyy"),  # possessive still dropped
    ("The Kremlin", "kremlin"),
    ("", ""),
])
def test_fold_transliterates_letters_that_do_not_decompose(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_ascii_fold_keeps_case_and_ascii_text_unchanged() -> None:
    assert ascii_fold("Đorđević") == "Dordevic"
    assert ascii_fold("Kosiniak-Kamysz, Jr.") == "Kosiniak-Kamysz, Jr."


def test_slug_of_a_name_with_stroke_letters() -> None:
    assert slug("Władysław Kosiniak-Kamysz") == "wladyslaw-kosiniak-kamysz"


@pytest.fixture(scope="module")
def component(nlp, tmp_path_factory) -> ActorsComponent:
    return actors_with_kb(nlp, tmp_path_factory.mktemp("kb"), KB_TEXT)


@pytest.mark.parametrize(("query", "kb_id"), [
    ("Dan Jorgensen", "dan-jorgensen"),
    ("Radoslaw Sikorski", "radoslaw-sikorski"),
    ("Marko Dordevic", "marko-djordjevic"),
    ("Lars Løkke Rasmussen", "lars-lokke-rasmussen"),  # the KB has only the ASCII spelling
])
def test_kb_entry_found_from_the_other_spelling(component: ActorsComponent, query: str,
                                                kb_id: str) -> None:
    hits = find_actor(component.kb, query)
    assert hits and hits[0]["id"] == kb_id and hits[0]["score"] == 1, hits[:2]


def test_article_in_ascii_resolves_to_entries_without_ascii_aliases(nlp, component) -> None:
    text = ("Polish Foreign Minister Radoslaw Sikorski met Danish Commissioner Dan Jorgensen in "
            "Warsaw on Monday. Serbian Minister Marko Dordevic joined them.")
    analysis = run_component(nlp, component, text)
    resolved = {m.text: m.actor_id for m in analysis.mentions}
    assert resolved["Radoslaw Sikorski"] == "radoslaw-sikorski", resolved
    assert resolved["Dan Jorgensen"] == "dan-jorgensen", resolved
    assert resolved["Marko Dordevic"] == "marko-djordjevic", resolved
