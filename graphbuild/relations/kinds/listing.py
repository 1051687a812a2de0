"""Role finder of ``listing_noun`` rules."""

from __future__ import annotations

from spacy.tokens import Token

from ...lexicon import ACTIVE_SUBJECT_DEPS, ANY_SUBJECT_DEPS
from ..fillers import DocContext, Filler, Roles, loosen
from ..modality import negated
from ..schema import Rule
from ..syntax import child_with
from ..words import COPULAS, EXAMPLE_PREPS, JOINING_VERBS, LIST_HEADS, LIST_VERBS, USING_VERBS

# Verbs whose object's list is not the subject's own: "joins members A", "uses projects such as A".
_JOINING_OR_USING = JOINING_VERBS | USING_VERBS


def listing_roles(context: DocContext, noun: Token, rule: Rule) -> dict[str, list[Filler]]:
    """ "Its clients include X and Y", "X works with clients including Y", "Acme counts
    customers like Y": the listed names and the owner of the list."""
    listed: list[Filler] = []
    governor = noun.head
    subject = noun
    if noun.dep_ == "pobj" and governor.lower_ == "of" and governor.head.dep_ == "nsubj":
        # "Highlights of their productions include X": the list is still the noun's
        subject, governor = governor.head, governor.head.head
    elif (
        noun.dep_ == "compound"
        and governor.dep_ == "nsubj"
        and governor.i not in context.mention_at
        and (governor.tag_ == "NNS" or governor.lemma_.lower() in LIST_HEADS)
        and governor.head.lemma_.lower() in LIST_VERBS
    ):
        # "Ferrow's portfolio companies include X", "its client list includes X": the noun
        # says what kind the list is of (not "its film laboratory was X")
        subject, governor = governor, governor.head
    restarted = _verb_of_paragraph_start(noun)
    if restarted is not None:
        governor = restarted
    lists_object = (
        subject.dep_ == "nsubj" or restarted is not None
    ) and governor.lemma_.lower() in LIST_VERBS
    if lists_object:
        for child in governor.children:
            if child.dep_ in {"dobj", "attr"} or (
                # "its members are Pindle, ...": the parser may take a lone first name after
                # the copula for an adjective
                child.dep_ == "acomp" and child.i in context.mention_at
            ):
                listed.extend(context.fillers(child))
            elif (
                child.dep_ == "nsubj"
                and child.i != subject.i
                and child.i in context.mention_at
                and governor.lemma_.lower() in COPULAS
            ):
                # "Among its members are A and B": the parser gives the copula two subjects
                listed.extend(context.fillers(child))
            elif child.dep_ in {"xcomp", "dobj"} and child.tag_ == "VBG":
                # "its investments include backing X, Y and Z"
                listed.extend(context.fillers(child_with(child, {"dobj"})))
    if listed and lists_object:
        listed.extend(semicolon_items(context, governor))
    if not listed and lists_object:
        listed.extend(context.fillers(_list_after_colon(governor)))
    for holder in (noun, governor) if noun.dep_ in {"dobj", "pobj"} else (noun,):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in EXAMPLE_PREPS:
                if child.lower_ == "as" and not context.such_as(child):
                    continue
                listed.extend(context.pobj_fillers(child, 0))
            elif child.dep_ in {"acl", "relcl"} and child.lemma_.lower() == "include":
                listed.extend(context.fillers(child_with(child, {"dobj"})))
    for pronoun in noun.doc[noun.i + 1 : noun.sent.end]:
        named = pronoun.head.head
        if (
            pronoun.lower_ == "them"
            and pronoun.head.lower_ in {"among", "amongst"}
            and named.i in context.mention_at
            and not [t for t in noun.doc[noun.i + 1 : pronoun.i] if t.tag_ in {"NNS", "NNPS"}]
        ):
            # "has 40 members, among them X, Y and Z": "them" is the nearest plural noun
            listed.extend(context.fillers(named))
    if noun.dep_ == "appos" and noun.tag_ == "NNS" and governor.i in context.mention_at:
        # "Pindle and Glint, both Orbita customers, ...": the names the noun describes
        listed.extend(context.fillers(governor))
    if noun.dep_ == "compound" and governor.i in context.mention_at and noun.tag_ == "NNS":
        # "founding board members Kestrel Labs, Pindle and Nixa": the names the noun heads
        listed.extend(context.fillers(governor))
    if rule.preps and noun.dep_ == "dobj":
        # "X won fans among companies such as A and B": the group the noun's instances come
        # from, named by its examples (through "the new generation of companies such as A")
        for child in (*noun.children, *governor.children):
            if child.dep_ == "prep" and child.lower_ in rule.preps:
                for group in (c for c in child.children if c.dep_ == "pobj"):
                    listed.extend(
                        context.fillers(group) or context.prep_fillers(group, frozenset({"of"}))
                    )
    if (
        not listed
        and noun.tag_ == "NNS"
        and noun.i not in context.mention_at
        # "X, which includes the games A and B": the names are X's list, not the noun's
        and not (noun.dep_ in {"dobj", "attr"} and governor.lemma_.lower() in LIST_VERBS)
    ):
        # "work from founding board members Pindle, Corvane and Tallis": a list right after
        # the noun is its instances, however the parser hung it
        listed.extend(context.fillers(context.name_at(noun.i + 1)))
    if not listed and noun.tag_ == "NNS":
        # "announced new members: A, B and C" (the parser may hang the names on the noun)
        for colon in sorted({noun.i + 1, noun.right_edge.i + 1}):
            if colon + 1 < len(noun.doc) and noun.doc[colon].text == ":":
                listed.extend(context.fillers(context.name_at(colon + 1)))
                break
    if (
        noun.dep_ == "pobj"
        and governor.lower_ in {"among", "amongst", "as"}
        and governor.head.lemma_.lower() in rule.among_verbs
    ):
        # "counts A, B and C among its members", "welcomed A and B as new members": the
        # verb's object is the list
        listed.extend(context.fillers(child_with(governor.head, {"dobj"})))
    among_copula = (
        noun.dep_ == "pobj"
        and governor.lower_ in {"among", "amongst"}
        and governor.head.lemma_.lower() in COPULAS
    )
    if among_copula:
        # "A and B are among its members": the copula's subject is listed
        listed.extend(context.fillers(child_with(governor.head, ACTIVE_SUBJECT_DEPS)))
    owner = context.fillers(child_with(noun, {"poss"}))
    if not owner and subject is not noun and noun.dep_ == "compound":
        owner = context.fillers(child_with(subject, {"poss"}))
    if not owner and subject is noun:
        # "Investors in Vextra include X", "Customers of Acme include Y"
        owner = context.prep_fillers(noun, frozenset({"in", "of"}))
    if not owner and noun.dep_ in {"dobj", "pobj"} and restarted is None and not among_copula:
        verb = governor if noun.dep_ == "dobj" else governor.head
        # (who joins members joins them as a fellow: "X joins existing members A and B"; who
        # uses projects uses others': "X uses projects such as A")
        if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() not in _JOINING_OR_USING:
            owner = loosen(context.fillers(child_with(verb, ACTIVE_SUBJECT_DEPS)), 0.1)
    if not owner and noun.i not in context.mention_at:
        # "Lumen Foundation sponsors include X", "the Orvell members such as Y": the name before
        # the noun owns the list
        owner = [
            f
            for c in noun.children
            if c.dep_ == "compound" and c.i in context.mention_at
            for f in context.fillers(c)
        ]
    if (
        not owner
        and noun.dep_ == "pobj"
        and governor.lower_ == "of"
        and governor.head.dep_ == "dobj"
        and governor.head.head.pos_ in {"VERB", "AUX"}
    ):
        # "has a history of holdings including X": the subject of the verb whose object
        # holds the "of" phrase
        owner = loosen(context.fillers(child_with(governor.head.head, ACTIVE_SUBJECT_DEPS)), 0.1)
    if not owner and listed and "owner_in_topic" in rule.options:
        owner = loosen(context.latest_body(noun), 0.1)
    if (
        not owner
        and listed
        and lists_object
        and subject is noun
        and "owner_before" in rule.options
        # (not "the other investors among the unicorns are A": the noun says whose)
        and not any(c.dep_ == "prep" and c.lower_ in {"among", "amongst"} for c in noun.children)
        # (a list that opens its sentence: "Clients include A", "Other investors are A")
        and not any(t.pos_ in {"VERB", "AUX"} for t in noun.doc[noun.sent.start : noun.i])
    ):
        # (what the sentence before was about, in the active or the passive)
        owner = loosen(context.previous_subject(noun, deps=ANY_SUBJECT_DEPS), 0.1)
    return {"listed": listed, "owner": owner}


def _verb_of_paragraph_start(noun: Token) -> Token | None:
    """ "... and Vextra<blank line>The group's members are A, B and C": after a paragraph
    without a full stop the parser runs on into the next one; a noun phrase opening a
    paragraph and followed by a list verb is that verb's subject, whatever the parse says."""
    doc = noun.doc
    start = noun.left_edge.i
    if noun.dep_ == "nsubj" or start == 0 or noun.i + 1 >= len(doc):
        return None
    before, verb = doc[start - 1], doc[noun.i + 1]
    if not (before.is_space and "\n\n" in before.text) or verb.lemma_.lower() not in LIST_VERBS:
        return None
    return verb


def _list_after_colon(verb: Token) -> Token | None:
    """ "Its portfolio companies are: A, B and C": the parser may end the sentence at the
    colon; the verbless run of names after it is the verb's object."""
    sentence = verb.sent
    doc = verb.doc
    if sentence.end >= len(doc) or doc[sentence.end - 1].text != ":":
        return None
    if any(c.dep_ in {"dobj", "attr", "acomp"} for c in verb.children):
        return None
    root = doc[sentence.end].sent.root
    return root if root.pos_ == "PROPN" else None


# dependencies of a word that describes the noun it hangs on
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss"})


def semicolon_items(context: DocContext, verb: Token) -> list[Filler]:
    """ "include backing A, which listed in 2021; top delivery startup B; and marketplaces C
    and D": a list whose items carry descriptions is cut by semicolons, which the parser
    seldom reads; the name each later item starts with (after a few words of description) is
    listed, with the names joined to it by commas or "and". Only a list that ends in "; and"
    reads so."""
    sentence = verb.sent
    cuts = [t.i for t in verb.doc[verb.i : sentence.end] if t.text == ";"]
    if len(cuts) < 2 or verb.doc[cuts[-1] + 1].lower_ not in {"and", "or"}:
        return []
    found: list[Filler] = []
    for start, end in zip(cuts, [*cuts[1:], sentence.end], strict=True):
        words = verb.doc[start + 1 : end]
        # the item's name, not a name modifying its description ("the Tony-winning show A")
        first = next(
            (
                t
                for t in words[:9]
                if (root := context.name_at(t.i)) is not None
                and not (root.dep_ in MODIFIER_DEPS and root.head.i not in context.mention_at)
            ),
            None,
        )
        if first is None or any(t.pos_ in {"PRON", "AUX"} for t in verb.doc[start + 1 : first.i]):
            continue
        names = [first]
        index = first.i
        while index < end:
            mention = context.mention_at.get(index)
            while index < end and context.mention_at.get(index) is mention:
                index += 1  # past the name
            joined = index
            while joined < end and verb.doc[joined].lower_ in {",", "and", "or"}:
                joined += 1
            if joined == index or joined >= end or joined not in context.mention_at:
                break
            names.append(verb.doc[joined])
            index = joined
        # the names themselves: the parser's links from a name in such a list lead astray
        found.extend(Filler(context.mention_at[name.i], 0.1) for name in names)
    return found


def find_roles(context: DocContext, rule: Rule, trigger: Token) -> Roles | None:
    """A noun whose list names instances ("its clients include X and Y", "clients such as
    X"). listed: the names of the list; owner: whose they are (the possessor, the object of
    "in"/"of", or the subject of the verb the noun is the object of)."""
    if _denied(trigger, rule):
        return None
    return listing_roles(context, trigger, rule)


def _denied(noun: Token, rule: Rule) -> bool:
    """ "Its members do not include X", "does not count X among its members", "its clients no
    longer include X": the verb that gives the list denies it."""
    token = noun
    for _ in range(3):
        if token.pos_ in {"VERB", "AUX"}:
            lemma = token.lemma_.lower()
            return lemma in LIST_VERBS | COPULAS | rule.among_verbs and negated(token)
        if token.head.i == token.i:
            return False
        token = token.head
    return False
