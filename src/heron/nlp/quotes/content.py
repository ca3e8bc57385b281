"""Content spans: what an attribution says, as character spans of the text.

The content of a speech cue is, in order of preference (:func:`.attributions.from_verb`):

1. quotations right next to the attribution clause (``“…,” X said, “…”``; ``X added: “…”``),
   followed by quotations that continue it in the same paragraph (``“…,” he said. “…”``);
2. the sentence around an attribution set off by commas (``The test, Seoul said, was …``);
3. the clause before it when the attribution closes the sentence (``…, a source told Reuters``),
   widened backwards over earlier first-person sentences of the paragraph, the unmarked
   verbatim statements news copies from social media (``I called Putin … , Trump wrote``), or
   the clause after an opening "as" clause (``As one official put it, …``);
4. its complement clause (``X said (that) …``), widened to whole quotations it cuts into;
5. what follows the colon that ends it (``He added: …``);
6. what was urged, called for or denied when it is not a clause (``urged Congress to act``),
   without the writer's aside (``, which …``) or where and when it was said (``at a forum``);
7. for "say", the rest of the sentence when the parser did not see its clause;
8. what the statement was about (``complained about the noise``).
Verbs of belief take only a complement clause, verbs of evidence a complement clause or, for
polls and documents, their object; verbs of intention a complement clause or their object. A
content stops before another attribution trailing it, not before a verb that shares its subject
or sits in a subordinate clause. A cue verb in the passive attributes its subject with what it
says of it ("the plan was criticised as reckless").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from heron.nlp.quotes.cues import (
    SUBJECT_DEPS,
    attribution_clause,
    cue_lemma,
    frame_prepositions,
    has_predicate,
    is_according_to,
    is_cue_verb,
    is_participle_of_speaker,
    is_relayed_by,
    particle_objects,
)
from heron.nlp.quotes.lexicon import (
    ADDRESSED_VERBS,
    ADDRESSEE_VERBS,
    EVIDENCE_VERBS,
    EXPLETIVES,
    FRAMED_VERBS,
    OBJECT_PREPOSITIONS,
    OTHER_SENSE_PASSIVES,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    SETTING_PREPOSITIONS,
    SPEECH_VERBS,
    STANCE_PREPOSITIONS,
    SUBORDINATORS,
    WH_RELATIVES,
    WORDS_ONLY_VERBS,
)
from heron.nlp.quotes.page import (
    JOINER,
    Page,
    Spans,
    end_of,
    extent,
    is_first_person,
    is_name,
    merged,
    word_bounds,
)
from heron.nlp.quotes.speaker_phrase import speaker_of

# What a verb says of its passive subject: "was called [a liar]", "is expected [to resign]".
PREDICATE_DEPS = frozenset({"xcomp", "ccomp", "oprd", "attr"})
# How a lead-in hangs from its sentence: an adverbial ("For instance,"), never a subject
# ("Clinton, meanwhile, …").
LEAD_IN_DEPS = frozenset({"advmod", "prep", "npadvmod", "intj", "advcl"})
# Dependencies that end an object's run ("urged Congress to act[,] …").
OBJECT_STOP_DEPS = frozenset({"punct", "cc", "conj", "parataxis", "advcl", "npadvmod", "dep"})


def passive_content(page: Page, verb: Token, sent: Span) -> Spans:
    """"The plan was criticised as reckless", "he is expected to resign", "the senator was
    endorsed by the paper": what is said is about the passive subject, which is part of the
    content with what the verb says of it (its predicate; with no agent, also its phrases)."""
    lemma = cue_lemma(verb)
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects or lemma in ADDRESSED_VERBS | EVIDENCE_VERBS | OTHER_SENSE_PASSIVES \
            or subjects[0].lower_ in EXPLETIVES | RELATIVE_PRONOUNS:
        return []
    has_agent = any(c.dep_ == "agent" for c in verb.children)
    tail_deps = PREDICATE_DEPS if has_agent else PREDICATE_DEPS | {"prep"}
    parts = [list(subjects[0].subtree)]
    parts += [list(c.subtree) for c in verb.children if c.i > verb.i and c.dep_ in tail_deps]
    spans = []
    for part in parts:
        words = [t for t in part if sent.start <= t.i < sent.end and not page.is_edge_punct(t)
                 and not t.is_space]
        if words:
            spans.append(page.widen_to_quotes(words[0].idx, end_of(words[-1])))
    return merged(sorted(spans))


def stance_object(page: Page, adjective: Token, sent: Span) -> Spans:
    """What a stance is about: "critical [of the deal]", "worried [about rising costs]"."""
    objects = [g for c in adjective.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS
               for g in c.children if g.dep_ in ("pobj", "pcomp")]
    tokens = [t for g in objects[:1] for t in g.subtree if sent.start <= t.i < sent.end
              and not page.is_edge_punct(t) and not t.is_space]
    tokens = without_aside(page, before_trailing_attribution(page, tokens, sent))
    if len(tokens) < page.tuning.min_content_words and not is_name(tokens):
        return []
    return [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]


def adjacent_quotations(page: Page, clause: list[Token], sent: Span) -> Spans:
    start, end = extent(clause)
    # A quotation that opens or closes the sentence around its attribution is speech however
    # short ("“You winning?” she said"); elsewhere short quotations are often quoted words.
    before = [q for q in page.quotes if q[1] <= start and page.joined(q[1], start)
              and _ends_in_or_leads(page, q, sent, clause)
              and (page.clausal(q) or q[0] <= sent.start_char)]
    # A quotation in the next sentence with an attribution of its own ("X tweeted
    # condemnation. “…,” he tweeted.") is that attribution's.
    after = [q for q in page.quotes if q[0] >= end and page.joined(end, q[0])
             and (page.clausal(q) or page.joined(q[1], sent.end_char))
             and not (q[0] >= sent.end_char and has_own_cue(page, q))]
    parts = before[-1:] + after[:1]
    if before and not after:  # 'The country "has changed," he said': the subject belongs to it
        parts[0] = (_clause_start(page, sent, parts[0][0]), parts[0][1])
    return with_continuations(page, parts, max(end, sent.end_char)) if parts else []


def _ends_in_or_leads(page: Page, quote: tuple[int, int], sent: Span, clause: list[Token]) -> bool:
    """A quotation ending before the sentence attributes to it only if the sentence opens
    with the attribution in lower case ('“Why?” she asked.' split after the question mark)
    or is nothing but the attribution ('“Why?” Smith asked.')."""
    members = set(clause)
    return quote[1] > sent.start_char or sent[0].is_lower or all(
        t in members or t.is_punct or t.is_space for t in page.words(sent))


def _clause_start(page: Page, sent: Span, quote_start: int) -> int:
    """Where the statement ending in a quotation begins: the sentence start when the words
    before the quotation have no attribution of their own."""
    lead = [t for t in page.words(sent) if t.idx < quote_start and not t.is_space]
    if not lead or any(is_cue_verb(page, t) or t.text == ":" for t in lead):
        return quote_start
    return lead[0].idx


def around_parenthetical(page: Page, clause: list[Token], sent: Span) -> Spans:
    """``The latest test, North Korea said, was its biggest yet``: the content is the
    sentence around an attribution set off by commas."""
    first, last = word_bounds(clause)
    if first - 1 <= sent.start or last + 1 >= sent.end - 1:
        return []
    if page.tokens[first - 1].text != "," or page.tokens[last + 1].text != ",":
        return []
    before = [t for t in without_lead(page.tokens[sent.start:first - 1], page.tuning.max_lead_in_tokens)
              if not page.is_edge_punct(t)]
    if before and before[-1].lower_ in WH_RELATIVES:
        # "…, which, the mayor said, is always full": the statement is the relative clause.
        before = before[-1:]
    after = [t for t in page.tokens[last + 2:sent.end] if not page.is_edge_punct(t) and not t.is_space]
    if after and is_participle_of_speaker(after[0]):
        # "…, she said, referencing …": the speaker's next act, not part of the statement
        aside = {t.i for t in after[0].subtree}
        after = [t for t in after if t.i not in aside]
        if not after and any(t.pos_ in ("VERB", "AUX") for t in before):
            return [page.widen_to_quotes(before[0].idx, end_of(before[-1]))]
    if not before or not after or not any(t.pos_ in ("VERB", "AUX") for t in before + after):
        return []
    return [page.widen_to_quotes(before[0].idx, end_of(before[-1])),
            page.widen_to_quotes(after[0].idx, end_of(after[-1]))]


def complement(page: Page, verb: Token, sent: Span, deps: tuple[str, ...] = ("ccomp",)) -> Spans:
    clauses = [c for c in verb.children if c.dep_ in deps and sent.start <= c.i < sent.end]
    clauses += _misattached_that_clauses(verb)
    if any(c.i > verb.i for c in clauses):
        # "Claiming …, Trump told Fox that …": what follows "X said" is what X said; a
        # clause before it is then the writer's (or a misparse).
        clauses = [c for c in clauses if c.i > verb.i]
    # Only the side of the verb the complement is on: a misparse may hang words from the
    # other side (or the next paragraph) under it.
    tokens = sorted({t for c in clauses for t in c.subtree
                     if sent.start <= t.i < sent.end and (t.i < verb.i) == (c.i < verb.i)
                     and not page.is_edge_punct(t) and not t.is_space}, key=lambda t: t.i)
    tokens = _without_leading_time(before_trailing_attribution(page, tokens, sent))
    if len(tokens) < page.tuning.min_content_words:
        return []
    return [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]


def object_of(page: Page, verb: Token, sent: Span) -> Spans:
    """What was urged, called for, cited or denied, when it is not a clause: "urged Congress
    to act", "called for a ban", "called the plan a disaster", "attacked her for her vote".
    Verbs of saying take their addressee or a pronoun as object."""
    lemma = cue_lemma(verb)
    if verb.i + 1 >= sent.end or lemma in WORDS_ONLY_VERBS or speaker_of(verb) is None:
        return []
    wanted: tuple[str, ...] = ("xcomp",) if lemma in ADDRESSEE_VERBS else ("xcomp", "dobj", "oprd", "ccomp")
    if lemma in FRAMED_VERBS and not has_predicate(verb):
        wanted = ()  # only the particle's object: "called for a ban"
    objects = [c for c in verb.children if c.i > verb.i and c.dep_ in wanted]
    objects += particle_objects(verb)  # "called for [a ban]"
    objects += _told_to(verb) if lemma in ADDRESSED_VERBS else []
    objects.sort(key=lambda c: c.i)
    if objects and lemma not in ADDRESSEE_VERBS:
        objects += [c for c in verb.children if c.i > objects[0].i and c.dep_ == "prep"
                    and c.lower_ in OBJECT_PREPOSITIONS] + frame_prepositions(verb)
    if not objects:
        return []
    # The object runs on over what the parser hung from the verb after it ("cited remarks
    # [Trump had made] about her"), up to a punctuation mark or a conjoined clause.
    end = max(t.i for c in objects for t in c.subtree)
    for child in (c for c in verb.children if c.i > end):
        setting = child.dep_ == "prep" and child.lower_ in SETTING_PREPOSITIONS
        # "wants to raise taxes, cut spending and …": infinitives coordinated with the object.
        infinitive = child.dep_ == "conj" and child.tag_ == "VB" and objects[0].dep_ == "xcomp"
        if (child.dep_ in OBJECT_STOP_DEPS or setting) and not infinitive:
            break
        end = max(end, max(t.i for t in child.subtree))
    start = min(t.i for t in objects[0].subtree)
    tokens = [t for t in page.tokens[start:min(end + 1, sent.end)]
              if not page.is_edge_punct(t) and not t.is_space]
    tokens = without_aside(page, before_trailing_attribution(page, tokens, sent))
    if len(tokens) < page.tuning.min_content_words and not is_name(tokens) \
            or objects[0].pos_ == "PRON" and len(objects) < 2:
        return []
    return [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]


def topic(page: Page, verb: Token, sent: Span) -> Spans:
    """What a statement was about, when that is all the text gives: "complained about the
    noise", "asked him about his taxes"."""
    topics = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "about" and c.i > verb.i
              for g in c.children if g.dep_ in ("pobj", "pcomp")]
    tokens = [t for g in topics[:1] for t in g.subtree if sent.start <= t.i < sent.end
              and not page.is_edge_punct(t) and not t.is_space]
    tokens = without_aside(page, tokens)
    if len(tokens) < page.tuning.min_content_words and not is_name(tokens):
        return []
    return [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]


def rest_after_say(page: Page, verb: Token, sent: Span) -> Spans:
    """"X said many of the claims were false": what follows "say" is what was said even when
    the parser hangs it from the verb as an object or a stray dependent; it must read as a
    clause (a verb of its own), and not open with a preposition ("said in a statement")."""
    if cue_lemma(verb) != "say":
        return []
    tokens = [t for t in page.tokens[verb.i + 1:sent.end] if not page.is_edge_punct(t)
              and not t.is_space and not page.quoted(t.idx)]
    tokens = before_trailing_attribution(page, tokens, sent)
    if tokens and tokens[0].pos_ == "ADP" and tokens[0].head.i > tokens[0].i:
        # "said after the meeting he would …": the phrase belongs to the clause after it,
        # which must have a subject of its own.
        phrase = {t.i for t in tokens[0].subtree}
        tokens = [t for t in tokens if t.i not in phrase]
        if not any(c.dep_ in SUBJECT_DEPS for t in tokens[:1] for c in t.head.children):
            tokens = []
    if len(tokens) < page.tuning.min_content_words + 1 or tokens[0].pos_ == "ADP" or not any(
            t.pos_ in ("VERB", "AUX") for t in tokens):
        return []
    return [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]


def made_clear(page: Page, adjective: Token, sent: Span) -> Spans:
    """"made it clear that the curfew would stay": the clause after the adjective, however
    the parser hung it."""
    tokens = [t for t in page.tokens[adjective.i + 1:sent.end] if not page.is_edge_punct(t)
              and not t.is_space]
    tokens = before_trailing_attribution(page, tokens, sent)
    if len(tokens) < page.tuning.min_content_words + 1 or not any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return []
    return [page.widen_to_quotes(tokens[0].idx, end_of(tokens[-1]))]


def without_aside(page: Page, tokens: list[Token]) -> list[Token]:
    """What was said about someone or something stops before the writer's aside about it,
    a relative clause set off by a comma ("praised the plan, which includes …")."""
    for token in tokens:
        edge = token.left_edge
        if token.dep_ == "relcl" and edge.lower_ in WH_RELATIVES and edge.i > tokens[0].i \
                and page.tokens[edge.i - 1].text == "," and not page.quoted(edge.idx):
            return [t for t in tokens if t.i < edge.i - 1]
    return tokens


def before_trailing_attribution(page: Page, tokens: list[Token], sent: Span) -> list[Token]:
    """A complement stops before another cue it runs into after a comma or conjunction:
    "Trump told them that …, a source told Reuters" (another speaker's frame), "he said it
    …, and warned that …" (a second statement), "…, which he said were …"."""
    members = {t.i for t in tokens}
    for token in tokens[1:]:
        # "…, according to Al Jazeera", "…, cited by Interfax": who relayed it, not what
        if page.tokens[token.i - 1].text == "," and (is_according_to(token) or is_relayed_by(token)):
            return [t for t in tokens if t.i < token.i - 1]
    for verb in tokens[1:]:
        # A belief or wish inside the content ("she hopes …, but she knows that …") never
        # frames the words before it (see COGNITION_VERBS); only speech can trail them.
        if not is_cue_verb(page, verb) or cue_lemma(verb) not in SPEECH_VERBS \
                or not _may_trail(verb, tokens[0], members):
            continue
        first = word_bounds(attribution_clause(page, verb, sent))[0]
        breaks = [t.i for t in page.tokens[tokens[0].i + 1:min(first, verb.i)]
                  if t.text in (",", ";", "—") or t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX")]
        if breaks and breaks[-1] > tokens[0].i:
            return [t for t in tokens if t.i < breaks[-1]]
    return tokens


def clause_after(page: Page, verb: Token, clause: list[Token], sent: Span) -> Spans:
    """"As the minister noted, prices have risen": an "as" clause opening the sentence
    attributes the clause after it."""
    first, last = word_bounds(clause)
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
            or last + 1 >= sent.end or page.tokens[last + 1].text != ",":
        return []
    if any(not (t.is_punct or t.pos_ == "CCONJ") for t in page.tokens[sent.start:first]):
        return []
    body = [t for t in page.tokens[last + 2:sent.end] if not page.is_edge_punct(t) and not t.is_space]
    if len(body) < page.tuning.min_content_words + 1 or not any(t.pos_ in ("VERB", "AUX") for t in body):
        return []
    return [page.widen_to_quotes(body[0].idx, end_of(body[-1]))]


def clause_before(page: Page, clause: list[Token], sent: Span) -> Spans:
    first, last = word_bounds(clause)
    tail = [t for t in page.tokens[last + 1:sent.end] if not t.is_punct]
    previous = page.tokens[first - 1] if first > sent.start else None
    if tail or previous is None or previous.text not in (",", "—", "\u2013"):
        return []
    body = [t for t in without_lead(page.tokens[sent.start:first - 1], page.tuning.max_lead_in_tokens)
            if not page.is_edge_punct(t) and not t.is_space]
    # "People like Scott, he said.": a statement may have no verb, unlike a lead-in
    # ("In a statement on Monday, he said.").
    if len(body) < page.tuning.min_content_words + 1 or body[0].pos_ == "ADP" and not any(
            t.pos_ in ("VERB", "AUX") for t in body):
        return []
    return [page.widen_to_quotes(body[0].idx, end_of(body[-1]))]


def after_colon(page: Page, clause: list[Token], sent: Span) -> Spans:
    last = word_bounds(clause)[1]
    if last + 1 >= len(page.doc) or page.tokens[last + 1].text != ":":
        return []
    body = [t for t in page.tokens[last + 2:sent.end] if not page.is_edge_punct(t)]
    following = page.unit_after(sent)
    if not body and following is not None:  # "He added:" closing a paragraph: the next one
        paragraph_end = page.text.find("\n", following.start_char)
        paragraph: Span | list[Token] = page.doc.char_span(
            following.start_char, len(page.text) if paragraph_end < 0 else paragraph_end,
            alignment_mode="expand") or []
        body = [t for t in paragraph if not page.is_edge_punct(t) and not t.is_space]
    if len(body) < page.tuning.min_content_words:
        return []
    return [page.widen_to_quotes(body[0].idx, end_of(body[-1]))]


def first_person_start(page: Page, sent: Span, content: tuple[int, int]) -> int:
    """Start of an unmarked first-person statement that closes with ``content``: earlier
    sentences of the same paragraph join it while they too speak in the first person."""
    start = content[0]
    body = page.doc.char_span(*content, alignment_mode="expand")
    if body is None or not is_first_person(body) or page.overlaps_quote(*content):
        return start
    previous = sent
    while (before := page.unit_before(previous)) is not None:
        previous = before
        gap = page.text[previous.end_char:start]
        if "\n" in gap or not is_first_person(previous) or _has_quote_or_cue(page, previous):
            break
        start = previous.start_char
    return start


def with_continuations(page: Page, parts: Spans, attribution_end: int = 0) -> Spans:
    """Quotations that carry on a direct quote in the same paragraph (``“…,” he said. “…”``),
    after the quote or after its attribution, whichever comes last."""
    parts = list(parts)
    for quote in page.quotes:
        last = max(parts[-1][1], attribution_end)
        if quote[0] < last:
            continue
        between = page.text[last:quote[0]]
        if not JOINER.fullmatch(between) or has_own_cue(page, quote):
            break
        parts.append(quote)
    return parts


def has_own_cue(page: Page, quote: tuple[int, int]) -> bool:
    span: Span | list[Token] = page.doc.char_span(quote[0], quote[1], alignment_mode="expand") or []
    units = {page.unit_at[t.i] for t in span if t.i in page.unit_at}
    return any(is_cue_verb(page, t) for k in units for t in page.words(page.units[k])) or (
        bool(span) and any(is_cue_verb(page, t) for t in page.rest_of_sentence(span[-1])))


def _has_quote_or_cue(page: Page, sent: Span) -> bool:
    return any(sent.start_char <= s < sent.end_char for s, _ in page.quotes) or any(
        is_cue_verb(page, t) or is_according_to(t) for t in page.words(sent))


def _misattached_that_clauses(verb: Token) -> list[Token]:
    """"That"-clauses of a cue the parser hung elsewhere: from the cue as an adverbial clause
    ("tweeted in the early hours that she was …"), or as a relative clause from its addressee or
    from the phrase saying where it was said ("told a meeting of leaders that few people
    understood …", "said in a statement that …"), which a real relative clause is not when its
    "that" has no role in it (a marker, with a subject of its own)."""
    found = [c for c in verb.children if c.dep_ == "advcl" and c.left_edge.lower_ == "that"]
    # "told a meeting of leaders that …" (the addressee), "said in a video address that …",
    # "wrote in an op-ed for the Post that …" (where it was said)
    hosts = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i]
    if cue_lemma(verb) in ADDRESSED_VERBS:
        hosts += [c for c in verb.children if c.dep_ == "dobj"]
    found += [t for h in hosts for t in h.subtree if is_that_complement(t)]
    return found


def is_that_complement(clause: Token) -> bool:
    """A clause the parser hung from a noun that is a "that"-complement, not a relative clause:
    its "that" plays no role in it (a marker, or a second subject or object beside the real one:
    "… in a statement that it had handed over the list")."""
    if clause.dep_ not in ("relcl", "acl"):
        return False
    that = [c for c in clause.children if c.lower_ == "that" and c.i < clause.i]
    if not that or not any(c.dep_ in SUBJECT_DEPS and c.lower_ != "that" for c in clause.children):
        return False
    return that[0].dep_ == "mark" or any(c.dep_ == that[0].dep_ and c != that[0] for c in clause.children)


def _without_leading_time(tokens: list[Token]) -> list[Token]:
    """"said on Thursday the strikes had hit …": a time phrase before the reported clause's
    subject says when it was said, not what."""
    if len(tokens) < 3 or tokens[0].dep_ != "prep" or tokens[0].head.i < tokens[0].i:
        return tokens
    phrase = {t.i for t in tokens[0].subtree}
    objects = [t for t in tokens if t.i in phrase and t.dep_ == "pobj"]
    if not objects or objects[0].ent_type_ not in ("DATE", "TIME"):
        return tokens
    rest = [t for t in tokens if t.i not in phrase]
    return rest if rest and rest[0].dep_ in SUBJECT_DEPS | {"mark", "det", "compound", "amod"} else tokens


def _told_to(verb: Token) -> list[Token]:
    """The infinitive of "told his supporters at a rally to vote", which the parser may hang from
    the verb as an adverbial clause once a phrase separates it from the addressee."""
    addressees = [c.i for c in verb.children if c.dep_ == "dobj"]
    return [c for c in verb.children if c.dep_ == "advcl" and addressees and c.i > addressees[0]
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _may_trail(verb: Token, first: Token, members: set[int]) -> bool:
    """Whether a cue verb inside a content may be another attribution trailing it ("…, a source
    told Reuters", "…, which he said were …"). It may not when it has no subject of its own
    ("he rated them … and talked about …"), heads the content itself ("that, whatever happens,
    he will insist on …") or sits in a subordinate clause ("even if the court found …")."""
    if verb.is_ancestor(first) or verb.head == verb:
        return False
    if verb.dep_ == "pcomp" or any(c.lower_ in ("what", "whatever") for c in verb.children):
        return False  # "defend himself against what the campaign sees as an attack"
    if not any(c.dep_ in ("nsubj", "csubj") for c in verb.children):
        # "…, adding that …": a participle after a comma is a second statement; so is a verb
        # conjoined to a reported clause about the speaker ("said he would …, and warned …").
        if verb.tag_ == "VBG" and verb.doc[verb.left_edge.i - 1].text == ",":
            return True
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        if verb.dep_ != "conj" or not subjects:
            return False
        return subjects[0].lower_ in PERSONAL_PRONOUNS or _tense_breaks(verb)
    node = verb
    while node.i in members and node.head != node:
        if any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in node.children):
            return False
        node = node.head
    return True


def _tense_breaks(verb: Token) -> bool:
    """"said the state would never pay a ransom and warned that …", "said the supplier had done
    nothing wrong and accused …": a finite verb joined to a reported clause whose verb is in
    another form (with a modal or auxiliary, or another tense) does not continue that clause;
    it is the speaker's next statement."""
    joined = verb.head
    if verb.tag_ not in FINITE_TAGS:
        return False
    return joined.tag_ != verb.tag_ or any(c.dep_ in ("aux", "auxpass") for c in joined.children)


# Finite verb forms that agree with the attribution's own ("said", "says").
FINITE_TAGS = frozenset({"VBD", "VBZ"})


def without_lead(tokens: list[Token], max_lead_in: int) -> list[Token]:
    """A statement opening its sentence, without the words that only link it to the text before:
    a conjunction ("But …") or a short verbless lead-in set off by a comma ("For instance, …",
    "Details aside, …")."""
    while tokens and tokens[0].pos_ == "CCONJ":
        tokens = tokens[1:]
    comma = next((k for k, t in enumerate(tokens[:max_lead_in + 1]) if t.text == ","), None)
    lead = tokens[:comma] if comma else []
    heads = [t for t in lead if t.head not in lead or t.head == t]
    if comma and all(t.dep_ in LEAD_IN_DEPS for t in heads) and not any(
            t.pos_ in ("VERB", "AUX") or t.is_quote for t in lead):
        tokens = tokens[comma + 1:]
    return tokens

