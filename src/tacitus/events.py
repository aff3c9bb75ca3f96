"""Event extraction: trigger words from the lexicon, their arguments from the dependency parse,
realis from negation, modality, threat frames and attribution, then the date, place and
casualties of each event."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from . import config
from .actors import NON_HEAD_DEPS, ActorResolver, role_in
from .argument_model import revise as revise_arguments
from .casualties import Casualties, find_casualties
from .dates import find_dates
from .document import Document
from .classifier import LinearModel, Models, fallback_codes, features, load_models
from .lexicon import Entry, Lexicon, fronted_report, governing_verb, load_lexicon
from .nlp import load_nlp
from .ontology import lookup, threat_mode
from .places import find_location
from .quotes import quoted_speaker, source_below
from .record import Actor, Event, Span as TextSpan

TARGET_PREPS = {"against", "on", "at", "to", "toward", "towards", "into", "upon", "targeting", "over"}
RECIPROCAL_PREPS = {"with", "between"}
DENIAL = "016"  # denying a charge is done to whoever made it, not to what it says
AIM_PREPS = {"against", "on", "at", "upon", "targeting"}  # what force is aimed at
RECIPIENT_PREPS = {"to", "with", "into"}  # who receives what is handed over
DERIVED_RULE = "reported-force-is-accusation"
TERRITORY_PREPS = {"in", "across", "throughout", "over"}
# Curfews, emergency rule, blockades, ceasefires and their lifting: imposed on, or declared in, a place
TERRITORIAL_CODES = ("172", "191", "0813", "0814", "0871", "0872")
# Acts only a state does to people: arrest, expulsion (of residents, or of diplomats and
# inspectors), repression, torture in custody; done in a country with no agent named, that
# country's state did them ("monitors were expelled from Eritrea").
STATE_ACTS = ("173", "174", "166", "175", "1822")
ACT_DESCRIBERS = {"CVL", "NGO", "HLH", "EDU", "REF"}  # a bare role before an act says whom or what it is for
FORCE_ROLES = {"MIL", "COP", "SPY"}  # forces a state moves about
FORCE_POSTURES = ("15",)  # alerts, mobilisation, deployments: a show of force somewhere
FORCE_MOVES = FORCE_POSTURES + ("0873", "0874")  # force postures, demobilisation and retreat: a side moving its own forces
PORTIONS = {"part", "half", "rest", "bulk", "majority", "number", "dozen", "hundred", "thousand", "remainder"}
PEERS = {"counterpart", "colleague", "ally", "neighbour", "neighbor", "rival", "opponent", "enemy", "partner"}
NAME_TYPES = {"", "PERSON", "ORG", "NORP"}  # a name the resolver may not know is still the one acted on
ADDRESSEE_PREPS = {"on", "upon", "with", "at", "against"}  # a verb's own preposition naming its target ("called on")
DESTINATION_PREPS = {"to", "into", "against", "from", "toward", "towards"}  # where forces are sent or drawn from
SOURCE_PREPS = {"by", "from"}
ABOUT_PREPS = {"about", "for", "against", "over", "on", "upon", "regarding", "concerning", "into", "toward",
               "towards", "at", "to", "with"}  # what an act named by verb and object is about or aimed at
CONTENT_PREPS = {"about", "for", "against", "over", "on", "regarding", "concerning", "into", "toward", "towards"}
OTHER_PREPS = {"from", "for", "in", "of", "about", "out", "across", "inside", "within"}  # a last resort for a target
CLAUSE_LINKS = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acl", "advcl", "conj", "relcl", "dobj"}
RECIPROCAL_ROOTS = {"03", "04"}  # intents to cooperate ("X and Y agreed to ...") and consultations
# conjunctions of a clause that says when or why, not what is done to whom ("for X to stay" is not one)
TIME_MARKS = {"after", "before", "when", "while", "as", "since", "until", "till", "once", "because", "although",
              "though", "whereas", "unless", "if", "whenever"}
# Clauses an act frames: its complement ("agreed to lift"), its purpose ("sent troops to help").
COMPLEMENT_DEPS = {"xcomp", "ccomp", "advcl"}
FRAMED_DEPS = {"xcomp", "ccomp", "acomp"}  # the clauses a verb frames: "is ready to send", "said it would"
OBJECT_DEPS = {"dobj", "compound"}  # an act named as a verb's object: "ended mediation efforts with X"
WILL_MODALS = {"will", "would", "'ll", "'d", "wo"}  # what a reported clause says is to come, not what is owed
# Verbal acts whose prepositional complement is what they are about: investigate, demand,
# disapprove/accuse, reject ("accused X of shelling", "an inquiry into the killing").
CONTENT_ROOTS = {"09", "10", "11", "12"}
RECIPROCAL_CODES = {"050", "057", "060", "061", "062", "063", "064", "190", "196"}  # ties, deals, fighting, truce breaches
PROTEST_ROOT = "14"
# Acts done to people, whose direct object is their target known or not: release, arrest,
# expulsion, assault, mass violence ("freed 12 captives", not the camp they were held in)
PERSON_ACTS = ("0841", "173", "174", "18", "20")
PLACE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout"}  # where something is
# Halting (or threatening to halt) negotiations or mediation: the "with" side is the target.
PARTNER_CODES = {"134", "135", "164", "165"}
MUTUAL_DEALS = {"050", "057", "061", "062", "064"}  # ties, agreements, economic, military and intelligence cooperation


@dataclass
class Candidate:
    """A trigger word with its lexicon entry, before it becomes an Event."""

    token: Token
    entry: Entry
    code: str
    realis: str = "asserted"
    attribution_verb: Token | None = None
    absorbed_by: "Candidate | None" = None
    inner: "Candidate | None" = None  # the threatened action of a threat


@dataclass
class Clause:
    """One sentence being coded: where it is, what dates it holds, and its trigger candidates."""

    document: Document
    index: int
    sentence: Span
    dates: list
    focus: object  # the last date stated earlier in the paragraph
    candidates: dict[int, Candidate]
    penta: dict[str, float]  # the penta model's class probabilities for the sentence
    casualties: Casualties  # the death and injury counts stated in the sentence
    arguments: dict[str, LinearModel]  # the argument models by slot (argument_model.py); empty: the rules alone


# Event confidence mixes the rules' own score with the two models' belief in the event's class.
RULE_WEIGHT, PENTA_WEIGHT, PLOVER_WEIGHT = 1.0, 0.4, 0.4
# From this many sentences on, the story model knows better than the parse which act a report is
# about: its weight rises and the rules' falls.
STORY_SENTENCES, STORY_WEIGHT, STORY_RULE_WEIGHT = 3, 0.8, 0.2
# A model asserts an event of its own only when this sure and the rules found none of that class.
PROMINENCE = 0.4  # the rule score's share for how directly the sentence asserts the trigger
# what a step up the parse costs a trigger's prominence: complements, coordination, a light verb's object are free
HOP_COSTS = {"ccomp": 0.0, "xcomp": 0.0, "conj": 0.0, "dobj": 0.0, "prep": 0.0, "nsubj": 0.5, "nsubjpass": 0.5,
             "advcl": 2.0, "relcl": 2.0, "acl": 2.0}
FALLBACK_PROBABILITY = 0.4
PLOVER_FALLBACK_PROBABILITY = 0.3
PLOVER_FALLBACK_SENTENCES = 3  # the story model's event goes in the first of these that names an actor


def extract_events(document: Document, resolver: ActorResolver, models: Models | None = None) -> list[Event]:
    lexicon = load_lexicon()
    models = models or load_models()
    # With --only-dictionaries the user's dictionaries alone say what is an event: the models, which
    # learnt from the built-in lexicon, add none of their own.
    dictionaries_alone = config.active().only_dictionaries
    doc = document.spacy_doc
    events: list[Event] = []
    clauses: list[Clause] = []
    focus = None
    if lexicon.discarded(doc) == "story":
        return []
    for index, sentence in enumerate(doc.sents):
        if not sentence.text.strip() or lexicon.discarded(sentence):
            continue
        if index and "\n" in doc[sentence.start - 1].text_with_ws:
            focus = None
        triggers = lexicon.triggers(sentence)
        clause = Clause(document, index, sentence, find_dates(sentence, document.published), focus,
                        {t.i: Candidate(t, entry, entry.code) for t, entry in triggers},
                        models.penta.probabilities(features(sentence, triggers)), find_casualties(sentence),
                        {} if dictionaries_alone else models.arguments)
        found = _sentence_events(clause, lexicon, resolver)
        if not dictionaries_alone:
            found.extend(_penta_fallback(clause, found, resolver, lexicon))
        events.extend(found)
        clauses.append(clause)
        focus = clause.dates[-1] if clause.dates else focus
    triggers = [(c.token, c.entry) for clause in clauses for c in clause.candidates.values()]
    plover = models.plover.probabilities(_document_features(document, triggers, lexicon))
    if not dictionaries_alone:
        events.extend(_plover_fallback(clauses, events, plover, models, resolver, lexicon))
    # The story model learnt from whole reports: on a short text it knows little.
    short = len(clauses) < STORY_SENTENCES
    weights = (RULE_WEIGHT, PLOVER_WEIGHT) if short else (STORY_RULE_WEIGHT, STORY_WEIGHT)
    penta = {clause.index: clause.penta for clause in clauses}
    for event in events:
        event.confidence = _final_confidence(event, penta[event.sentence_index], plover, *weights)
    return events


def _document_features(document: Document, triggers, lexicon: Lexicon) -> list[str]:
    found = features(document.spacy_doc, triggers)
    if document.title:
        title = load_nlp()(document.title)
        found.extend(features(title, lexicon.triggers(title), prefix="title:"))
    return found


def _final_confidence(event: Event, penta: dict[str, float], plover: dict[str, float], rule_weight: float,
                      story_weight: float) -> float:
    score = (rule_weight * event.confidence + PENTA_WEIGHT * penta[str(event.penta_class)]
             + story_weight * plover.get(event.type or "", 0.0))
    return round(max(0.01, min(score / (rule_weight + PENTA_WEIGHT + story_weight), 0.99)), 3)


def _sentence_events(clause: Clause, lexicon: Lexicon, resolver: ActorResolver) -> list[Event]:
    candidates = clause.candidates
    for candidate in candidates.values():
        _place_in_clause(candidate, candidates, lexicon)
    events = []
    # A secondary trigger ("killed") adds nothing beside an event of its type from a more telling
    # one ("the car bomb"), but stands in when that one gives no event.
    for candidate in sorted(candidates.values(), key=lambda c: c.entry.secondary):
        if candidate.absorbed_by is not None or candidate.realis == "hypothetical" and not _modal_coded(candidate):
            continue
        if candidate.entry.secondary and any(e.type == lookup(candidate.code).plover_type for e in events):
            candidate.absorbed_by = candidate
            continue
        event = _build_event(clause, candidate, resolver, lexicon)
        if event is not None:
            if candidate.entry.petrarch:
                events.extend(_petrarch_events(event, candidate, resolver))
            else:
                events.append(event)
                events.extend(_compound_events(event, clause.sentence, resolver))
    events.sort(key=lambda e: (e.trigger.start, e.part))
    if not events and not config.active().only_dictionaries:  # dictionaries alone say what an event is
        statement = _statement_event(clause, resolver, lexicon)
        if statement is not None:
            events.append(statement)
    _share_targets(events, clause.sentence)
    events.extend(_derived_accusations(events))
    return events


def _share_targets(events: list[Event], sentence: Span) -> None:
    """An act with no target of its own takes the target of the act it is done for or with, by
    the same actor ("went on strike to protest the decision", "began a hunger strike in protest
    against the law", "carried out a raid, targeting the commanders")."""
    if not any(e.target is None and _identified(e.source) for e in events):
        return
    tokens = {e.trigger.start: sentence.doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
              for e in events}
    acts = [e.trigger for e in events]

    def names_act(actor: Actor) -> bool:  # "walked off the job in a strike": the strike is an act, not a target
        return any(actor.start <= t.start < actor.end for t in acts)

    for event in events:
        if event.target is not None or not _identified(event.source):
            continue
        here = tokens[event.trigger.start]
        for other in events:
            there = tokens[other.trigger.start]
            if other.target is None or other.source is None or here is None or there is None \
                    or not _same_actor(other.source, event.source) or names_act(other.target):
                continue
            if _linked(here.root, there.root):
                event.target = other.target
                event.confidence = _confidence(event, here.root)
                break


def _linked(one: Token, other: Token, reach: int = 4) -> bool:
    """Whether two words meet within `reach` steps of the parse tree."""
    up = {one.i: 0}
    for steps, ancestor in enumerate(one.ancestors, 1):
        up[ancestor.i] = steps
    if other.i in up:
        return up[other.i] <= reach
    for steps, ancestor in enumerate(other.ancestors, 1):
        if ancestor.i in up:
            return up[ancestor.i] + steps <= reach
    return False


def _modal_coded(candidate: Candidate) -> bool:
    """Whether a dictionary pattern names the modal or negation that frames the trigger (a pattern
    "- SAID WOULD * SOON" read in "said it would act soon", or one starting with a negation set):
    the dictionary has coded that reading, so it is not set aside as hypothetical."""
    pattern = candidate.entry.pattern if candidate.entry.petrarch else None
    if pattern is None:
        return False
    framing, verb = set(), candidate.token
    for _ in range(4):  # up through "try to", "want to"
        framing |= {c.lower_ for c in verb.children if c.dep_ in ("aux", "neg")}
        if verb.dep_ != "xcomp":
            break
        verb = verb.head
    return bool(framing & pattern.words)


def _penta_fallback(clause: Clause, found: list[Event], resolver: ActorResolver,
                    lexicon: Lexicon) -> list[Event]:
    """When the sentence model is sure of a class the rules did not code, a trigger of that class
    the rules set aside (no actor, framed as intent) or else the main verb carries the event."""
    label, probability = max(clause.penta.items(), key=lambda item: item[1])
    if probability < FALLBACK_PROBABILITY or any(str(e.penta_class) == label for e in found):
        return []
    event = _model_event(clause, "penta", label, lambda code: str(code.penta_class) == label, resolver, lexicon)
    return [event] if event is not None else []


def _plover_fallback(clauses: list[Clause], events: list[Event], plover: dict[str, float], models: Models,
                     resolver: ActorResolver, lexicon: Lexicon) -> list[Event]:
    """The same for the report's PLOVER type, placed in the sentence that most reads as that type."""
    label, probability = max(plover.items(), key=lambda item: item[1])
    if probability < PLOVER_FALLBACK_PROBABILITY or not clauses or any(e.type == label for e in events):
        return []
    def reads_as(clause: Clause) -> float:
        triggers = ((c.token, c.entry) for c in clause.candidates.values())
        return models.plover.probabilities(features(clause.sentence, triggers))[label]

    for clause in sorted(clauses, key=reads_as, reverse=True)[:PLOVER_FALLBACK_SENTENCES]:
        event = _model_event(clause, "plover", label, lambda code: code.plover_type == label, resolver, lexicon)
        if event is not None:
            return [event]
    return []


def _model_event(clause: Clause, model: str, label: str, wanted, resolver: ActorResolver,
                 lexicon: Lexicon) -> Event | None:
    """The event a model's class asserts: carried by a trigger of that class the rules set aside,
    or, when there is none or it names no one, by the main verb."""
    pool = [c for c in clause.candidates.values() if wanted(lookup(c.code))]
    pool.sort(key=lambda c: (c.absorbed_by is not None, c.token.dep_ != "ROOT"))
    event = _build_event(clause, pool[0], resolver, lexicon) if pool else None
    if event is None:
        candidate = _main_verb_candidate(clause, fallback_codes()[model, label], resolver, lexicon)
        event = _build_event(clause, candidate, resolver, lexicon) if candidate is not None else None
    if event is None:
        return None
    event.rule = f"{model}-model:{event.rule}"
    return event


def _main_verb_candidate(clause: Clause, code: str, resolver: ActorResolver, lexicon: Lexicon) -> Candidate | None:
    root = clause.sentence.root
    # "Colombia is ready to send troops, its minister said": a speaker named after what is reported
    # only vouches for it; the act is Colombia's. "The minister said Colombia must ..." is his.
    # One who says it to someone ("'We will respond,' the minister warned Washington") acts himself.
    reported = next((c for c in root.children if c.dep_ == "ccomp" and c.i < root.i), None) \
        if root.lemma_.lower() in lexicon.reporting else None
    # "The official said Tanzania would give Uganda aid", "announced that Norway had provided
    # 40 million dollars": a cooperation or a deed reported after the verb is the clause's
    # subject's. What one says another must do, or will suffer, stays the speaker's.
    penta_class = lookup(code).penta_class
    if reported is None and root.lemma_.lower() in lexicon.reporting:
        reported = _reported_deed(root, penta_class, resolver)
    if reported is not None and penta_class != 0:
        addressee, _ = _first_actor([c for c in root.children if c.dep_ in ("dobj", "dative")], resolver)
        if addressee is None or addressee.role == "MED":
            root = reported
    # "would give Uganda aid" is an act the lexicon knows but only as promised: the class is the promise
    promised = root is reported and root.i in clause.candidates and penta_class == 1 \
        and clause.candidates[root.i].realis == "hypothetical"
    if root.pos_ not in ("VERB", "AUX") or (root.i in clause.candidates and not promised):
        return None  # no verb, or one the lexicon read more precisely than a class can
    entry = Entry(id="main-verb", pos="VERB", lemmas=(root.lemma_.lower(),), code=code)
    inner = _framed_candidate(root, clause.candidates)
    framed = _framed_verb(root)
    if inner is None and framed is not None:  # "said they will free the two pilots": its act, unlexicalised
        inner = Candidate(framed, replace(entry, lemmas=(framed.lemma_.lower(),)), code)
    candidate = Candidate(root, entry, code, inner=inner)
    _place_in_clause(candidate, {}, lexicon)
    return candidate


def _reported_deed(verb: Token, penta_class: int, resolver: ActorResolver) -> Token | None:
    """The clause after a verb of saying that holds the act of the class: a material act (2, 4)
    or a cooperation it will do (1, "would give"), done by a known subject of its own."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or penta_class not in (1, 2, 4):
        return None
    modals = {c.lower_ for c in clause.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if modals - WILL_MODALS or (penta_class == 1 and not modals):
        return None  # "must withdraw" is a demand; "said Germany welcomes" is reported speech
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    actor = resolver.resolve(subject) if subject is not None and subject.pos_ != "PRON" else None
    # "the ministry declared that army units retook ...": forces of no stated country are the speaker's own
    if actor is None or actor.country is None and actor.code == actor.role:
        return None
    return clause


def _framed_candidate(verb: Token, candidates: dict[int, Candidate]) -> Candidate | None:
    """The nearest trigger in the clause a verb frames ("is willing to pull its soldiers out of X",
    "said they will release X"): the act a main verb only announces or qualifies, whose target
    is the announcement's too."""
    for candidate in sorted(candidates.values(), key=lambda c: c.token.i):
        token, steps = candidate.token, 0
        while token.dep_ in FRAMED_DEPS | OBJECT_DEPS and token.head != token and steps < 4:
            token, steps = token.head, steps + 1
            if token == verb:
                return candidate
    return None


def _framed_verb(verb: Token) -> Token | None:
    """The verb of the clause a verb frames: "said they will free", "is ready to send"."""
    for _ in range(3):
        verb = next((c for c in verb.children if c.dep_ in FRAMED_DEPS and c.i > verb.i), None)
        if verb is None or verb.pos_ == "VERB":
            return verb
    return None


def _place_in_clause(candidate: Candidate, candidates: dict[int, Candidate], lexicon: Lexicon) -> None:
    """Walk up from the trigger: absorbed by a governing event, framed as a threat or intent,
    negated or alleged, and attributed to whoever reports it."""
    token = candidate.token
    # "did not launch an attack", "may impose sanctions": the light verb carries the noun's realis.
    verb = governing_verb(token)
    carriers = [token, verb] if token.pos_ != "VERB" and verb.lemma_.lower() in lexicon.light_source else [token]
    if any(c.dep_ == "neg" for t in carriers for c in t.children):
        candidate.realis = "negated"
    elif any(c.dep_ == "aux" and c.lemma_.lower() in lexicon.modal_hypothetical for t in carriers for c in t.children):
        candidate.realis = "hypothetical"
    if any(c.lemma_.lower() in lexicon.alleged_markers and c.dep_ == "advmod" for c in token.children):
        candidate.realis = "alleged"
    child, ancestor = token, token.head
    steps = 0
    while ancestor != child and steps < 8:
        steps += 1
        lemma = ancestor.lemma_.lower()
        governing = candidates.get(ancestor.i)
        if governing is not None and child.dep_ in CLAUSE_LINKS and candidate.attribution_verb is None:
            if governing.entry.code.startswith("13") and child.dep_ in ("xcomp", "ccomp", "prep", "pobj", "pcomp"):
                threat = lookup(candidate.code).threat_code
                if threat:
                    governing.code = threat
                    governing.realis = "threatened"
                governing.inner = candidate
                candidate.absorbed_by = governing
                return
            if governing.entry.code[:2] in CONTENT_ROOTS and child.dep_ in ("prep", "pcomp", "pobj"):
                candidate.absorbed_by = governing  # "accused Russia of shelling": the charge, not an act
                return
            if child.dep_ in ("dobj", "pobj", "xcomp", "nsubjpass", "attr", "pcomp"):
                candidate.absorbed_by = governing
                if child.dep_ == "xcomp" and lemma in lexicon.embedding and candidate.realis == "asserted":
                    candidate.realis = "hypothetical"  # "urged Russia to withdraw": asked for, not done
                return
            if child.dep_ in ("xcomp", "pcomp", "pobj", "prep") and lemma in lexicon.embedding:
                candidate.absorbed_by = governing
                return
        if governing is None and child.dep_ == "prep" and candidate.attribution_verb is None:
            # "opened an investigation into the killing": the inquiry's object hangs on the verb
            content = next((candidates[o.i] for o in ancestor.children if o.dep_ == "dobj" and o.i in candidates
                            and candidates[o.i].code[:2] in CONTENT_ROOTS), None)
            if content is not None:
                candidate.absorbed_by = content
                return
        if lemma in lexicon.threat_frames and child.dep_ in ("prep", "pcomp", "pobj", "acl"):
            threat = lookup(candidate.code).threat_code
            if threat:
                candidate.code = threat
                candidate.realis = "threatened"
        elif lemma in lexicon.embedding and child.dep_ in ("xcomp", "prep", "pcomp") and governing is None:
            if lemma in ("refuse", "fail"):
                candidate.realis = "negated"
            elif candidate.realis == "asserted":
                candidate.realis = "hypothetical"
        if lemma in lexicon.reporting and child.dep_ in ("ccomp", "conj", "xcomp", "parataxis", "advcl") or (
            lemma == "accord" and child != token):
            candidate.attribution_verb = ancestor
            if lemma in lexicon.alleged_markers and candidate.realis == "asserted":
                candidate.realis = "alleged"
            if lemma in lexicon.negation_verbs:
                candidate.realis = "negated"
            break
        if lemma in lexicon.negation_verbs and child.dep_ == "ccomp":
            candidate.realis = "negated"
        if ancestor.dep_ == "ROOT" and ancestor.head == ancestor:
            break
        child, ancestor = ancestor, ancestor.head
    if candidate.realis == "asserted" and any(t.lemma_.lower() in ("reportedly", "allegedly", "purportedly")
                                              for t in (*token.children, *token.head.children)):
        candidate.realis = "alleged"


def _build_event(clause: Clause, candidate: Candidate, resolver: ActorResolver, lexicon: Lexicon) -> Event | None:
    """The event of a trigger, or None when it has neither a known actor nor a toll."""
    sentence = clause.sentence
    token, entry = candidate.token, candidate.entry
    code = lookup(candidate.code)
    source, target, reciprocal = _arguments(token, entry, resolver, lexicon)
    if entry.petrarch:
        source, target = _petrarch_actors(token, entry, source, target, resolver)
    # "threatened to suspend talks with X"; "announced the cabinet will prolong the curfew in X": a
    # verb of saying that announces an act the lexicon knows is done to whom that act is done to. Not
    # what someone should or would do ("said Qatar must mediate": Qatar is the one addressed).
    inner = candidate.inner
    announces = entry.id == "main-verb" and inner is not None and inner.entry.id != "main-verb" \
        and inner.realis in ("asserted", "negated") and token.lemma_.lower() in lexicon.reporting
    if candidate.inner is not None and (not _identified(target) or announces):
        _, inner_target, _ = _arguments(candidate.inner.token, candidate.inner.entry, resolver, lexicon)
        names_act = target is not None and target.start <= candidate.inner.token.idx < target.end  # "mediation efforts"
        # what an announced act is done to, known or not, beats an actor found deeper in the sentence
        takes_inner = target is None or names_act or _identified(inner_target) or announces and inner_target is not None
        target = inner_target if takes_inner else target
    attributed = _attribution(candidate, resolver)
    if source is None and code.penta_class in (0, 1, 3):  # a verbal act with no subject is the speaker's
        source = attributed
    if entry.needs_actor and not _identified(source) and not _identified(target):
        return None
    fatalities = injuries = None
    if _is_force(code):
        # A toll goes to the nearest word of force, not to a statement or visit nearer to it.
        fatalities, injuries, victims = clause.casualties.for_event(
            token, [c.token for c in clause.candidates.values() if _is_force(lookup(c.code))])
        # the dead are the target unless the text names what the force was aimed at ("air strikes
        # against the enclave of X, killing 23 civilians" were on the enclave)
        if not _identified(target) and victims is not None and not _aimed_at(target, sentence):
            target = resolver.resolve(victims) or target
    if not _identified(source) and not _identified(target) and fatalities is None and injuries is None:
        return None  # neither a who nor a toll: nothing a user could count
    if _identified(source) and _identified(target) and _same_actor(source, target) and not reciprocal:
        target = None  # an actor acting on itself is almost always a misread parse
    reciprocal = reciprocal and _reciprocal_code(code.code)
    if not reciprocal:
        source, target = revise_arguments(token, code.code, source, target, attributed, resolver,
                                          clause.arguments)
    source, target = resolver.joined(source, target)
    if reciprocal:
        source = replace(source, reciprocal=True) if source else None
        target = replace(target, reciprocal=True) if target else None
    location = find_location(sentence, token, _actor_token_ids(source, target, sentence))
    # With the dictionaries alone, an actor is what they say: "students in Moscow" are EDU to PETRARCH.
    if location is not None and location.country and not config.active().only_dictionaries:
        source, target = (_place_local_actor(a, location.country) for a in (source, target))
    plover_type, mode = _plover_reading(candidate, code)
    event = Event(
        doc_id=clause.document.id,
        sentence_index=clause.index,
        sentence=TextSpan(sentence.text, sentence.start_char, sentence.end_char),
        trigger=_trigger_span(token, entry),
        rule=entry.id if candidate.code == entry.code else f"{entry.id}+threat",
        cameo=code.code,
        type=plover_type,
        mode=mode,
        context=list(code.plover_context),
        quad_class=code.quad_class,
        penta_class=code.penta_class,
        goldstein=code.goldstein,
        source=source,
        target=target,
        location=location,
        attributed_to=attributed,
        realis=candidate.realis,
    )
    event.fatalities, event.injuries = fatalities, injuries
    event.confidence = _confidence(event, token)
    _add_date(event, token, clause)
    return event


def _reciprocal_code(code: str) -> bool:
    """Whether an act can be mutual: meetings, talks, cooperation, fighting."""
    return code[:2] in RECIPROCAL_ROOTS or code in RECIPROCAL_CODES


def _compound_events(event: Event, sentence: Span, resolver: ActorResolver) -> list[Event]:
    """One more event for each further actor of a compound source or target ("the United States
    and Jordan condemned ...": the USA condemned, and Jordan condemned), as event data counts them."""
    extra = []
    for side in ("source", "target"):
        actor = getattr(event, side)
        facing = getattr(event, "target" if side == "source" else "source")
        for other in _members(actor, resolver, sentence)[1:] if _identified(actor) else ():
            # "X and Y met": one event, not Y with Y; nor Kenya with Kenya for "Kenyan and AU negotiators"
            if facing is None or not _same_actor(other, facing) and not (is_named(other) and other.code == facing.code):
                extra.append(replace(event, **{side: other}, part=len(extra) + 1))
    return extra


def _span_head(actor: Actor, sentence: Span) -> Token | None:
    """The word of an actor's span that the rest hangs from."""
    inside = [t for t in sentence if actor.start <= t.idx < actor.end]
    return next((t for t in inside if not actor.start <= t.head.idx < actor.end or t.head == t), None)


def _aimed_at(actor: Actor | None, sentence: Span) -> bool:
    """Whether an argument is what an act was aimed at: the object of "against", "on", "at"."""
    head = _span_head(actor, sentence) if actor is not None else None
    return head is not None and head.dep_ == "pobj" and head.head.lower_ in AIM_PREPS


def _is_force(code) -> bool:
    return code.code[:2] in ("18", "19", "20") or code.plover_type == "ASSAULT"


def _petrarch_events(event: Event, candidate: Candidate, resolver: ActorResolver) -> list[Event]:
    """A dictionary pattern's event as PETRARCH codes it: one event for each member of a compound
    source or target ("Gondor and Osgiliath welcomed ..."), and each mirrored ("032:033") when the
    pattern says what the target does in turn. PETRARCH codes no event without a coded source."""
    if event.source is None or not event.source.code:
        return []
    sentence = candidate.token.sent
    sources = _shared_countries([m for a in _members(event.source, resolver, sentence) for m in _each_country(a)],
                                sentence, resolver)
    targets = (_shared_countries([m for a in _members(event.target, resolver, sentence) for m in _each_country(a)],
                                 sentence, resolver) if event.target else [None])
    if event.source and event.target and event.target.code in {s.code for s in sources}:  # "Gondor and Osgiliath delayed their meeting": each with each
        sources = targets = list({a.code: a for a in sources + targets}.values())
    elif len(sources) > 1 and (event.target is None or _wants_compound(candidate.entry)):
        targets = sources  # "Rohan and Bree have restored relations": each with each
    pairs = {(a.code if a else None, b.code if b else None): (a, b) for a in sources for b in targets
             if a is None or b is None or a.code != b.code}
    events = [replace(event, source=a, target=b) for a, b in pairs.values()] or [event]
    reverse = candidate.entry.reverse_code
    if reverse and candidate.code == candidate.entry.code:
        events += [_recoded(replace(e, source=e.target, target=e.source, rule=e.rule + " reverse"), reverse)
                   for e in events if e.source and e.target]
    return [replace(e, part=n) for n, e in enumerate(events)]  # each its own event_id


def _each_country(actor: Actor) -> list[Actor]:
    """One actor for each country of a name that stands for several (`THE_SHIRE [FRO/BIL/SAM]`)."""
    if not actor.country or "/" not in actor.country:
        return [actor]
    return [replace(actor, country=country, code=country + (actor.role or "")) for country in actor.country.split("/")]


def _shared_countries(members: list[Actor], sentence: Span, resolver: ActorResolver) -> list[Actor]:
    """Coordinated sectors share their countries, as PETRARCH reads a compound noun phrase:
    "Norwegian press and police" are NORMED and NORCOP, "judges and officials in Rohan and Bree"
    are a judge and an official of each (Bree continues the phrase "in Rohan"). A country named
    apart ("Rohan and the police of Bree") and named organisations stay as they are."""
    if len(members) < 2 or any(m.code != (m.country or "") + (m.role or "") for m in members):
        return members
    sectors = [m for m in members if m.role]
    placed = {m.country for m in sectors if m.country}
    countries = [m for m in members if not m.role and _continues_place(m, placed, sentence, resolver)]
    if not placed or not any(not m.country for m in sectors) and not countries:
        return members
    names = list(dict.fromkeys([*(m.country for m in sectors if m.country), *(m.country for m in countries)]))
    roles = list(dict.fromkeys(m.role for m in sectors))
    rest = [m for m in members if not m.role and m not in countries]
    return [replace(sectors[0], country=c, role=r, code=c + r) for r in roles for c in names] + rest


def _continues_place(country: Actor, placed: set[str], sentence: Span, resolver: ActorResolver) -> bool:
    """Whether a country name follows, across "and" or a comma, a country that places a sector
    ("judges in Rohan and Bree", which the parser may join to "judges")."""
    head = _span_head(country, sentence)
    before = head.i - 1 if head is not None else -1
    while before >= sentence.start and sentence.doc[before].dep_ in ("cc", "punct"):
        before -= 1
    if head is None or before < sentence.start or before == head.i - 1:
        return False
    mention = resolver.mentions.get(before)
    return sentence.doc[before].dep_ == "pobj" and mention is not None and mention.known.country in placed


def _wants_compound(entry: Entry) -> bool:
    """`%` in a pattern: the event is between the members of the compound subject ("- % HAVE *")."""
    return entry.pattern is not None and entry.pattern.compound


def _members(actor: Actor, resolver: ActorResolver, sentence: Span) -> list[Actor]:
    """The actor and those coordinated with it: whole phrases ("Mordor, Rohan and Bree", "the Syrian
    army and Hezbollah") and countries inside one phrase ("the Russian and Turkish defence
    ministers", "the envoys of Rohan, Bree and Dale")."""
    head = _span_head(actor, sentence)
    found = [actor]

    def add(member: Actor | None) -> None:
        if _identified(member) and member.code and all(member.code != f.code for f in found):
            found.append(replace(member, reciprocal=actor.reciprocal))

    for other in (*head.conjuncts, *_listed(head)) if head is not None else ():
        add(resolver.resolve(other))
    if actor.country and (actor.code is None or actor.code.startswith(actor.country)):
        first = None
        for token in sentence:
            mention = resolver.mentions.get(token.i)
            if not actor.start <= token.idx < actor.end or mention is None or mention.span.start != token.i:
                continue
            if mention.known.kind not in ("country", "adjective", "capital") or not mention.known.country:
                continue
            if first is None:
                first = token
            elif re.search(r",|\band\b", sentence.doc[first.i:token.i].text):  # joined, not "X's envoy to Y"
                country = mention.known.country
                add(replace(actor, country=country, name=mention.known.name,
                            code=country + (actor.role or "") if actor.role not in ("IGO", "NGO") else country))
    return found


def _listed(head: Token) -> list[Token]:
    """The rest of a list the parser hung on its first name as an apposition ("Rohan, the Vale,
    Dale and Bree"): an apposition with conjuncts of its own is a list, not a second name."""
    return [m for a in head.children if a.dep_ == "appos" and a.conjuncts for m in (a, *a.conjuncts)]


def _recoded(event: Event, code_text: str) -> Event:
    code = lookup(code_text)
    return replace(event, cameo=code.code, type=code.plover_type, mode=code.plover_mode,
                   context=list(code.plover_context), quad_class=code.quad_class, penta_class=code.penta_class,
                   goldstein=code.goldstein)


def _plover_reading(candidate: Candidate, code) -> tuple[str | None, str | None]:
    """PLOVER type and mode: the entry's own where it gives them, a threat's from what it
    threatens ("threatened to deport" is THREATEN/expel), else the CAMEO code's."""
    entry = candidate.entry
    if candidate.code == entry.code:
        return entry.plover_type or code.plover_type, entry.mode or code.plover_mode
    action = candidate.inner or candidate  # a threat verb's object, or a framed action itself
    action_code = lookup(action.entry.code)
    action_type = action.entry.plover_type or action_code.plover_type
    return code.plover_type, threat_mode(action_type, action.entry.mode or action_code.plover_mode) or code.plover_mode


def _place_local_actor(actor: Actor | None, country: str) -> Actor | None:
    """An actor known only by its sector ("police", "an army base", "villagers", "gunmen") is taken
    to be of the country where it acts, as event coders do; international bodies are of none."""
    if actor is None or actor.country or not actor.role or actor.role in ("IGO", "NGO") or actor.code != actor.role:
        return actor
    return replace(actor, country=country, code=country + actor.role)


def _trigger_span(token: Token, entry: Entry) -> TextSpan:
    doc = token.doc
    start = token.i - len(entry.lemmas) + 1 if entry.pos == "NOUN" else token.i
    end = token.i + 1
    if entry.particle:
        particle = next((c for c in token.children if c.lower_ == entry.particle), None)
        if particle is not None:
            end = max(end, particle.i + 1)
    span = doc[start:end]
    return TextSpan(span.text, span.start_char, span.end_char)


def _first_actor(tokens, resolver: ActorResolver) -> tuple[Actor | None, Token | None]:
    for token in tokens:
        actor = resolver.resolve(token)
        if actor is not None:
            return actor, token
    return None, None


def _inner_nouns(phrase: Token) -> list[Token]:
    """The nouns inside a phrase, in reading order, leaving out relative clauses ("a Chechen who
    fought on the Ukrainian side" is not about Ukraine)."""
    found = []
    for child in phrase.children:
        if child.dep_ in ("relcl", "conj", "cc", "punct", "appos"):
            continue
        if child.pos_ in ("NOUN", "PROPN"):
            found.append(child)
        found.extend(_inner_nouns(child))
    return sorted(found, key=lambda t: t.i)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the one it shares with the verb it hangs from: coordinated verbs,
    complements ("is close to calling off"), and "by doing" adjuncts; the object of a verb
    of asking ("urged Russia to withdraw")."""
    for _ in range(6):
        # "Chile and Peru however have rejected": the parser may hang the subject on the auxiliary
        heads = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i)]
        subject = next((c for h in heads for c in h.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            return verb.head  # "troops, who shelled the town": the relative pronoun stands for its noun
        if subject is not None:
            return subject
        if verb.dep_ == "acl" and (verb.tag_ != "VBN" or any(c.dep_ == "dobj" for c in verb.children)
                                   or verb.head.dep_ == "ROOT"):
            # an active participle, or the parser misreading "The air force carried out strikes" or,
            # leaving the sentence no verb, "A parliamentary report urged an embargo"
            return verb.head
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in load_lexicon().object_control:
            asked = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if asked is not None:  # "urged Russia to withdraw": Russia would withdraw
                return asked
        reported = fronted_report(verb)
        if reported is not None:  # "X stormed the village, police said, wounding four": X wounded them
            verb = reported
        elif verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acomp") and verb.head != verb:
            verb = verb.head
        else:
            return None
    return None


def _is_country(actor: Actor | None) -> bool:
    return actor is not None and actor.country is not None and actor.code == actor.country


def _stray_subject(verb: Token, resolver: ActorResolver) -> Token | None:
    """A known name the parser took for an adverb or modifier of a verb with no subject ("USAID
    provided shelter ...": the small model tags an unfamiliar acronym RB)."""
    if verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    stray = [c for c in verb.lefts if c.dep_ in ("advmod", "npadvmod", "dep", "nmod", "compound", "amod")
             and c.ent_type_ not in ("DATE", "TIME") and resolver.resolve(c) is not None]
    return stray[-1] if stray else None


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the prepositions after a word ("On Monday, X attacked" has no target in "Monday");
    the parser makes some a dative ("provided donations to Palestinians")."""
    return [g for c in token.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps and c.i > token.i
            for g in c.children if g.dep_ == "pobj"]


def _content_object(noun: Token) -> Token:
    """What an abstract object is about: "claimed responsibility for the attack", "brought charges
    against the minister", "expressed optimism about a deal"."""
    if noun.pos_ != "NOUN":
        return noun
    inner = _prep_objects(noun, CONTENT_PREPS)
    return inner[0] if inner else noun


def _prep_order(entry: Entry) -> tuple[set[str], set[str]]:
    """Talks are with a partner and on a topic ("talks with Russia on Syria"); most acts are on or
    against their target."""
    # deals and cooperation are with a partner and on a topic too ("a deal with Kenya on Somalia")
    if entry.code[:2] in RECIPROCAL_ROOTS or entry.code in PARTNER_CODES or entry.code in MUTUAL_DEALS:
        return RECIPROCAL_PREPS, TARGET_PREPS
    return TARGET_PREPS, RECIPROCAL_PREPS


def _arguments(token: Token, entry: Entry, resolver: ActorResolver, lexicon: Lexicon):
    """(source, target, reciprocal) actors of a trigger. An argument that names no known actor
    ("a car bomb", "the proposal") is still given as its words, so the record shows what the text
    said did it or suffered it."""
    find = {"VERB": _verb_arguments, "NOUN": _noun_arguments, "ADJ": _adjective_arguments}[entry.pos]
    source, target, reciprocal, subjects, objects = find(token, entry, resolver, lexicon)
    if target is None and objects and entry.code.startswith(PROTEST_ROOT):
        # "a sit-in against abuses by the border police", "in protest against fees set by the
        # ministry": a protest is aimed at whoever did what it protests
        target, _ = _first_actor(_doers(objects[0]), resolver)
    if source is None and subjects:
        source = resolver.words(subjects[0])
    if target is None and objects:
        # "opened an information war against Ivar Kallasmaa": a person or body named is acted on, not the means
        named = next((o for o in objects if o.pos_ == "PROPN" and o.ent_type_ in ("PERSON", "ORG")), None)
        first = objects[0] if named is None else named
        target = resolver.words(_content_object(first) if first.dep_ == "dobj" else first)
    source, target = (_before_act(a, token) for a in (source, target))
    return source, target, reciprocal


def _before_act(actor: Actor | None, trigger: Token) -> Actor | None:
    """Words that take in the trigger name the act, not who did it or suffered it ("joint military
    exercises", "Wednesday's assault"); a phrase the act's verb follows ends before it ("a Swedish
    parliamentary report urged an embargo", parsed as one phrase). A known actor's phrase may
    take in a noun act ("coalition air strikes")."""
    if actor is None or actor.identified and trigger.pos_ != "VERB" or not actor.start <= trigger.idx < actor.end:
        return actor
    if trigger.pos_ != "VERB":
        return None
    text = actor.text[: trigger.left_edge.idx - actor.start].rstrip(" ,;:")
    return replace(actor, text=text, end=actor.start + len(text)) if text else None


# Each finder gives (source, target, reciprocal, subjects, objects): the actors found, and the
# argument words they were sought in, whose first stands in as words when no actor was found.
def _verb_arguments(token: Token, entry: Entry, resolver: ActorResolver, lexicon: Lexicon) -> tuple:
    """Subject and objects of a verb trigger, and failing those the clauses and phrases it governs."""
    source = target = None
    reciprocal = False
    subjects: list[Token] = []  # the syntactic arguments, in order of preference
    objects: list[Token] = [c for c in token.children if c.dep_ == "nsubjpass"]
    given: list[Token] = []  # a thing handed over ("gave $5 million to ..."): its words only if nothing else
    # "held captive in Libya, have been freed by Libya forces": a passive verb coordinated with
    # another shares its subject, which the parser hangs on the first
    passive = bool(objects) or any(c.dep_ == "auxpass" for c in token.children) \
        and not any(c.dep_ in ("nsubj", "csubj") for c in token.children)
    # "supplies donated by the Norwegians": a participle with its agent is a passive too
    passive = passive or token.dep_ == "acl" and token.tag_ == "VBN" and bool(_prep_objects(token, {"by"}))
    if passive:
        shared = _subject(token) if not objects else None
        objects = objects or ([shared] if shared is not None else [])
        if token.lemma_.lower() in lexicon.recipient_verbs:  # "the manuscript was returned to Peru"
            objects = _prep_objects(token, RECIPIENT_PREPS) + objects
        subjects = _prep_objects(token, {"by"})
        if not subjects and entry.code.startswith(STATE_ACTS):  # "was arrested in Rwanda": by Rwanda's state
            subjects = [p for p in _prep_objects(token, {"in", "from"}) if _is_country(resolver.resolve(p))]
        if not subjects and objects and lexicon.names_act(objects[0]):
            # "Washington's sanctions on Cuba were eased": whose the act was, and on whom
            act = objects[0]
            subjects = [c for c in act.children if c.dep_ in ("compound", "amod", "nmod", "poss")]
            objects = _prep_objects(act, TARGET_PREPS)
        target, _ = _first_actor(objects, resolver)
        source, _ = _first_actor(subjects, resolver)
        if source is None and entry.code.startswith(FORCE_MOVES) and target is not None and target.role in FORCE_ROLES:
            # "UN peacekeepers were flown in to relieve X": forces moved by no one named are the ones acting
            source, subjects = target, objects
            objects = _prep_objects(token, DESTINATION_PREPS)
            target = _first_actor(objects, resolver)[0] or _phrase_target(token, source, resolver)
    else:
        subject = _subject(token) or _stray_subject(token, resolver)
        # "Okello and the Ugandan army attacked ...": a known party of a coordinated subject
        subjects = [subject, *subject.conjuncts] if subject is not None else []
        source, source_token = _first_actor(subjects, resolver)
        if source is None and token.dep_ == "acl" and token.head.dep_ == "dobj":
            # "issued a statement calling on X", "approved a resolution criticizing X": its author acts
            author = _subject(token.head.head)
            source, source_token = _first_actor([author] if author is not None else [], resolver)
            subjects = [author] if source is not None else subjects
        direct = [c for c in token.children if c.dep_ in ("dobj", "dative")]
        if not direct:  # "called Foreign Minister Lavrov to discuss": the parser's object predicate
            direct = [c for c in token.children if c.dep_ == "oprd"]
        # "provided training to AMISOM": the parser makes "to" the dative; its object is the actor
        direct = [g for c in direct for g in ([c] if c.pos_ != "ADP" else
                                               [g for g in c.children if g.dep_ == "pobj"])]
        about: list[Token] = []
        if entry.object:  # "expressed optimism about a deal": an object the entry names is part of the act
            named = [o for o in direct if o.lemma_.lower() in entry.object and resolver.resolve(o) is None]
            about = _authors(named) + [p for o in named for p in _prep_objects(o, ABOUT_PREPS)]  # "accusations by X"
            # the parser may hang "at X" on the verb, and the author of a named claim ("denied charges by X")
            about += _prep_objects(token, ABOUT_PREPS | SOURCE_PREPS) if named else []
            if named and entry.code.startswith(TERRITORIAL_CODES):  # "lifted the curfew in Jaffna"
                about += [p for o in [*named, token] for p in _prep_objects(o, TERRITORY_PREPS)]
            about = [a for a in about if a.ent_type_ not in ("DATE", "TIME")]  # "rejected the plan on Tuesday"
            if named and not about and entry.code == DENIAL:  # "rejected accusations of racism": no accuser named
                return source, None, False, subjects, []
            # "will not end their strike": an act the entry names is no one acted on; "freed prisoners" are
            acts = [o for o in named if lexicon.names_act(o)]
            if about or acts:
                direct = about + [o for o in direct if o not in (named if about else acts)]
        recipients = []
        if token.lemma_.lower() in lexicon.recipient_verbs:  # "returned two Mayan statues to Guatemala"
            recipients = _recipients(token, direct)
            equipped = [o for o in direct if o.dep_ == "dobj" and _prep_objects(token, {"with"})
                        and is_named(resolver.resolve(o))]
            if equipped:  # "provided the Lebanese army with vehicles": the object receives what "with" names
                recipients = equipped
            given = [o for o in direct if o not in recipients and resolver.resolve(o) is None]
            direct = recipients + [o for o in direct if o not in given]
        if entry.prep in ADDRESSEE_PREPS:  # "called on Kenyan leaders to follow the late President Moi"
            direct = _prep_objects(token, {entry.prep}) + direct
        target_token = None
        if entry.petrarch:  # PETRARCH's target: the verb phrase's first actor, whatever its preposition
            target = _phrase_target(token, source, resolver)
        else:
            # "will hand a kidnapped engineer and a Turkish nurse to the Red Cross": a known
            # party among the objects' conjuncts comes before the prepositions
            target, target_token = _first_actor([t for o in direct for t in (o, *o.conjuncts)], resolver)
            if target is not None and _own_means(target, source):
                places = _prep_objects(token, DESTINATION_PREPS)
                destination, _ = _first_actor(places, resolver)
                if destination is not None and is_named(destination):
                    target = destination
                elif places and _own_forces(target_token, target, source):  # "withdraw its soldiers from Badme"
                    target = destination or resolver.words(places[0])
                elif entry.code.startswith(FORCE_MOVES) and _own_forces(target_token, target, source):
                    # "mobilized the army for an assault on X", X known or not
                    aimed = next((t for t in token.subtree if t.dep_ == "pobj" and t.head.lower_ in AIM_PREPS), None)
                    target = _phrase_target(token, source, resolver) or (resolver.words(aimed) if aimed else target)
        if target is None and direct and direct[0].pos_ == "PROPN" and direct[0].ent_type_ in NAME_TYPES:
            target = resolver.words(direct[0])  # "accused Gulen of plotting against the state": Gulen, if unknown
        objects = list(direct)
        if target is None:  # "rejected accusations by Caracas against Brazil", "welcomed Chile's offer"
            target, _ = _first_actor(_authors(direct[:1]), resolver)
        # "reached a deal on the Gibraltar border": what a mutual act is about is no party to it
        topic = target is not None and entry.code in MUTUAL_DEALS and target_token in about
        for preps in _prep_order(entry):  # "imposed sanctions on Iran", "suspended cooperation with Chile"
            prep_objects = _prep_objects(token, preps) + [p for o in direct for p in _prep_objects(o, preps)]
            objects += prep_objects
            if target is None:
                target, _ = _first_actor(prep_objects, resolver)
                reciprocal = target is not None and preps is RECIPROCAL_PREPS
                topic = target is not None and preps is TARGET_PREPS and entry.code in MUTUAL_DEALS
        if (not _identified(target) or topic) and _reciprocal_code(entry.code) or target is None and entry.petrarch:
            # "X and Y met", "X and Y signed a deal": a mutual act between co-subjects is between them,
            # not on the thing agreed; PETRARCH codes any compound subject with no target so
            partner = _first_actor(source_token.conjuncts, resolver)[0] if source_token is not None else None
            partner = partner or (_co_party(source, token, resolver) if _reciprocal_code(entry.code) else None)
            # "X and Y agreed to lift tariffs on Z": an act they agree to do to another is on that other;
            # "agreed to share intelligence on Z" stays between them
            framed = _complement_target(token, source, resolver) \
                if partner is not None and not entry.petrarch and not _mutual_clause(token, lexicon) else None
            if partner is not None and not _identified(framed):
                target, reciprocal = partner, True
        if target is None and recipients:  # "gave cash to some 900 households": whoever receives
            target = resolver.words(recipients[0])
        # "beat a shopkeeper to death at a market in eastern Kenya": whoever it is done to is the
        # target, known or not, before the place where it happened
        struck = target is None and entry.code.startswith(PERSON_ACTS) and bool(direct) \
            and not lexicon.names_act(direct[0])
        if target is None:  # "rejected a request by X", "accepted an invitation to meet X": X
            inner_nouns = [t for o in direct for t in _inner_nouns(o)
                           if not (struck and t.dep_ == "pobj" and t.head.lower_ in PLACE_PREPS)]
            target, inner = _first_actor(inner_nouns, resolver)
            target = None if target is not None and _own_forces(inner, target, source) else target  # "half of its troops"
        if target is None and not struck:  # "withdrew its troops from Iraq", "returned the skulls to Peru"
            others = _prep_objects(token, OTHER_PREPS) + [p for o in direct for p in _prep_objects(o, OTHER_PREPS)]
            target, _ = _first_actor(others, resolver)
        if target is None and not struck:
            target = _complement_target(token, source, resolver)
        if target is None and not struck:  # "sent lorries and a field hospital to Ghana": deeper in the phrase
            target = _phrase_target(token, source, resolver)
        if target is None and not struck and token.dep_ in ("xcomp", "advcl"):  # "called Chancellor Scholz to discuss"
            target, _ = _first_actor([c for c in token.head.children if c.dep_ in ("dobj", "oprd")], resolver)
    return source, target, reciprocal, subjects, objects + given


def _mutual_clause(verb: Token, lexicon: Lexicon) -> bool:
    """Whether the clause a verb frames is a mutual act ("agreed to hold joint exercises"), or there is none."""
    framed = _framed_verb(verb)
    if framed is None:
        return True
    entries = (lexicon.match(t) for t in framed.subtree)
    return any(e is not None and _reciprocal_code(e.code) for e in entries)


def _authors(objects: list[Token]) -> list[Token]:
    """Whose an object is: the possessor or "by"/"from" agent of a noun object, who is answered
    when it is a claim, request or offer and affected when it is a thing of theirs ("his" is the
    subject's own)."""
    return [g for o in objects if o.pos_ == "NOUN"
            for g in [c for c in o.children if c.dep_ == "poss" and c.pos_ != "PRON"] + _prep_objects(o, {"by", "from"})]


def _doers(noun: Token) -> list[Token]:
    """Whose a thing is or who made it: its authors, and the agent of a participle describing it
    ("laws imposed by the government")."""
    made = [g for c in noun.children if c.dep_ == "acl" for g in _prep_objects(c, {"by"})]
    return _authors([noun]) + made


def _adjective_arguments(token: Token, entry: Entry, resolver: ActorResolver, lexicon: Lexicon) -> tuple:
    """The subject of a predicate adjective and what it is about: "the ministry is skeptical of the
    plan", "said it was pessimistic that talks would resume" (the clause's subject)."""
    subject = _subject(token.head) if token.dep_ == "acomp" else _subject(token)
    subjects = [subject] if subject is not None else []
    source, _ = _first_actor(subjects, resolver)
    objects = _prep_objects(token, ABOUT_PREPS | {"of", "by"})
    objects += [g for c in token.children if c.dep_ == "ccomp" for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    target, _ = _first_actor(objects, resolver)
    return source, target, False, subjects, objects


def _recipients(verb: Token, direct: list[Token]) -> list[Token]:
    """Who receives what a verb of handing over hands over: its dative ("gave Kenya a loan") or the
    object of "to", "with" or "into", on the verb or on the thing handed ("supplied rifles to the
    militia"), also after the last of several things ("sent trucks and a unit of engineers to
    Malawi")."""
    datives = [c for c in direct if c.dep_ == "dative" or c.dep_ == "pobj" and c.head.dep_ == "dative"]
    handed = [t for o in direct if o not in datives for t in (o, *o.conjuncts)]
    handed += [g for t in handed for g in _prep_objects(t, {"of"})]
    return [*datives, *_prep_objects(verb, RECIPIENT_PREPS), *(p for o in handed for p in _prep_objects(o, RECIPIENT_PREPS))]


def _noun_arguments(token: Token, entry: Entry, resolver: ActorResolver, lexicon: Lexicon) -> tuple:
    """Possessor, "by" and prepositional objects of a noun trigger, and the subject of the verb
    it is the object of ("launched an attack on X")."""
    target = None
    reciprocal = False
    objects: list[Token] = []
    # "launched a mediation effort between X and Y": the act's phrase is headed by its frame noun
    trigger = token
    if token.dep_ == "compound" and token.head.lemma_.lower() in lexicon.frame_nouns:
        token = token.head
    first = trigger.i - len(entry.lemmas) + 1  # "declared a state of emergency": "state" heads the phrase
    while first <= token.head.i < trigger.i:
        token = token.head
    subjects = [c for c in token.children if c.dep_ == "poss"] + _prep_objects(token, SOURCE_PREPS)
    source, _ = _first_actor(subjects, resolver)
    partner_token = None
    for preps in _prep_order(entry):
        prep_objects = _prep_objects(token, preps)
        objects += prep_objects
        if target is None:
            target, partner_token = _first_actor(prep_objects, resolver)
            reciprocal = target is not None and preps is RECIPROCAL_PREPS
    phrase = token  # "began a new round of joint exercises": the phrase hangs from the verb through "round"
    while phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.lemma_.lower() in lexicon.partitive_nouns:
        phrase = phrase.head.head
    verb = governing_verb(phrase)
    subject = _subject(verb) if phrase.dep_ in ("dobj", "pobj", "nsubjpass") else None
    if phrase.dep_ == "nsubj" and verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in lexicon.light_source:
        # "declared a state of siege to begin at midnight": the parser makes the act the subject
        # of the infinitive; whoever declared it imposed it
        verb = verb.head
        subject = _subject(verb)
    verb_lemma = verb.lemma_.lower()
    if subject is not None and verb_lemma in lexicon.light_target:  # "came under attack"
        target = target or resolver.resolve(subject)
        objects.insert(0, subject)
    elif subject is not None and source is None:  # "launched an attack", "after talks with"
        subjects.append(subject)
        source = resolver.resolve(subject)
        if source is not None and target is None and verb_lemma in lexicon.light_source:
            target, _ = _first_actor(list(subject.conjuncts), resolver)
            reciprocal = target is not None
    if source is None and reciprocal and partner_token is not None and partner_token.head.lower_ == "between":
        # "the summit between the EU and Turkey", "cooperation between X and Y": both parties are named there
        other, _ = _first_actor(partner_token.conjuncts, resolver)
        if other is not None:
            subjects.append(partner_token)
            source, target = target, other
    if target is None and _reciprocal_code(entry.code):
        target = _co_party(source, token, resolver)
        reciprocal = target is not None
    if source is None:  # "coalition strikes", "Russian air raids", "rebel attacks"
        modifiers = [c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod") and c.i < trigger.i]
        source, _ = _first_actor(modifiers, resolver)
        if source is not None and source.code in ACT_DESCRIBERS:  # "child abductions", "humanitarian aid"
            source = None
    if target is None and verb_lemma in lexicon.light_source:
        light_objects = _prep_objects(verb, TARGET_PREPS | RECIPROCAL_PREPS)
        objects += light_objects
        target, _ = _first_actor(light_objects, resolver)
    if target is None and token.dep_ == "dobj" and verb_lemma not in lexicon.light_source:
        # "imposed blockades on the ports", "provided donations to Palestinians"
        verb_objects = _prep_objects(verb, TARGET_PREPS)
        objects += verb_objects
        target, _ = _first_actor(verb_objects, resolver)
    # Who the act falls on, known or not: "an air raid left 62 troops killed", "a car bomb killed X",
    # "held 40 villagers as human shields inside the town" (not the town).
    struck = [c for c in token.head.children if c.dep_ == "dobj"] if token.dep_ == "nsubj" else []
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        held = token.head.head  # the parser hangs "as" on the verb or on its object
        struck = [held] if held.pos_ in ("NOUN", "PROPN") else [c for c in verb.children if c.dep_ == "dobj"]
        target = None if struck else target
        if source is None and held.pos_ in ("NOUN", "PROPN") and _subject(held.head) is not None:
            subjects.append(_subject(held.head))
            source = resolver.resolve(subjects[-1])
    if target is None and struck:
        objects[:0] = struck
        target, _ = _first_actor(struck, resolver)
    if target is None and not struck:  # "a curfew in parts of Jaffna", "the main donor of food aid in Chad"
        others = [o for o in _prep_objects(token, OTHER_PREPS) if not first <= o.i <= trigger.i]
        # the place a curfew is imposed on, named or not ("declared a state of siege on Sunday in
        # X"), and where forces are held ready ("stayed on alert in the border county")
        if entry.code.startswith(TERRITORIAL_CODES + FORCE_POSTURES):
            others += _prep_objects(verb, TERRITORY_PREPS)
            objects += others
        target, _ = _first_actor(others, resolver)
    if target is None and not struck and not objects:  # "an appeal to help people in Ethiopia", "a mediation effort to end the rift between X and Y"
        for purpose in _purposes(token) + (_purposes(verb) if token.dep_ == "dobj" else []):
            target = _phrase_target(purpose, source, resolver)
            if target is not None:
                break
    return source, target, reciprocal, subjects, objects


def _purposes(word: Token) -> list[Token]:
    """The infinitive clauses saying what a word is for ("an effort to end the rift", "sent aid to help")."""
    return [c for c in word.children if c.dep_ in ("acl", "advcl") and c.i > word.i
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]


def _co_party(source: Actor | None, trigger: Token, resolver: ActorResolver) -> Actor | None:
    """The second party named inside the source's own phrase of a mutual act ("the Russian and US
    navies began joint exercises", "UK and EU negotiators agreed a deal")."""
    if not _identified(source):
        return None
    members = _members(source, resolver, trigger.sent)
    if len(members) > 1:
        return members[1]
    # names the parser hangs side by side on the head ("UK and EU negotiators"): the one not coded as the phrase
    doc, named = trigger.doc, []
    for i, mention in sorted(resolver.mentions.items()):
        if source.start <= doc[i].idx < source.end and mention.span.start == i:
            named.append(doc[i])
    for first, second in zip(named, named[1:]):
        if re.search(r",|\band\b", doc[first.i:second.i].text):
            for token in (first, second):
                actor = resolver.resolve(token)
                if _identified(actor) and actor.code != source.code:
                    return actor
    return None


def _own_means(actor: Actor, source: Actor | None) -> bool:
    """Whether an object is the actor's own forces or staff, moved rather than acted on ("sent a
    military platoon to Kuwait", "withdrew its troops from Iraq", "mobilised the army against X")."""
    return not is_named(actor) or (source is not None and actor.country is not None
                                   and actor.country == source.country and actor.code != source.code)


def _own_forces(head: Token, actor: Actor, source: Actor | None) -> bool:
    """Whether a phrase names the source's own forces or means, moved or given rather than acted
    on: "is willing to pull its soldiers back from the border", "to provide our expertise", "pulled
    out Chadian soldiers" said of Chad, "is ready to send troops"."""
    if is_named(actor):
        return False
    if head.pos_ in ("NUM", "PRON", "DET", "ADJ") or head.lemma_.lower() in PORTIONS:  # "some of its troops"
        head = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), head)
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children) and head.lemma_.lower() not in PEERS:
        return True  # "its troops", "our expertise"
    own_role = role_in([head])  # forces themselves, not "a military base"
    if own_role is None or own_role[0] not in FORCE_ROLES or source is None:
        return False
    # "is ready to send troops", "the UN withdrew peacekeepers": forces of no stated country are the actor's own
    return actor.country is None or actor.country == source.country and actor.code != source.code


def _complement_target(verb: Token, source: Actor | None, resolver: ActorResolver) -> Actor | None:
    """The actor an act is done to through the clause it frames: "is considering sending aid to
    North Korea", "refused to lift sanctions on Iran", "said Sudan must protect civilians" (the
    complement's own subject, unless it is the speaker again: "said he would call on the Council")."""
    framed = [g for c in verb.children for g in ([c] if c.dep_ != "acomp" else c.children)]  # "is ready to send"
    for clause in framed:
        if clause.dep_ not in COMPLEMENT_DEPS or clause.i < verb.i:
            continue
        if _in_time_clause(clause, verb):  # "before Britain leaves": when, not whom
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        actor = resolver.resolve(subject) if subject is not None else None
        # the speaker's own side acting is no target: "the prime minister announced that the
        # government will extend the curfew in Jamaica" is about Jamaica
        if _identified(actor) and not _same_actor(actor, source) and not _own_side(actor, source):
            return actor
        actor = _phrase_target(clause, source, resolver)
        if actor is not None:
            return actor
    return None


def _in_time_clause(token: Token, top: Token) -> bool:
    """Whether a word below a verb is in a clause that only says when or why ("before X votes",
    "after X protested", "because X refused")."""
    for node in [token, *token.ancestors]:
        if node == top:
            return False
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in node.children):
            return True
    return False


def _own_side(actor: Actor, source: Actor | None) -> bool:
    """Whether an actor is the source's own body: the same code, or its sector with no country given."""
    if source is None:
        return False
    if actor.code == source.code and actor.code != actor.role:  # a bare role ("GOV") names no side
        return True
    return source.country is not None and actor.country is None and actor.role is not None and actor.role == source.role


def _same_actor(actor: Actor, other: Actor | None) -> bool:
    return other is not None and (actor.code, actor.name) == (other.code, other.name)


def _phrase_target(verb: Token, source: Actor | None, resolver: ActorResolver) -> Actor | None:
    """PETRARCH's target: the first actor in the verb phrase, however deep ("denounced a raid by
    Rohan troops", "set off for Bree", "voiced hope that Rohan ..."), else the first after it in the
    phrase the verb completes ("is about to resume ties with Bree, a year after Rohan protests ...":
    the parser hangs the "after" clause on "is")."""
    phrase = verb
    for _ in range(4):
        for token in phrase.subtree:
            if token.i <= verb.i or token.pos_ not in ("NOUN", "PROPN") or token.dep_ in NON_HEAD_DEPS:
                continue  # "Gondor's government": the phrase's head decides
            if _in_time_clause(token, phrase):  # "agreed a pact, days before Bree votes"
                continue
            actor = resolver.resolve(token)
            if actor is not None and (source is None or actor.code != source.code) and not _own_side(actor, source) \
                    and not _own_forces(token, actor, source):
                return actor
        if phrase.dep_ not in ("xcomp", "acomp"):
            return None
        phrase = phrase.head
    return None


def _petrarch_actors(verb: Token, entry: Entry, source: Actor | None, target: Actor | None,
                     resolver: ActorResolver) -> tuple[Actor | None, Actor | None]:
    """Source and target as PETRARCH reads a dictionary pattern: a passive with no "by" agent is
    read as written ("Rohan was criticized over its quarrel with Bree": Rohan, then Bree),
    the source is any subject that names an actor, and the pattern's `$` and `+` overrule both."""
    if any(c.dep_ == "nsubjpass" for c in verb.children) and not _prep_objects(verb, {"by"}):
        source = None
    if not _identified(source):
        source = _petrarch_source(verb, resolver) or source
        target = _phrase_target(verb, source, resolver) if _identified(source) else target
    return _placed_actors(verb, entry, source, target, resolver)


def _petrarch_source(verb: Token, resolver: ActorResolver) -> Actor | None:
    """PETRARCH's source where the parse's subject names no actor: another subject ("Wolves,
    bears, and Rohan" parsed as two), a pronoun ("Rohan said it would act") standing for the
    subject of the clause above; a verb with no subject takes the noun phrase the parser hung
    before it ("Rohan act on ..." read as a compound)."""
    subject = _subject(verb)
    if subject is None:
        # "Rohan was sharply criticized": the parser gave the auxiliary the subject
        lefts = [*verb.lefts, *(g for c in verb.lefts if c.dep_ in ("aux", "auxpass") for g in c.lefts)]
        left = sorted((c for c in lefts if c.pos_ in ("NOUN", "PROPN") and c.dep_ != "npadvmod"), key=lambda t: t.i)
        actor, _ = _first_actor(reversed(left), resolver)
        return actor
    if subject.pos_ == "PRON":
        above = _subject_above(verb)
        return resolver.resolve(above) if above is not None else None
    others = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != subject.i]
    actor, _ = _first_actor([subject, *subject.conjuncts, *others], resolver)
    return actor


def _placed_actors(verb: Token, entry: Entry, source: Actor | None, target: Actor | None,
                   resolver: ActorResolver) -> tuple[Actor | None, Actor | None]:
    """A dictionary pattern that says where its actors stand (`- + * FROM $`: the target before the
    verb, the source after FROM) overrules the parse's reading. Each marker takes the first phrase
    of its words that names an actor, after those its `^` pass over (`* EID AT ^ WITH +`)."""
    pattern = entry.pattern
    if pattern is None or not pattern.places_actors:
        return source, target
    placed: dict[str, tuple[Actor, Token]] = {}
    heads = {c.root.i for c in verb.sent.noun_chunks}
    taken: dict[tuple[int, ...], int] = {}  # markers on the same words take their phrases in turn
    for kind, words in pattern.regions(verb) or ():
        key = tuple(t.i for t in words)
        phrases = [t for t in words if t.i in heads]
        at = taken.get(key, 0)
        if kind == "^":
            taken[key] = at + 1
            continue
        for n, phrase in enumerate(phrases[at:], at):
            actor = resolver.resolve(phrase)
            if actor is not None:
                placed[kind] = (actor, phrase)
                taken[key] = n + 1
                break
    if "+" in placed:
        target, target_token = placed["+"]
        subject = _subject(verb)
        # "X noted that + VERB": the verb's subject is the target, so X is the source
        if "$" not in placed and subject is not None and target_token.i == subject.i:
            above = _subject_above(verb)
            source = resolver.resolve(above) if above is not None else None
    if "$" in placed:
        source = placed["$"][0]
    return source, target


def _subject_above(verb: Token) -> Token | None:
    """The subject of the nearest clause above the verb's own."""
    own = _subject(verb)
    for ancestor in verb.ancestors:
        subject = _subject(ancestor) if ancestor.pos_ in ("VERB", "AUX") else None
        if subject is not None and (own is None or subject.i != own.i):
            return subject
    return None


def _attribution(candidate: Candidate, resolver: ActorResolver) -> Actor | None:
    verb = candidate.attribution_verb
    if verb is None:  # "according to X" or ", X said" below the event, else a direct quote's speaker
        holder = source_below(candidate.token)
        actor = resolver.resolve(holder) if holder is not None else quoted_speaker(candidate.token, resolver)
        resolver.note_speaker(actor)
        return actor
    if verb.lemma_.lower() == "accord":  # "according to X"
        holder = next((g for c in verb.children for g in ([c] + list(c.children)) if g.dep_ == "pobj"), None)
    else:
        holder = _subject(verb)
    actor = resolver.resolve(holder) if holder is not None else None
    resolver.note_speaker(actor)
    return actor


def _identified(actor: Actor | None) -> bool:
    return actor is not None and actor.identified


def _actor_token_ids(source: Actor | None, target: Actor | None, sentence: Span) -> set[int]:
    ids = set()
    for actor in (source, target):
        if not _identified(actor):  # "the enclave of eastern Ghouta" is a place as well as words
            continue
        for t in sentence:
            if actor.start <= t.idx < actor.end and not _placed_within(t, actor):
                ids.add(t.i)
    return ids


def _placed_within(token: Token, actor: Actor) -> bool:
    """Whether a word of an actor's span is in a phrase that places it ("the embassy in Kabul"):
    such a word may name the event's place."""
    for node in [token, *token.ancestors]:
        if not actor.start <= node.idx < actor.end:
            return False
        if node.dep_ in ("prep", "acl") and node.lower_ != "of":
            return True
    return False


def _add_date(event: Event, token: Token, clause: Clause) -> None:
    """The date attached to the event's clause chain, else the sentence's, else the last date of
    the paragraph so far ("On 20 June ... The drone was downed"), else publication."""
    chain = {token.i, governing_verb(token).i} | {a.i for a in token.ancestors}
    dates = clause.dates
    chosen = next((d for d in dates if d.anchor.i in chain), None) or (dates[0] if dates else clause.focus)
    if chosen is not None:
        event.date, event.date_precision = chosen.value, chosen.precision
    elif clause.document.published is not None:
        event.date, event.date_precision = clause.document.published.isoformat(), "publication"


def _confidence(event: Event, token: Token) -> float:
    score = 0.3
    score += 0.15 if _identified(event.source) else 0
    score += 0.15 if _identified(event.target) else 0
    score += PROMINENCE * _prominence(token)
    score += 0.05 if event.quad_class in (3, 4) and event.cameo[:2] != "01" else 0
    if event.realis not in ("asserted",):
        score -= 0.1
    return max(0.05, min(score, 0.99))


def _prominence(token: Token) -> float:
    """How directly the sentence asserts a trigger: 1 for its main verb, the act it reports or
    frames ("said it would send", "agreed to lift") and the act its light verb names ("launched an
    attack"); less for an act inside a phrase ("in the attack") and least in a clause that only
    sets it in time or describes a participant ("after rebels shelled the town", "a fire that killed")."""
    steps = 0.0
    for node in [token, *token.ancestors]:
        if node.dep_ == "ROOT":
            break
        steps += HOP_COSTS.get(node.dep_, 1.0)
    return 1 / (1 + steps)


def statement_token(sentence: Span, lexicon: Lexicon) -> Token | None:
    for token in sentence:
        if token.lemma_.lower() in lexicon.reporting and token.pos_ in ("VERB", "AUX") and _subject(token) is not None:
            return token
    return None


def _statement_event(clause: Clause, resolver: ActorResolver, lexicon: Lexicon) -> Event | None:
    """A reporting-only sentence codes as a CAMEO 010 statement by its speaker."""
    sentence = clause.sentence
    token = statement_token(sentence, lexicon)
    if token is None:
        return None
    speaker = resolver.resolve(_subject(token))
    if speaker is None:
        return None
    resolver.note_speaker(speaker)
    addressee, _ = _first_actor([c for c in token.children if c.dep_ in ("dobj", "dative")], resolver)
    addressee = addressee or _complement_target(token, speaker, resolver)
    code = lookup("010")
    event = Event(
        doc_id=clause.document.id, sentence_index=clause.index,
        sentence=TextSpan(sentence.text, sentence.start_char, sentence.end_char),
        trigger=TextSpan(token.text, token.idx, token.idx + len(token.text)),
        rule="statement", cameo=code.code, type=None, mode=None, context=[],
        quad_class=code.quad_class, penta_class=code.penta_class, goldstein=code.goldstein,
        source=speaker, target=addressee, realis="asserted",
    )
    event.confidence = 0.3
    _add_date(event, token, clause)
    return event


def _derived_accusations(events: list[Event]) -> list[Event]:
    """A named actor reporting another's use of force accuses it (CAMEO 112, "Accuse")."""
    derived, seen = [], set()
    code = lookup("112")
    for event in events:
        accuser, accused = event.attributed_to, event.source
        if event.quad_class != 4 or accuser is None or accused is None or not is_named(accuser):
            continue
        pair = (accuser.code, accused.code)
        if accuser.code == accused.code or pair in seen:
            continue
        if accuser.country is not None and accuser.country == accused.country:
            continue  # "the State Department confirmed the US suspended aid": a state telling of its own act
        seen.add(pair)
        derived.append(Event(
            doc_id=event.doc_id, sentence_index=event.sentence_index, sentence=event.sentence,
            trigger=event.trigger, rule=DERIVED_RULE, cameo=code.code,
            type=code.plover_type, mode="allege", context=list(code.plover_context),
            quad_class=code.quad_class, penta_class=code.penta_class, goldstein=code.goldstein,
            source=accuser, target=accused, date=event.date, date_precision=event.date_precision,
            location=event.location, attributed_to=accuser, realis="asserted",
            confidence=max(0.05, event.confidence - 0.25),
        ))
    return derived


def is_named(actor: Actor | None) -> bool:
    """A country, organisation or known person, not just a sector word ("a hospital official")."""
    return actor is not None and (actor.country is not None or (actor.code is not None and actor.code != actor.role))
