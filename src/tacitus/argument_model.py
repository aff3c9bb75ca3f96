"""A learned second opinion on which phrase is an event's source and which its target.

The rules of events.py pick each argument from the parse. Two binary logistic-regression models
(`source` and `target` in data/models/, trained by scripts/train_models.py on the shared CAMEO
actor sentences) score every noun-phrase head of the sentence as that argument of the trigger:
the dependency path from the trigger, the preposition it hangs on, its entity type and dependency,
whether it is a known actor, and whether the rules chose it. Where the models are sure of another
phrase than the rules' (or of one where the rules found none) that phrase is taken. They never
remove an argument the rules found.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .actors import ActorResolver
from .classifier import LinearModel
from .lexicon import fronted_report, load_lexicon
from .record import Actor

SLOTS = ("source", "target")
HEAD_POS = {"NOUN", "PROPN", "PRON", "NUM"}
# modifiers inside a phrase: the phrase's head speaks for it
NOT_HEADS = {"compound", "amod", "nummod", "det", "flat", "poss", "case"}
PATH_PREPS = {"prep", "agent"}  # a path step through these keeps its word ("prep:against")
REPORTED_CLAUSES = {"ccomp", "parataxis"}
OWN_SUBJECTS = {"nsubj", "poss"}
MAX_PATH = 5  # longer paths through the parse are all alike: "far"
# How sure a model must be of a phrase the rules did not choose, per slot, to take it instead of
# theirs or where they found none (chosen on the cross-validated folds of benchmarks/actors.py).
SURE = {"source": 0.6, "target": 0.25}
YES = "yes"
ARGUMENT_LABELS = ("no", YES)
ARGUMENT_C = 1.0  # the models' regularisation (scikit-learn's C), chosen on the same folds


def candidate_heads(sentence: Span, trigger: Token) -> list[Token]:
    return [t for t in sentence if t.pos_ in HEAD_POS and t.dep_ not in NOT_HEADS and t.i != trigger.i]


def _path(trigger: Token, head: Token) -> tuple[str, list[str], int]:
    """The dependency labels up from the trigger to the common ancestor, then down to the head;
    also the steps down and the number up."""
    up_trigger = [trigger, *trigger.ancestors]
    up_head = [head, *head.ancestors]
    depth = {t.i: k for k, t in enumerate(up_head)}
    for k, token in enumerate(up_trigger):
        if token.i in depth:
            ups = [t.dep_ for t in up_trigger[:k]]
            downs = [t.dep_ + (":" + t.lower_ if t.dep_ in PATH_PREPS else "")
                     for t in reversed(up_head[:depth[token.i]])]
            if len(ups) + len(downs) > MAX_PATH:
                return "far", [], len(ups)
            return "^".join(ups) + "|" + "v".join(downs), downs, len(ups)
    return "far", [], 9


def _inside(token: Token, actor: Actor | None) -> bool:
    return actor is not None and actor.start <= token.idx < actor.end


def candidate_features(head: Token, trigger: Token, code: str, chosen: Actor | None, other: Actor | None,
                       resolver: ActorResolver) -> list[str]:
    """`chosen` is the rules' pick for the slot being scored, `other` their pick for the other slot."""
    return head_features(head, trigger, code, resolver) + choice_features(head, code, chosen, other)


def head_features(head: Token, trigger: Token, code: str, resolver: ActorResolver) -> list[str]:
    """What the phrase is and how it stands to the trigger: the same for either slot."""
    root = code[:2]
    path, downs, ups = _path(trigger, head)
    found = [f"p={path}", f"p={path}&c={root}", f"nup={ups}", f"dep={head.dep_}", f"hdep={head.head.dep_}",
             f"ent={head.ent_type_ or '-'}", f"pos={head.pos_}", f"lem={head.lemma_.lower()}",
             "side=" + ("before" if head.i < trigger.i else "after"), f"dist={min(abs(head.i - trigger.i), 10) // 2}"]
    trigger_lemma = trigger.lemma_.lower()
    found += [f"ent={head.ent_type_ or '-'}&c={root}", f"t={trigger_lemma}&p={path}", f"c3={code[:3]}&p={path}"]
    if downs:
        found += [f"d1={downs[0]}", f"d1={downs[0]}&c={root}", f"dl={downs[-1]}", f"t={trigger_lemma}&d1={downs[0]}"]
    if head.dep_ == "pobj":
        found += [f"pp={head.head.lower_}", f"pp={head.head.lower_}&c={root}",
                  f"pp={head.head.lower_}&ent={head.ent_type_ or '-'}&c={root}"]
    known = resolver.resolve(head)
    found.append(f"known={bool(known and known.identified)}")
    if known is not None and known.role:
        found.append(f"role={known.role}")
    return found


def choice_features(head: Token, code: str, chosen: Actor | None, other: Actor | None) -> list[str]:
    """Whether the rules chose the phrase for the slot being scored, or for the other."""
    in_rule = _inside(head, chosen)
    found = [f"rule={in_rule}", f"other={_inside(head, other)}"]
    if in_rule:
        found.append(f"rule&c={code[:2]}")
    return found


def _made_to_act(trigger: Token, source: Actor | None) -> bool:
    """"forced Israel to release": whom a verb makes act (its object) is the act's agent, whatever
    the subject of the verb above; the parse says so plainly and the rules read it."""
    return source is not None and trigger.dep_ == "xcomp" and any(
        c.dep_ == "dobj" and _inside(c, source) for c in trigger.head.children)


def _own_subject(trigger: Token, source: Actor | None) -> bool:
    """"coalition strikes USA": the trigger's own subject, a noun trigger's possessor, or a passive
    trigger's agent ("was violated by the opposition") is the source the parse states; the one
    reporting it is not."""
    if source is None:
        return False
    agents = [g for c in trigger.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    owners = [c for c in trigger.children if c.dep_ in OWN_SUBJECTS]
    if not owners and trigger.dep_ == "conj" and trigger.pos_ == "VERB":  # "stands with X and supports ...": shared
        owners = [c for c in trigger.head.children if c.dep_ == "nsubj"]
    # a pronoun subject stands for the antecedent the rules gave ("it stands ... and supports")
    return any(_inside(c, source) or c.pos_ == "PRON" and c.dep_ == "nsubj" for c in owners) \
        or any(_inside(a, source) for a in agents)


def _passive_subject(trigger: Token, target: Actor | None) -> bool:
    """"the sailors were freed by police", "held captive, have been freed by police": whom a
    passive trigger's subject names, its own or the one it shares with the verb it is coordinated
    with, is the target the parse states."""
    if target is None or not any(c.dep_ == "auxpass" for c in trigger.children):
        return False
    subjects = [c for c in trigger.children if c.dep_ == "nsubjpass"]
    if not subjects and trigger.dep_ == "conj":
        subjects = [c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_inside(s, target) for s in subjects)


def _reported(trigger: Token) -> bool:
    """Whether the trigger stands in a clause that another verb reports, or continues one reported
    before that verb ("X stormed the village, police said, wounding four")."""
    return fronted_report(trigger) is not None or any(t.dep_ in REPORTED_CLAUSES for t in (trigger, *trigger.ancestors))


def _co_party(head: Token, actor: Actor | None) -> bool:
    """Whether `head` is coordinated with the actor's words ("Ecuador and Peru agreed ..."): the
    rules have already decided how co-parties share an act."""
    return actor is not None and any(_inside(c, actor) for c in head.conjuncts)


def revise(trigger: Token, code: str, source: Actor | None, target: Actor | None, attributed: Actor | None,
           resolver: ActorResolver, models: dict[str, LinearModel]) -> tuple[Actor | None, Actor | None]:
    """The event's source and target after the models' second opinion. Whoever reports the clause
    the act is told in ("the army's command said the raid ...") is no party to it; one who
    declares it ("the authorities declared a curfew") may be."""
    if not models:
        return source, target
    chosen = {"source": source, "target": target}
    reporter = attributed if _reported(trigger) else None
    heads = [h for h in candidate_heads(trigger.sent, trigger) if not _inside(h, reporter)]
    described = [head_features(h, trigger, code, resolver) for h in heads]  # once for both slots
    for slot in SLOTS:
        model = models.get(slot)
        if model is None or not heads:
            continue
        mine, other = chosen[slot], chosen["target" if slot == "source" else "source"]
        if slot == "source" and (_made_to_act(trigger, mine) or _own_subject(trigger, mine)):
            continue
        if slot == "target" and _passive_subject(trigger, mine):
            continue
        scores = [model.probabilities(features + choice_features(h, code, mine, other))[YES]
                  for h, features in zip(heads, described)]
        best = max(range(len(heads)), key=scores.__getitem__)
        if scores[best] <= SURE[slot] or _inside(heads[best], mine) or _inside(heads[best], other) \
                or _co_party(heads[best], other):
            continue
        known = resolver.resolve(heads[best])
        if known is None and load_lexicon().names_act(heads[best]):
            continue  # "in protest against the laws": an act is no party to another
        picked = known or resolver.words(heads[best])
        if picked is not None and picked.end > picked.start:
            chosen[slot] = picked
    return chosen["source"], chosen["target"]
