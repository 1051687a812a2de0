"""Role finder of ``relational_noun`` rules."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS
from ..fillers import DocContext, Filler, Roles, loosen
from ..schema import Rule
from ..syntax import child_with
from ..words import COPULAS, PORTION_NOUNS


def relational_noun_roles(context: DocContext, noun: Token, rule: Rule) -> dict[str, list[Filler]]:
    """ "X is a rival of Y", "X, a rival of Y", "Y's rival X", "X's biggest rival - Y"."""
    if _denied(noun):
        return {"subject": [], "object": []}
    objects = context.prep_fillers(noun, rule.preps) if rule.preps else []
    owner = child_with(noun, {"poss"})
    owner_fillers = context.fillers(owner)
    subjects: list[Filler] = []
    governor = noun.head
    if noun.dep_ in {"attr", "acomp", "oprd"} or (
        noun.dep_ == "dobj" and governor.lemma_ in COPULAS
    ):
        subjects = context.fillers(child_with(governor, ACTIVE_SUBJECT_DEPS))
        aim = governor.head
        if not subjects and governor.dep_ == "pcomp" and aim.lower_ == "as":
            # "touted X as being the counterpart to Y": what the "as" is said of
            subjects = context.fillers(
                child_with(aim.head, {"dobj"}) or child_with(aim.head, ACTIVE_SUBJECT_DEPS)
            )
        if (
            not subjects
            and governor.dep_ == "xcomp"
            and aim.dep_ == "advcl"
            and child_with(aim, ANY_SUBJECT_DEPS) is None
        ):
            # "Aimed to be a rival to Y, X ...": the subject of the main clause
            subjects = loosen(context.fillers(child_with(aim.head, ACTIVE_SUBJECT_DEPS)), 0.05)
        if not objects:
            objects = context.prep_fillers(governor, rule.preps)
    elif (phrase := _as_phrase(noun)) is not None and phrase.dep_ == "pobj":
        if noun.i != phrase.i and not objects and rule.preps:
            objects = context.prep_fillers(phrase, rule.preps)  # "an alternative database to Y"
        noun, governor = phrase, phrase.head
        # "X serves as a partner of Y", "X was set up as a division of Y"
        # (with an object, the object is what it describes: "acquired Y as a unit of X")
        verb = governor.head
        if verb.i in context.mention_at and verb.dep_ not in {"pobj", "poss", "compound"}:
            # "cements X as a rival to Y": the parser hangs the "as" on the name it describes
            subjects = context.fillers(verb)
        elif governor.i < verb.i and verb.pos_ in {"VERB", "AUX"}:
            # "As an alternative to Y, X won fans": a fronted "as" describes the subject
            subjects = context.fillers(child_with(verb, ACTIVE_SUBJECT_DEPS))
        else:
            subjects = context.fillers(
                child_with(verb, {"dobj"}) or child_with(verb, ANY_SUBJECT_DEPS)
            )
        if not subjects and verb.dep_ == "advcl" and child_with(verb, ANY_SUBJECT_DEPS) is None:
            # "Billed as an alternative to Y, X signed up shops": the main clause's subject
            subjects = loosen(context.fillers(child_with(verb.head, ACTIVE_SUBJECT_DEPS)), 0.05)
        described = governor.head.head
        if not subjects and governor.head.dep_ == "acl" and described.dep_ == "attr":
            # "X was a web bank meant as an alternative to Y"
            subjects = loosen(
                context.fillers(child_with(described.head, ACTIVE_SUBJECT_DEPS)), 0.05
            )
    elif (
        noun.dep_ == "pobj"
        and governor.lower_ in {"among", "of"}
        and governor.head.dep_ in {"attr", "nsubj"}
        # "one of the units of Y", "the biggest of Y's units" (not "the buyer of Y's
        # division": the buyer is no unit)
        and (governor.lower_ == "among" or _part_word(governor.head))
    ):
        # "Corvane was among the first members", "one of the original creators of OrvellStack"
        holder = governor.head
        subjects = (
            context.fillers(child_with(holder.head, ACTIVE_SUBJECT_DEPS))
            if holder.dep_ == "attr"
            else []
        )
    elif (nearest := _after_relative_clause(context, noun)) is not None:
        # "A, which invested in X, yet another rival to Y": the parser hangs the apposition
        # (or joins it as a conjunct) on the name before the relative clause; it describes
        # the name right before its comma
        subjects = loosen(context.fillers(nearest), 0.05)
    elif noun.dep_ == "appos":
        subjects = loosen(_apposed(context, noun), 0.05)
    elif noun.dep_ in ANY_SUBJECT_DEPS and (fronted := _fronted_name(context, noun)):
        # "The fastest-growing unit of X, Y was ...": the parser gives the verb two subjects
        subjects = fronted
    elif noun.dep_ in {"compound", "amod"}:
        # "rival Halden", "a foundation responsible for X", "X, the parent company of Y"
        subjects = (
            loosen(_apposed(context, governor), 0.05)
            if governor.dep_ == "appos" and governor.i not in context.mention_at
            else context.fillers(governor)
        )
        if not objects and governor.i not in context.mention_at and rule.preps:
            objects = context.prep_fillers(governor, rule.preps)  # "the parent company of Y"
    if (
        not subjects
        and noun.dep_ in ANY_SUBJECT_DEPS
        and noun.i in context.coref_tokens
        and noun.i in context.mention_at
    ):
        # "The tech giant behind X has joined Y": the noun names, as a reference back, the
        # company it is said of
        subjects = context.fillers(noun)
    # a name compounded with the noun: its own name when a preposition names the other end
    # ("the Lumen unit of Acme"), else the other end ("an Acme subsidiary", "Acme rival Y")
    modifiers = list(noun.children)
    if noun.dep_ == "compound":
        # "the Acme subsidiary Lumen": both words modify the name
        modifiers += [c for c in governor.children if c.dep_ == "compound" and c.i < noun.i]
    named = [
        f
        for c in modifiers
        if c.dep_ == "compound" and c.i in context.mention_at and noun.i not in context.mention_at
        for f in context.fillers(c)
    ]
    if (
        named
        and objects
        and not subjects
        and any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
    ):
        subjects = named  # (not "a Platinum member of X": a grade, not a name)
    elif named and not objects and owner is None and noun.dep_ in {"appos", "compound", "attr"}:
        # (not "joined X as a Platinum member": a grade, not the other end)
        objects = named
    appositions = [
        f for c in noun.children if c.dep_ in {"appos", "nmod"} for f in context.fillers(c)
    ]
    if (
        owner is not None
        and owner.pos_ == "PRON"
        and noun.dep_ == "appos"
        and noun.head.i in context.mention_at
        and (
            named_here := [
                c for c in noun.children if c.dep_ == "appos" and c.i in context.mention_at
            ]
        )
    ):
        # "A, its unit B": the pronoun is A, the name the apposition hangs on; B alone is the
        # unit (not the clause's subject, nor the list B goes on with: "X sued A, its unit B
        # and C")
        subjects = [Filler(context.mention_at[named_here[0].i], 0.0)]
        owner_fillers = [Filler(context.mention_at[noun.head.i], 0.0)]
    if owner_fillers:
        if not subjects:
            subjects = appositions
        objects = objects or owner_fillers
    elif appositions and not subjects:
        subjects = appositions
    if objects and noun.i not in context.mention_at:
        # "a rival for OrvellStack and Halden, as well as Tovara": the parser joins
        # the last of the list to the noun itself (not when the noun ends a name, "X's Lumen
        # Initiative and the Orbit Coalition": the names are joined)
        objects = objects + [
            f
            for c in noun.children
            if c.dep_ == "conj" and c.i in context.mention_at
            for f in loosen(context.fillers(c), 0.1)
        ]
    # "Lumen Halden Networks, a venture of Lumen and Halden" with the name read in pieces:
    # what the noun is said of is not one of its own objects
    own = {f.mention.name for f in objects}
    return {"subject": [f for f in subjects if f.mention.name not in own], "object": objects}


def _part_word(holder: Token) -> bool:
    """Whether a word before "of" picks some of a group or a whole: a number, a pronoun or
    determiner ("one", "some"), a superlative or an adjective ("the first", "the largest"), a
    portion ("part")."""
    return (
        holder.pos_ in {"NUM", "PRON", "DET", "ADJ"}
        or holder.tag_ in {"JJS", "CD"}
        or holder.lemma_.lower() in PORTION_NOUNS
    )


def _apposed(context: DocContext, apposition: Token) -> list[Filler]:
    """What an apposition describes: in a list, the item right before it ("A, B, as well as
    C, the parent company of Y": C alone)."""
    whole = context.described_by(apposition)  # the list's first item alone when it goes on
    if len(whole) < 2:
        return whole
    described = apposition.head
    items = [described, *described.conjuncts]
    if len(items) < 2:
        return whole
    nearest = max((item for item in items if item.i < apposition.i), key=lambda t: t.i)
    named = context.mention_at.get(nearest.i)
    return [Filler(named, 0.0)] if named is not None else []


def _fronted_name(context: DocContext, noun: Token) -> list[Filler]:
    """The name right after a subject noun phrase and a comma that is another subject of the
    same verb: "The biggest unit of X, Y was sold" (a description put before its name)."""
    after = noun.right_edge.i + 1
    doc = noun.doc
    if after + 1 >= len(doc) or doc[after].text != ",":
        return []
    mention = context.mention_at.get(after + 1)
    root = doc[after + 1]
    while root.dep_ == "compound" and root.head.i != root.i:
        root = root.head
    if mention is None or root.head.i != noun.head.i or root.dep_ != noun.dep_:
        return []
    return [Filler(mention, 0.05)]


def _after_relative_clause(context: DocContext, noun: Token) -> Token | None:
    """The name right before the comma that opens an apposition (or a noun phrase the parser
    joined as a conjunct, with no "and"/"or" before it) when a relative clause of the noun's
    head lies between them; else None."""
    if noun.dep_ not in {"appos", "conj"} or not any(c.dep_ == "det" for c in noun.children):
        return None
    start = noun.left_edge.i
    if start < 2 or noun.doc[start - 1].text != "," or start - 2 not in context.mention_at:
        return None
    nearest = noun.doc[start - 2]
    head = noun.head
    if noun.dep_ == "conj" and any(c.dep_ == "cc" for c in head.children if c.i < noun.i):
        return None
    clauses = [c for c in head.children if c.dep_ == "relcl" and head.i < c.i < noun.i]
    if not any(c.left_edge.i <= nearest.i <= c.right_edge.i for c in clauses):
        return None
    return nearest


def _as_phrase(noun: Token) -> Token | None:
    """The object of "as" the noun heads or modifies ("as a rival", "as an alternative
    database"), else None."""
    phrase = noun
    if noun.dep_ in {"amod", "compound"} and noun.head.pos_ == "NOUN":
        phrase = noun.head
    if phrase.dep_ == "pobj" and phrase.head.lower_ == "as":
        return phrase
    return None


def _denied(noun: Token) -> bool:
    """ "X is not a rival of Y", "does not see Y as a rival", "no partner of Y": the verb
    that says what the noun is of X (or the noun's own determiner) denies it."""
    if any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in noun.children):
        return True
    if noun.dep_ in {"compound", "amod"} and noun.head.pos_ == "NOUN":
        noun = noun.head  # "is not the parent company of Y"
    governor = noun.head
    if noun.dep_ == "pobj" and governor.lower_ in {"as", "of", "among"}:
        governor = governor.head
        if governor.dep_ in {"attr", "dobj"} and governor.lower_ == "one":
            governor = governor.head  # "X is not one of Y's rivals"
    elif noun.dep_ not in {"attr", "acomp", "oprd", "dobj"}:
        return False
    elif governor.dep_ == "pcomp" and governor.head.lower_ == "as":
        governor = governor.head.head  # "does not see X as being a rival of Y"
    return any(c.dep_ == "neg" for c in governor.children)


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """A noun of a relation ("X is a rival of Y", "X, a rival of Y", "Y's rival X"). subject:
    what the noun is said of; object: the object of one of ``preps``, or the possessor."""
    return relational_noun_roles(context, trigger, rule)
