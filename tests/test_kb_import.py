"""`heron kb import`: a small hand-made Wikidata extract (tests/data/wikidata_sample.jsonl, in
Wikidata's entity layout, invented people) indexed, loaded and used by the real actors component."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_component
from heron.nlp.actors.component import ActorsComponent
from heron.nlp.actors.kb import KBError, load_kb
from heron.nlp.actors.wikidata import import_wikidata, read_index

SAMPLE = Path(__file__).parent / "data" / "wikidata_sample.jsonl"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wd") / "people.heronkb"
    report = import_wikidata(SAMPLE, out)
    assert (report.people, report.roles) == (3, 3)
    assert report.skipped == ["Q90103: no English label"]
    return out


def test_people_roles_dates_and_sectors(index: Path) -> None:
    people = {p.name: p for p in read_index(index)}
    rufus = people["Rufus Tanglewood"]
    assert rufus.aliases == ["Rufus T. Tanglewood"] and rufus.gender == "m"
    [role] = rufus.roles
    assert (role.country, role.sector, role.start, role.end) == (
        "FRA", "GOV", dt.date(1994, 3, 1), dt.date(1999, 6, 30))
    hilde = people["Hildegard Moosbrugger"]
    by_title = {r.title: r for r in hilde.roles}
    assert by_title["member of the Sylvanian parliament"].sector == "LEG"
    # a position without a country in the extract takes the single citizenship; a year-precision
    # start is the first day of that year
    assert by_title["Minister of Defence"].country == "DEU"
    assert by_title["Minister of Defence"].start == dt.date(2009, 1, 1)
    assert people["Ottokar Brenzlauer"].roles == [] and people["Ottokar Brenzlauer"].citizenship == "DEU"


def test_index_loads_with_the_builtin_kb_and_codes_text(nlp, index: Path) -> None:
    kb = load_kb([index])
    component = ActorsComponent(nlp, kb)
    text = "Prime Minister Rufus Tanglewood met Ottokar Brenzlauer. Tanglewood said he was hopeful."
    analysis = run_component(nlp, component, text, published="1996-05-01", article_id="w")
    by_text = {m.text: m for m in analysis.mentions}
    assert (by_text["Rufus Tanglewood"].country, by_text["Rufus Tanglewood"].sector) == ("FRA", "GOV")
    assert by_text["Tanglewood"].actor_id == by_text["Rufus Tanglewood"].actor_id
    assert by_text["Ottokar Brenzlauer"].country == "DEU"  # citizenship without a role


def test_cli_import_and_bad_files(tmp_path: Path) -> None:
    out = tmp_path / "x.heronkb"
    done = subprocess.run([sys.executable, "-m", "heron.cli", "kb", "import", str(SAMPLE), "-o",
                           str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "3 people, 3 dated roles" in done.stderr and out.exists()
    bad = tmp_path / "bad.heronkb"
    bad.write_text("not sqlite")
    with pytest.raises(KBError, match="not a Heron KB index"):
        load_kb([bad], builtin=False)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "Q1"}\n{oops\n')
    with pytest.raises(KBError, match="broken.jsonl:2"):
        import_wikidata(broken, tmp_path / "b.heronkb")
