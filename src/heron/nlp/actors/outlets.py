"""News outlets are sources, not political actors ("told Reuters", "according to RIA Novosti").

:func:`is_news_outlet` recognises well-known agencies and broadcasters by name and other
outlets by the words media names are built from ("... News", "... Times", "... TV"). The
quotes component uses it to fill ``Quote.via``.
"""

from __future__ import annotations

from heron.nlp.actors.names import fold

KNOWN_OUTLETS = frozenset(fold(n) for n in [
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "BBC", "CNN",
    "Fox News", "NBC", "CBS", "ABC", "MSNBC", "NPR", "PBS", "Al Jazeera", "Al Arabiya", "TASS",
    "Interfax", "RIA Novosti", "RIA", "Sputnik", "RT", "Ukrinform", "UNIAN", "Xinhua", "Kyodo",
    "Yonhap", "Anadolu", "dpa", "ANSA", "EFE", "PAP", "Axios", "Politico", "Euronews",
    "Deutsche Welle", "DW", "Le Monde", "Der Spiegel", "Spiegel", "Bild", "Kommersant", "Izvestia",
    "Rossiya-24", "Rossiya 24", "Channel One", "Kyiv Independent", "Meduza", "Novaya Gazeta",
    "New York Times", "Washington Post", "Wall Street Journal", "Financial Times", "The Economist",
    "Guardian", "The Guardian", "Telegraph", "Times of Israel", "Haaretz", "Sky News", "ITV",
    "Truth Social", "Telegram", "X", "Twitter", "Facebook", "Instagram", "YouTube", "TikTok",
    "VOA", "Voice of America", "RFE/RL", "Radio Free Europe", "Radio Liberty", "Radio Free Asia",
    "NHK", "CCTV", "France 24", "RFI", "Radio France Internationale",
])
# Words that make a name an outlet ("Kyiv Post", "state news agency", "Rossiya-24 television").
OUTLET_WORDS = frozenset("news agency newspaper times post journal gazette herald tribune tv "
                         "television radio channel broadcaster press daily magazine".split())


def is_news_outlet(text: str) -> bool:
    folded = fold(text)
    if folded in KNOWN_OUTLETS:
        return True
    words = folded.split()
    return len(words) > 1 and bool(OUTLET_WORDS & set(words))
