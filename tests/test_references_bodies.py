"""References back to a body by the last word of its name ("the Foundation"), and lists whose
every conjunct backs it, on real parses of invented sentences."""

from __future__ import annotations

from test_rules_real import found

from graphbuild.nlp import UNNAMED_SUBJECT


def test_references_the_body_word_names_the_body_named_before(nlp) -> None:
    triples = found(
        nlp,
        "The Orvell Foundation was set up in 2010. At the time, Brightwater Corp, Corvane Inc "
        "and Halden Group backed the OrvellStack software and The Foundation.",
    )
    for sponsor in ("Brightwater", "Corvane", "Halden Group"):
        assert (sponsor, "SPONSORS", "OrvellStack") in triples, sorted(triples)
        # a foundation is sponsored, not invested in
        assert (sponsor, "SPONSORS", "Orvell Foundation") in triples, sorted(triples)


def test_references_a_body_listed_in_the_sentence_is_not_the_one_said_again(nlp) -> None:
    triples = found(
        nlp,
        "The Orvell Foundation was set up in 2010. Brightwater Corp, the Halden Software "
        "Foundation and Corvane Inc backed The Foundation.",
    )
    assert not [t for t in triples if t[2] == "Halden Software Foundation"], sorted(triples)


def test_references_the_body_word_with_its_own_object_is_no_reference(nlp) -> None:
    triples = found(
        nlp,
        "The Orvell Foundation was set up in 2010. Brightwater Corp said the foundation of its "
        "growth was the OrvellStack software.",
    )
    assert not [t for t in triples if "Orvell Foundation" in t], sorted(triples)


def referred(nlp, text: str) -> dict[str, str]:
    """Each reference back in ``text`` (its words) and the name it was resolved to."""
    from graphbuild.nlp import COREF_KEY, make_doc

    doc = nlp(make_doc(nlp, text))
    return {span.text: span.id_ for span in doc.spans[COREF_KEY]}


def test_references_the_group_with_its_clause_is_the_body_named_before(nlp) -> None:
    text = (
        "The Orvell Alliance sets standards for radio chips. The group which include "
        "Brightwater Corp, Corvane Inc and Halden Group said that it had restricted Pindle."
    )
    assert referred(nlp, text).get("The group") == "Orvell Alliance", referred(nlp, text)
    triples = found(nlp, text)
    for member in ("Brightwater", "Corvane"):
        assert (member, "MEMBER_OF", "Orvell Alliance") in triples, sorted(triples)
    # the list in the clause is not a second subject of "said"
    assert not [t for t in triples if t[2] == "Halden Group"], sorted(triples)


def test_references_the_group_after_a_sentence_naming_two_companies_is_no_body(nlp) -> None:
    text = (
        "Brightwater Corp joined the Orvell Alliance. The group which include Corvane Inc "
        "said that it had restricted Pindle."
    )
    assert "The group" not in referred(nlp, text), referred(nlp, text)


def test_references_the_firm_is_a_company_never_a_foundation(nlp) -> None:
    text = (
        "Corvane Inc has joined the Orvell Foundation as a gold member. Corvane's "
        "entry to the foundation brings the routing project, Tarsel. In joining "
        "the foundation, the firm wins a seat on the board."
    )
    assert referred(nlp, text).get("the firm") == "Corvane", referred(nlp, text)


def test_references_the_company_is_never_a_committee(nlp) -> None:
    text = (
        "Pindle Labs sent a proposal to the Technical Steering Committee of the Orvell "
        "Foundation. Now the company is keeping that promise."
    )
    assert referred(nlp, text).get("the company") not in {
        "Technical Steering Committee",
        "Orvell Foundation",
    }, referred(nlp, text)


def test_references_its_after_paying_another_company_to_act_is_either_s(nlp) -> None:
    triples = found(
        nlp,
        "Brightwater Corp has paid Corvane Inc millions of dollars a year to make its search "
        "tool the default choice in its Pindle browser.",
    )
    assert not [t for t in triples if t[1] == "DEVELOPS"], sorted(triples)


def test_references_its_in_an_infinitive_of_its_own_subject_is_the_subject(nlp) -> None:
    text = "Brightwater Corp hired Tom Hale in May to run its Pindle browser unit."
    assert referred(nlp, text).get("its") == "Brightwater", referred(nlp, text)


def test_references_its_after_a_pronoun_in_the_same_infinitive_follows_it(nlp) -> None:
    text = (
        "Brightwater Corp said it had hired Corvane Inc to advise it about a possible sale "
        "of its Pindle Stores division."
    )
    assert referred(nlp, text).get("its") == "Brightwater", referred(nlp, text)


def test_references_an_opening_epithet_is_the_one_company_the_title_names(nlp) -> None:
    from graphbuild.nlp import COREF_KEY, TITLE_KEY, make_doc

    text = (
        "The software giant behind apps such as Pindle and Tarsel has joined the Orvell "
        "Foundation as a gold member. Corvane announced it on Monday; Brightwater Corp "
        "declined to comment."
    )
    doc = make_doc(nlp, text)
    doc.user_data[TITLE_KEY] = "Software giant Corvane joins the Orvell Foundation"
    spans = {span.text: span.id_ for span in nlp(doc).spans[COREF_KEY]}
    assert spans.get("The software giant") == "Corvane", spans
    # without a title, or with one naming two companies, no guess
    for title in (None, "Corvane and Brightwater Corp join the Orvell Foundation"):
        doc = make_doc(nlp, text)
        if title:
            doc.user_data[TITLE_KEY] = title
        spans = {span.text: span.id_ for span in nlp(doc).spans[COREF_KEY]}
        assert spans.get("The software giant") in {None, UNNAMED_SUBJECT}, spans


def test_references_the_build_hands_the_title_to_the_resolver(nlp, tmp_path) -> None:
    import json

    from graphbuild.pipeline import Builder, build_corpus

    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "id": "a",
                "title": "Software giant Corvane joins the Orvell Foundation",
                "text": "The software giant has joined the Orvell Foundation as a "
                "gold member. Corvane's admittance was announced on Monday.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    graph = build_corpus([corpus], builder=Builder(nlp=nlp)).graph
    names = {node: data["name"] for node, data in graph.nodes(data=True)}
    edges = {(names[h], d["type"], names[t]) for h, t, d in graph.edges(data=True)}
    assert ("Corvane", "MEMBER_OF", "Orvell Foundation") in edges, sorted(edges)


def test_references_a_place_epithet_is_the_company_the_story_is_about(nlp) -> None:
    text = (
        "Corvane Inc will take back control of the Pindle system. Corvane opened the software "
        "in 2008. Pindle lost ground after Brightwater Corp and Halden Group dropped it in "
        "favor of Tarsel. The Danish handset maker has stayed the main contributor."
    )
    spans = referred(nlp, text)
    assert spans.get("The Danish handset maker") == "Corvane", spans
    # "after A and B dropped it": neither subject is "it"
    assert spans.get("it") not in {"Brightwater", "Halden Group"}, spans


def test_references_a_place_epithet_with_no_clear_company_is_no_guess(nlp) -> None:
    text = (
        "Corvane Inc and Brightwater Corp both sell radios. The Danish handset maker has "
        "stayed the main contributor to the Pindle software."
    )
    assert "The Danish handset maker" not in referred(nlp, text), referred(nlp, text)


def test_references_we_in_a_quote_is_the_speaker_s_company(nlp) -> None:
    text = (
        "Corvane Inc joined the Orvell Foundation on Monday. Tom Hale, head of cloud at "
        "Corvane, said:\n\u201cWe are contributing our Pindle project to the foundation.\u201d"
    )
    spans = referred(nlp, text)
    assert spans.get("We") == "Corvane" and spans.get("our") == "Corvane", spans
    after = (
        "Corvane Inc joined the Orvell Foundation on Monday. \u201cWe are proud of our "
        "work,\u201d said Tom Hale, head of cloud at Corvane. \u201cWe will do more.\u201d"
    )
    spans = _coref(nlp, after)
    assert [name for word, name in spans if word in {"We", "our"}] == ["Corvane"] * 3, spans


def test_references_we_in_a_quote_with_two_companies_in_its_attribution_is_no_guess(
    nlp,
) -> None:
    text = (
        "Corvane Inc signed a deal with Brightwater Corp. Tom Hale, who advised Corvane in its "
        "talks with Brightwater Corp, said: \u201cWe are proud of our work.\u201d"
    )
    assert not {"We", "our"} & set(referred(nlp, text)), referred(nlp, text)


def _coref(nlp, text: str) -> list[tuple[str, str]]:
    from graphbuild.nlp import COREF_KEY, make_doc

    doc = nlp(make_doc(nlp, text))
    return [(span.text, span.id_) for span in doc.spans[COREF_KEY]]


def test_references_it_is_no_single_item_of_a_list(nlp) -> None:
    text = (
        "Founding members include Brightwater Corp, Corvane Inc, Halden Group and Pindle Labs. "
        "Due to its review process, free software has a long line of contributors."
    )
    assert "its" not in referred(nlp, text), referred(nlp, text)


def test_references_an_object_epithet_is_not_what_its_clause_subject_is(nlp) -> None:
    text = (
        "Brightwater Corp, which in 2019 rejected a bid from Corvane Inc, said it expected "
        "to earn $5 million from the deal with the software giant."
    )
    assert referred(nlp, text).get("the software giant") == "Corvane", referred(nlp, text)


def test_references_the_company_may_be_whose_subject_the_sentence_before_has(nlp) -> None:
    text = (
        "Halden Group is also in the race. But Corvane's founders say the Pindle chatbot is "
        "safe, per Brightwater Corp. The company's executives say they are worried."
    )
    assert referred(nlp, text).get("The company") == "Corvane", referred(nlp, text)


def test_references_itself_is_its_clause_s_subject(nlp) -> None:
    text = "Brightwater Corp is larger. But Corvane Inc has carved out a small niche for itself."
    assert referred(nlp, text).get("itself") == "Corvane", referred(nlp, text)


def test_references_we_in_a_quote_about_another_company_is_no_guess(nlp) -> None:
    text = (
        "Corvane Inc bought Pindle Labs. The company poked fun at the gossip in its note about "
        'the Pindle Labs deal, writing: "Sadly we can say nothing about gossip on our '
        'business," the chief executive said.'
    )
    assert not {"we", "our"} & set(referred(nlp, text)), referred(nlp, text)


def test_references_the_company_far_from_any_name_is_the_story_s_company(nlp) -> None:
    text = (
        "Corvane Inc denied reports of a sale on Monday. Corvane Inc said no talks had taken "
        "place, and Brightwater Corp had earlier reported talks. Such payment technology lets "
        "shops take cards with a phone. The company has raised $120m in funding since 2011."
    )
    assert referred(nlp, text).get("The company") == "Corvane", referred(nlp, text)


def test_references_a_place_epithet_is_the_company_the_text_placed_there(nlp) -> None:
    text = (
        "Pinefield-based Corvane Inc and Brightwater Corp, based in Lakeside, California, "
        "signed a deal with Halden Group. Corvane Inc will pay $5 million and Corvane Inc "
        "will get the patents. The Lakeside, Calif., company said it would keep its staff."
    )
    assert referred(nlp, text).get("The Lakeside, Calif., company") == "Brightwater", referred(
        nlp, text
    )


def test_references_a_pronoun_after_a_country_subject_is_no_company(nlp) -> None:
    triples = found(
        nlp,
        "Lumen Bank said its profits rose. Norway promised to open up its insurance sector "
        "when it joined the Orvell Trade Organisation in 2002.",
    )
    assert not [t for t in triples if t[1] == "MEMBER_OF"], sorted(triples)
    triples = found(
        nlp,
        "Lumen Bank said its profits rose. Halden Group said it joined the Orvell Trade "
        "Organisation in 2002.",
    )
    assert ("Halden Group", "MEMBER_OF", "Orvell Trade Organisation") in triples, sorted(triples)


def test_references_a_pronoun_after_a_named_rival_subject_is_the_rival(nlp) -> None:
    triples = found(
        nlp,
        "Brightwater Corp's big Asian competitor is to ship its new Lumenphone X2 "
        "smartphone to Corvane Inc.",
    )
    assert ("Brightwater", "DEVELOPS", "Lumenphone X2") not in triples, sorted(triples)
    triples = found(nlp, "Brightwater Corp's founders say its Lumenphone X2 smartphone sold well.")
    assert ("Brightwater", "DEVELOPS", "Lumenphone X2") in triples, sorted(triples)
