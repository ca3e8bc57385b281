"""Generate tests/data/actor_cases.jsonl, the look-alike benchmark of bench/actors.py.

Each case is one short text, the surface form of one mention in it, and the expected answer:
a KB person id, or "new" (the mention must not be linked to any KB person).

Procedure (deterministic, seed 20250820), over the people of the built-in KB files:

1. **garbled** (positives): a person's full name with the surname damaged by one or two edits
   drawn from the kinds seen in transliteration and machine translation: vowel substitution,
   consonant doubling/undoubling, transliteration swaps (y/i, v/w, ff/v, k/c, ch/sh, j/y, ou/u),
   dropping an interior letter, swapping two interior letters. The first letter and a length
   of at least 4 are kept (damage to initials is not recoverable by design). Only people named
   "Given Surname" in plain letters are used (no particles, hyphens or initials). Half of the cases
   put the person's title before the name ("Foreign Minister Sergei Lavrof said ..."), half
   give the bare full name.
2. **document** (positives): the exact full name in a first sentence, then a damaged bare
   surname later in the text — the document-consistency case ("Zelinski told reporters").
3. **other-first-name** (negatives): a first name with a different initial in front of a
   one-edit variant of a KB surname ("Piotr Zielinski" vs Volodymyr Zelenskyy): a different
   person, must not be merged.
4. **hand-written** hard negatives and names not in the KB (HAND_CASES below).

Run: .venv/bin/python scripts/make_actor_cases.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
KB_DIR = ROOT / "src" / "heron" / "data" / "kb"
OUT = ROOT / "tests" / "data" / "actor_cases.jsonl"
SEED = 20250820
VOWELS = "aeiou"
SWAPS = [("y", "i"), ("i", "y"), ("v", "w"), ("w", "v"), ("ff", "v"), ("v", "ff"), ("k", "c"),
         ("c", "k"), ("ch", "sh"), ("sh", "ch"), ("j", "y"), ("ou", "u"), ("u", "ou"), ("ks", "x")]
OTHER_FIRST_NAMES = ["Piotr", "Jan", "Tomasz", "Hannah", "Lukas", "Maria", "Ahmed", "Carlos",
                     "Nadia", "Oskar", "Bruno", "Elena", "Igor", "Fatima", "Henrik", "Paula"]
VERBS = ["said on Tuesday that talks would continue.", "met officials in the capital on Monday.",
         "rejected the proposal, according to a statement.", "called for an immediate ceasefire."]

# (text, mention, expected, note): look-alikes of KB people and people who are not in the KB.
# One case per line reads best here.
HAND_CASES = [
    ("Polish midfielder Piotr Zielinski scored twice on Saturday.",
     "Piotr Zielinski", "new", "Zielinski vs Zelenskyy"),
    ("Zielinski, a Polish footballer, signed for Inter Milan.", "Zielinski", "new", "Zielinski vs Zelenskyy"),
    ("Kenyan President William Ruto addressed parliament in Nairobi.",
     "William Ruto", "william-ruto", "Ruto vs Rutte"),
    ("Ruto said Kenya would send police officers to Haiti.", "Ruto", "william-ruto", "Ruto vs Rutte"),
    ("Patriarch Kirill blessed the troops in Moscow.", "Kirill", "patriarch-kirill", "Kirill vs Keir"),
    ("Kirill Petrov, a local shopkeeper, said prices had doubled.", "Kirill Petrov", "new", "Kirill vs Keir"),
    ("European Council President Antonio Costa opened the summit.",
     "Antonio Costa", "antonio-costa", "Costa vs Konstantin"),
    ("Konstantin Ivanov, a pensioner in Belgorod, described the shelling.",
     "Konstantin Ivanov", "new", "Costa vs Konstantin"),
    ("Karl Marx wrote Das Kapital in London.", "Karl Marx", "new", "Marx vs Merz"),
    ("Marx argued that history is driven by class struggle.", "Marx", "new", "Marx vs Merz"),
    ("Chancellor Friedrich Merz spoke in the Bundestag.", "Friedrich Merz", "friedrich-merz", "Merz"),
    ("Actor Mark Ruffalo joined the protest in New York.", "Mark Ruffalo", "new", "Ruffalo vs Rutte"),
    ("Singer Keir Dullea performed in Leeds.", "Keir Dullea", "new", "Dullea vs Starmer"),
    ("Tennis legend Boris Becker visited the school.", "Boris Becker", "new", "Becker vs Johnson"),
    ("Donald Glover released a new album on Friday.", "Donald Glover", "new", "Glover vs Trump"),
    ("Emmanuel Petit, the former footballer, criticised the coach.",
     "Emmanuel Petit", "new", "Petit vs Macron"),
    ("Vladimir Nabokov wrote in both Russian and English.", "Vladimir Nabokov", "new", "Nabokov vs Putin"),
    ("Sergei Rachmaninoff composed the piece in 1901.",
     "Sergei Rachmaninoff", "new", "Rachmaninoff vs Lavrov"),
    ("Olaf Becker, a baker in Hamburg, said business was slow.", "Olaf Becker", "new", "Becker vs Scholz"),
    ("Yuri Gagarin was the first man in space.", "Yuri Gagarin", "new", "Gagarin vs Ushakov"),
    ("Steve Wozniak co-founded the company.", "Steve Wozniak", "new", "Wozniak vs Witkoff"),
    ("Dan Brown's new novel tops the charts.", "Dan Brown", "new", "Brown vs Caine"),
    ("Michael Caine starred in the film.", "Michael Caine", "new", "Michael vs Dan Caine"),
    ("Farmer Vasyl Melnyk said the harvest was lost.", "Vasyl Melnyk", "new", "not in KB"),
    ("Teacher Olena Kovalenko described the night of shelling.", "Olena Kovalenko", "new", "not in KB"),
    ("Local councillor Jonas Petersen opposed the plan.", "Jonas Petersen", "new", "not in KB"),
    ("Volunteer Maria Kowalczyk runs a shelter in Lviv.", "Maria Kowalczyk", "new", "not in KB"),
    ("Nurse Aisha Bello treated the wounded in Maiduguri.", "Aisha Bello", "new", "not in KB"),
    ("Engineer Tomas Novak inspected the bridge.", "Tomas Novak", "new", "not in KB"),
    ("Student leader Rahim Chowdhury addressed the crowd in Dhaka.", "Rahim Chowdhury", "new", "not in KB"),
    ("Fisherman Joao Pereira said the port was closed.", "Joao Pereira", "new", "not in KB"),
    ("Shopkeeper Dmitri Sokolov said prices had risen.", "Dmitri Sokolov", "new", "not in KB"),
    ("Analyst Hannah Whitfield said the talks would stall.", "Hannah Whitfield", "new", "not in KB"),
    ("Professor Kenji Watanabe studies regional security.", "Kenji Watanabe", "new", "not in KB"),
    ("Activist Leyla Aliyeva was detained on Monday.", "Leyla Aliyeva", "new", "not in KB"),
    ("Photographer Lukas Brenner documented the damage.", "Lukas Brenner", "new", "not in KB"),
    ("Miner Sipho Dlamini joined the strike.", "Sipho Dlamini", "new", "not in KB"),
    ("Witness Ana Gutierrez described the explosion.", "Ana Gutierrez", "new", "not in KB"),
    ("Priest Andriy Bondar held a service for the victims.", "Andriy Bondar", "new", "not in KB"),
    ("Mayor Ivan Fedorenko said the city had no power.", "Ivan Fedorenko", "new", "not in KB"),
    ("Commander Oleksandr Pivnenko described the front.", "Oleksandr Pivnenko", "new", "not in KB"),
    ("Lawyer Petra Lindqvist filed the appeal.", "Petra Lindqvist", "new", "not in KB"),
    ("Doctor Samir Haddad treated dozens of patients.", "Samir Haddad", "new", "not in KB"),
    ("Retired colonel Brian Mercer commented on the strikes.", "Brian Mercer", "new", "not in KB"),
    ("Mr. Vance said the administration would respond.", "Vance", "jd-vance", "surname only"),
    ("Ukrainian President Volodymyr Zelensky spoke in Kyiv.",
     "Volodymyr Zelensky", "volodymyr-zelenskyy", "alias"),
    ("Kremlin spokesman Dmitry Peskov declined to comment.", "Dmitry Peskov", "dmitry-peskov", "exact"),
    ("Wolodymyr Selenskyj sprach in Kiew.",
     "Wolodymyr Selenskyj", "volodymyr-zelenskyy", "German transliteration"),
    ("Sergej Lawrow traf seinen Amtskollegen.", "Sergej Lawrow", "sergey-lavrov", "German transliteration"),
]


def load_people() -> list[dict]:
    """KB people named "Given Surname" in plain letters (no particles, hyphens or initials)."""
    people = []
    for path in sorted(KB_DIR.glob("people*.yaml")):
        people += yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return sorted((p for p in people if _plain_two_word(p["name"])), key=lambda p: p["id"])


def _plain_two_word(name: str) -> bool:
    words = name.split()
    return len(words) == 2 and all(w.isalpha() and w[0].isupper() and len(w) > 2 for w in words)


def damage(word: str, rng: random.Random, edits: int) -> str:
    """A damaged spelling of ``word`` (first letter kept), or ``word`` if none was possible."""
    out = word
    for _ in range(edits):
        for _attempt in range(10):
            candidate = _one_edit(out, rng)
            if candidate != out and candidate[0] == word[0] and len(candidate) >= 4:
                out = candidate
                break
    return out


def _one_edit(word: str, rng: random.Random) -> str:
    kind = rng.choice(["vowel", "double", "swap", "drop", "translit"])
    inner = list(range(1, len(word) - 1))
    if not inner:
        return word
    i = rng.choice(inner)
    if kind == "vowel" and word[i] in VOWELS:
        return word[:i] + rng.choice([v for v in VOWELS if v != word[i]]) + word[i + 1:]
    if kind == "double":
        if word[i] == word[i - 1]:
            return word[:i] + word[i + 1:]
        return word[:i] + word[i] + word[i:]
    if kind == "swap" and i + 1 < len(word) - 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop" and len(word) > 5:
        return word[:i] + word[i + 1:]
    if kind == "translit":
        options = [(a, b) for a, b in SWAPS if a in word[1:]]
        if options:
            a, b = rng.choice(options)
            j = word.index(a, 1)
            return word[:j] + b + word[j + len(a):]
    return word


def current_title(person: dict) -> str:
    roles = person.get("roles") or []
    current = [r for r in roles if r.get("end") is None] or roles
    return current[0]["title"] if current else ""


def generate() -> list[dict]:
    rng = random.Random(SEED)
    people = load_people()
    cases: list[dict] = []
    for person in rng.sample(people, 150):
        given, surname = person["name"].split()[0], person["name"].split()[-1]
        garbled = damage(surname, rng, rng.choice([1, 1, 2]))
        if garbled == surname:
            continue
        name = f"{given} {garbled}"
        title = current_title(person) if rng.random() < 0.5 else ""
        text = f"{title} {name} {rng.choice(VERBS)}".strip()
        cases.append(_case(text, name, person["id"], "garbled"))
    for person in rng.sample(people, 70):
        surname = person["name"].split()[-1]
        garbled = damage(surname, rng, 1)
        if garbled == surname or len(surname) < 5:
            continue
        text = (f"{current_title(person)} {person['name']} arrived for the talks on Monday. "
                f"Later, {garbled} {rng.choice(VERBS)}").strip()
        cases.append(_case(text, garbled, person["id"], "document"))
    for person in rng.sample(people, 70):
        given, surname = person["name"].split()[0], person["name"].split()[-1]
        other = rng.choice([g for g in OTHER_FIRST_NAMES if g[0] != given[0]])
        name = f"{other} {damage(surname, rng, 1)}"
        cases.append(_case(f"{name} {rng.choice(VERBS)}", name, "new", "other-first-name",
                           f"look-alike of {person['id']}"))
    cases += [_case(text, mention, expected, "hand", note)
              for text, mention, expected, note in HAND_CASES]
    return cases


def _case(text: str, mention: str, expected: str, kind: str, note: str = "") -> dict:
    assert mention in text, (mention, text)
    return {"text": text, "mention": mention, "expected": expected, "kind": kind, "note": note}


def main() -> None:
    cases = generate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
