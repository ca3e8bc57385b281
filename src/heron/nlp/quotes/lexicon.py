"""Word lists of the quotes component: attribution cues, statement channels, relaying outlets.

Written for this project from general newswriting usage; extend them freely.
"""

from __future__ import annotations

# Verbs that report what someone said or wrote. They attribute any content: a quotation next to
# them, a complement clause ("said that ..."), or the clause before them ("..., X said").
SPEECH_VERBS = frozenset("""
say tell write add insist warn stress note claim state announce declare explain argue assert
maintain contend acknowledge admit concede confirm deny report reply respond answer ask urge
suggest predict promise pledge vow threaten complain comment remark recall reiterate repeat
emphasize emphasise underline underscore indicate observe estimate tweet post caution allege
testify mention assure hint reveal disclose conclude counter retort exclaim shout declare
recount continue inform boast joke quip lament charge accuse demand propose reason predict
proclaim affirm brag concur object protest speculate stipulate submit swear tout
criticize criticise condemn denounce decry blast slam lambast praise cite describe question
dismiss reject call liken echo discuss label dub brand characterize characterise point
encourage defend reference highlight invoke mock ridicule blame rule talk
deride laud applaud commend castigate berate excoriate assail chastise dispute downplay extol
disparage belittle repudiate disavow put
""".split())
# Speech verbs whose direct object is whom they address or the words' container ("told
# reporters", "asked him", "wrote a letter"), never what was said.
ADDRESSEE_VERBS = frozenset("say tell ask write add answer inform post tweet continue reply "
                            "respond".split())
# Adjectives by which "make" states something: "made it clear that …", "made plain that …".
DECLARING_ADJECTIVES = frozenset({"clear", "plain"})
# Verbs of belief and perception attribute a stance only through a "that"-clause or a
# complement clause ("he believes it is a sign ..."), never the clause before them.
COGNITION_VERBS = frozenset("""
believe think fear feel know worry doubt suspect reckon assume consider understand recognize
recognise realize realise learn
""".split())
# Verbs of intention, desire and stance: what the holder wants or backs is their object or
# infinitive ("wants to raise taxes", "called for a ban", "supports the deal"), or a "that"-clause;
# never the clause before them. Verbs of scheduling or attempting ("plans to", "seeks to",
# "refused to") report actions, not stances, and are left out.
INTENTION_VERBS = frozenset("""
want intend wish decline agree aim support endorse oppose favor favour back
advocate hope expect decide push press
""".split())
# Verbs by which a poll, study or document shows something ("a poll shows that ...", "the
# report found the plan unworkable"): like verbs of belief they attribute their complement
# clause; their object only when their subject is one of the EVIDENCE_NOUNS (otherwise objects
# mostly mean something else: "found a way", "showed them around").
EVIDENCE_VERBS = frozenset("show find demonstrate".split())
# Nouns of surveys and studies: besides named people and bodies, they label a headline's claim
# ("Poll: Voters Turn Against the Plan") and are the source of what is found in them ("In the
# latest poll, Smith leads by five points").
SURVEY_NOUNS = frozenset("poll survey study report analysis".split())
# Sources that show things: what a poll or a video shows is its object too ("the poll shows
# Smith ahead", "a video showing the mayor at the scene"), unlike what a person shows.
EVIDENCE_NOUNS = frozenset("""
poll survey study data figure report analysis research video footage record document review
audit census result number statistic chart map photo photograph image tape recording email
filing count tally estimate model forecast projection
""".split())
# Verbs that attribute only in a frame: "called the plan a disaster", "called for a ban", "as
# she put it", never "called him on Friday" (a telephone call), "called a meeting", "talked for
# hours" or "put it on the table".
FRAMED_VERBS = frozenset({"call", "point", "talk", "push", "press", "put"})
# Prepositions that make a phrasal cue whose object is the content: "called for a ban",
# "called on Congress to act", "pointed to the polls".
CUE_PARTICLES = {"call": ("for", "on"), "point": ("to", "out"), "push": ("for",), "press": ("for", "on"),
                 "argue": ("for", "against"), "warn": ("against", "of", "about"),
                 "talk": ("about",), "ask": ("about",), "respond": ("to",), "reply": ("to",)}
# Prepositions after the object of a cue that still belong to what was said: "attacked Clinton
# for her vote", "cited the deal as proof", "criticized him over the leak", "accused her of lying".
OBJECT_PREPOSITIONS = frozenset({"for", "as", "over", "about", "against", "of"})
# Nouns that attribute the clause they introduce ("his claim that the vote was rigged", "her
# promise to cut taxes"); the owner, when stated, is the source ("his", "Trump's", or whoever
# "made" or "expressed" it).
NOUN_CUES = frozenset("""
claim statement assertion argument allegation accusation charge belief view promise pledge vow
warning demand proposal insistence suggestion assessment conclusion contention fear hope threat
remark comment denial admission assurance prediction message complaint criticism assumption
impression notion idea opinion position vision report rumor rumour
""".split())
# Noun cues that name a speech act, not a belief: what someone else says of them is still
# their speaker's statement ("Smith said Jones's claim that … was false").
SPEECH_NOUNS = frozenset("""
claim statement assertion argument allegation accusation charge promise pledge vow warning
demand proposal remark comment denial admission assurance prediction message complaint
criticism report rumor rumour announcement declaration appeal plea call
""".split())
# Nouns of intention, feeling and agreement introduce a clause that is somebody's only when the
# text says whose ("her decision to resign", "officials expressed concern that …"); unowned they
# are mostly the writer's ("a decision to cut rates", "in a bid to win").
OWNED_NOUN_CUES = frozenset("""
concern doubt worry confidence expectation conviction suspicion sense feeling plan decision
determination intention intent desire wish willingness readiness eagerness reluctance refusal
offer commitment agreement acknowledgment acknowledgement recognition understanding announcement
declaration guarantee recommendation appeal plea call
""".split())
# Nouns that attribute what their preposition takes, when someone owns them ("her call for a
# ban", "his criticism of the deal", "their concerns about costs"): noun → prepositions.
NOUN_PREPOSITION_CUES = {
    **dict.fromkeys(("call", "demand", "plea", "appeal", "push", "request", "proposal", "plan",
                     "support", "pressure", "campaign"), ("for",)),
    **dict.fromkeys(("criticism", "condemnation", "denunciation", "praise", "endorsement",
                     "rejection", "defense", "defence", "characterization", "description",
                     "assessment", "dismissal"), ("of",)),
    **dict.fromkeys(("concern", "worry", "fear", "doubt", "warning", "complaint", "comment",
                     "remark", "question", "statement", "claim", "allegation", "view", "position"),
                    ("about", "over", "on", "of", "against")),
    **dict.fromkeys(("opposition", "objection", "threat"), ("to",)),
}
# Verbs by which a source voices a noun cue ("expressed concern that …", "renewed its call for
# …", "issued a statement calling …"): their subject owns the noun. Verbs that answer someone
# else's claim ("rejected the claim that …") are not among them.
VOICING_VERBS = frozenset("""
make express voice issue renew repeat reiterate offer raise deliver give release publish send
sound announce unveil present outline share air signal register lodge file post tweet write
put float stress underline
""".split())
# Nouns naming a message, whose participle says what the message said ("a statement calling the
# vote a sham", "a letter urging restraint"): the message's owner or sender is the source.
MESSAGE_NOUNS = frozenset("""
statement letter tweet post message note memo report paper resolution ad advertisement video editorial
op-ed column petition release communique announcement speech address interview remarks
""".split())
# Adjectives of certainty, feeling and stance after a linking verb: what the subject is sure,
# worried or critical of is their complement clause ("is confident that …", "was unsure whether
# …"), infinitive ("is determined to …") or the object of the preposition they take
# ("remains critical of the deal", "were worried about the cost").
STANCE_ADJECTIVES = frozenset("""
confident sure certain convinced unsure uncertain aware unaware doubtful hopeful optimistic
pessimistic skeptical sceptical worried concerned afraid fearful anxious nervous wary adamant
insistent determined eager keen willing unwilling reluctant hesitant disappointed frustrated
angry upset furious dismayed alarmed troubled pleased glad satisfied dissatisfied unhappy
proud critical supportive
""".split())
# The prepositions by which such an adjective takes what the stance is about.
STANCE_PREPOSITIONS = frozenset({"about", "of", "over", "with", "toward", "towards"})
# Verbs that link a subject to its stance adjective ("is", "remained", "seemed", "grew").
LINKING_VERBS = frozenset("be remain seem appear become grow feel sound stay look".split())
# Verbs of perceiving and portraying that attribute only in the frame "<verb> X as Y" ("sees
# the deal as a trap", "painted her as weak", "attacked him as a fraud"), never alone ("saw
# the film", "painted the wall", "attacked the town"). Values: the prepositions of the frame.
AS_FRAMED_VERBS = {
    "see": ("as",), "view": ("as",), "regard": ("as",), "portray": ("as",), "paint": ("as",),
    "depict": ("as",), "cast": ("as",), "hail": ("as",), "frame": ("as",), "present": ("as",),
    "attack": ("as", "for", "over"), "fault": ("for",), "chide": ("for",), "scold": ("for",),
    "rebuke": ("for",), "compare": ("to", "with"),
}
# Cue verbs whose passive has another sense ("was charged with fraud", "was admitted to
# hospital", "is known as", "the holiday is observed"): no passive attribution for them.
OTHER_SENSE_PASSIVES = frozenset("charge admit know observe note".split())
# Verbs whose passive subject is whom they address ("residents were warned that …", "he was
# asked to resign"): their content is the complement, as in the active voice.
ADDRESSED_VERBS = ADDRESSEE_VERBS | frozenset("""
warn urge encourage assure remind advise caution notify promise press push
""".split())
# Nouns of "in X's view", "in her words": the sentence around them is X's opinion or statement.
VIEWPOINT_NOUNS = frozenset("view opinion words estimation judgment judgement mind eyes".split())
# Speech verbs that report words only when the words are there ("he continued: …"), never with
# an object or infinitive ("continued to campaign").
WORDS_ONLY_VERBS = frozenset({"continue"})
# Verbs that take a quoted person as object: "X quoted Y as saying ...".
QUOTING_VERBS = frozenset({"quote", "cite"})

# Where statements are made. Keys are lower-case surface forms; values the canonical channel.
PLATFORMS = {
    "telegram": "Telegram", "truth social": "Truth Social", "x": "X", "twitter": "X",
    "facebook": "Facebook", "instagram": "Instagram", "youtube": "YouTube", "tiktok": "TikTok",
    "vkontakte": "VKontakte", "vk": "VKontakte", "weibo": "Weibo", "wechat": "WeChat",
    "threads": "Threads", "bluesky": "Bluesky", "linkedin": "LinkedIn", "telegram channel":
    "Telegram", "social media": "social media",
}
BROADCASTERS = {
    "fox news": "Fox News", "cnn": "CNN", "bbc": "BBC", "msnbc": "MSNBC",
    "nbc": "NBC", "cbs": "CBS", "abc": "ABC", "cnbc": "CNBC", "pbs": "PBS", "npr": "NPR",
    "sky news": "Sky News", "al jazeera": "Al Jazeera", "al arabiya": "Al Arabiya",
    "rossiya-24": "Rossiya-24", "rossiya 24": "Rossiya-24", "rossiya-1": "Rossiya-1",
    "rossiya 1": "Rossiya-1", "channel one": "Channel One", "russia-1": "Rossiya-1",
    "rt": "RT", "france 24": "France 24", "euronews": "Euronews", "deutsche welle": "DW",
    "dw": "DW", "itv": "ITV", "cbc": "CBC", "abc news": "ABC", "nbc news": "NBC", "cbs news":
    "CBS", "face the nation": "CBS", "meet the press": "NBC", "bloomberg tv": "Bloomberg TV",
    "newsmax": "Newsmax", "zdf": "ZDF", "ard": "ARD", "tf1": "TF1", "cctv": "CCTV",
    "nhk": "NHK", "trt": "TRT", "press tv": "Press TV", "al mayadeen": "Al Mayadeen",
    "ndtv": "NDTV", "kbs": "KBS", "globonews": "GloboNews", "televisa": "Televisa",
    "i24news": "i24NEWS", "channel 12": "Channel 12", "lbc": "LBC", "gb news": "GB News",
}
# Occasions and formats of a statement, when no platform or broadcaster is named.
OCCASIONS = {
    "news conference": "news conference", "press conference": "press conference",
    "press briefing": "press briefing", "briefing": "briefing", "statement": "statement",
    "interview": "interview", "speech": "speech", "address": "address",
    "video address": "video address", "televised address": "televised address",
    "press release": "press release", "communique": "communique", "rally": "rally",
    "podcast": "podcast", "op-ed": "op-ed", "letter": "letter", "tweet": "X",
    "news briefing": "news briefing", "hearing": "hearing", "debate": "debate",
    # unnamed state broadcasters ("said on state television", "told state TV"); after the names,
    # so that "state television TRT" is TRT
    "state television": "state television", "state tv": "state television",
    "state-run television": "state television", "state-run tv": "state television",
    "state broadcaster": "state television", "national television": "national television",
    "state radio": "state radio", "national radio": "national radio",
}
# Agencies and publications that relay statements ("told Reuters", "according to TASS").
OUTLETS = {
    "reuters": "Reuters", "associated press": "Associated Press", "ap": "Associated Press",
    "afp": "AFP", "agence france-presse": "AFP", "bloomberg": "Bloomberg", "tass": "TASS",
    "ria novosti": "RIA Novosti", "ria": "RIA Novosti", "interfax": "Interfax",
    "sputnik": "Sputnik", "xinhua": "Xinhua", "kyodo": "Kyodo", "yonhap": "Yonhap",
    "anadolu": "Anadolu", "ukrinform": "Ukrinform", "unian": "UNIAN", "dpa": "dpa",
    "ansa": "ANSA", "efe": "EFE", "pap": "PAP", "irna": "IRNA", "wafa": "WAFA", "kcna": "KCNA",
    "axios": "Axios", "politico": "Politico", "the new york times": "The New York Times",
    "new york times": "The New York Times", "the washington post": "The Washington Post",
    "washington post": "The Washington Post", "wall street journal": "The Wall Street Journal",
    "the wall street journal": "The Wall Street Journal", "financial times": "Financial Times",
    "the guardian": "The Guardian", "guardian": "The Guardian", "the economist": "The Economist",
    "le monde": "Le Monde", "der spiegel": "Der Spiegel", "spiegel": "Der Spiegel",
    "bild": "Bild", "kommersant": "Kommersant", "izvestia": "Izvestia", "meduza": "Meduza",
    "kyiv independent": "The Kyiv Independent", "the kyiv independent": "The Kyiv Independent",
    "times of israel": "The Times of Israel", "haaretz": "Haaretz", "usa today": "USA Today",
    "the atlantic": "The Atlantic", "newsweek": "Newsweek", "time": "Time",
    "middle east eye": "Middle East Eye", "al-monitor": "Al-Monitor", "kyiv post": "Kyiv Post",
    "south china morning post": "South China Morning Post", "global times": "Global Times",
    "people's daily": "People's Daily", "hurriyet": "Hurriyet",
    "the times of india": "The Times of India", "times of india": "The Times of India",
    "hindustan times": "Hindustan Times", "o globo": "O Globo", "la jornada": "La Jornada",
    "el país": "El País", "el pais": "El País", "le figaro": "Le Figaro",
    "handelsblatt": "Handelsblatt", "die welt": "Die Welt", "jerusalem post": "The Jerusalem Post",
    "the jerusalem post": "The Jerusalem Post", "ynet": "Ynet", "al-ahram": "Al-Ahram",
    "nikkei": "Nikkei", "semafor": "Semafor", "rbc": "RBC",
    "vedomosti": "Vedomosti", "novaya gazeta": "Novaya Gazeta",
    "voa": "VOA", "voice of america": "VOA", "rfe/rl": "RFE/RL", "radio free europe": "RFE/RL",
    "radio liberty": "RFE/RL", "radio free asia": "Radio Free Asia", "rfi": "RFI",
    "radio france internationale": "RFI",
}
# Verbs by which an agency relays someone's statement ("…, Interfax reported", "cited by TASS").
RELAY_VERBS = frozenset({"report", "quote", "cite", "carry"})
# Head nouns that make an unknown proper name a broadcaster or a relaying outlet.
BROADCASTER_NOUNS = frozenset({"television", "tv", "channel", "broadcaster", "radio"})
OUTLET_NOUNS = frozenset({"agency", "newspaper", "daily", "paper", "outlet", "wire", "magazine",
                          "weekly", "tabloid", "website"})
# Platform names may be garbled in word order by translation ("social truth platform").
PLATFORM_NOUNS = frozenset({"platform", "network", "account", "page", "site"})

# Words that report, on the head of a noun phrase, that the speaker was not named.
ANONYMOUS_HEADS = frozenset({"source", "official", "diplomat", "person", "people", "insider",
                             "aide", "officer", "adviser", "advisor", "member", "lawmaker",
                             "spokesman", "spokeswoman", "spokesperson", "representative"})
INDEFINITE_DETERMINERS = frozenset({"a", "an", "one", "another", "some", "two", "three",
                                    "several"})
# Adjectives dropped when naming an anonymous speaker ("a senior US official").
VAGUE_ADJECTIVES = frozenset({"senior", "top", "high", "ranking", "high-ranking", "-",
                              "well", "placed", "well-placed", "knowledgeable", "anonymous",
                              "unnamed", "informed", "familiar", "other", "former", "second",
                              "third", "another", "different", "single"})
