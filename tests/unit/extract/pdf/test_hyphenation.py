"""Line-end hyphens decided from the document's own vocabulary, on made-up documents."""

from __future__ import annotations

from pipeline.extract.pdf.hyphenation import LINE_END_HYPHEN, SOFT, decide, resolve_hyphens, vocabulary
from pipeline.model.document import Block, Document, SourceInfo, Span, Where

SOURCE = SourceInfo("profile.pdf", "profile.pdf", "", "pdf", 3)


def doc(*paragraphs: str) -> Document:
    return Document(
        source=SOURCE,
        blocks=tuple(
            Block(spans=(Span(text),), where=Where(page=i + 1, bbox=(50.0, 100.0 + i, 300.0, 140.0 + i)))
            for i, text in enumerate(paragraphs)
        ),
    )


def texts(document: Document) -> list[str]:
    return [b.text for b in document.blocks]


def test_a_word_broken_by_hyphenation_is_joined_when_the_document_writes_it_whole():
    d = resolve_hyphens(doc(f"the share of labour migra{SOFT}tion grew", "Labour migration is regulated."))
    assert texts(d)[0] == "the share of labour migration grew"
    assert d.findings == ()


def test_a_compound_keeps_its_hyphen_when_the_document_writes_it_hyphenated():
    d = resolve_hyphens(doc(f"improving co{SOFT}ordination of policy", "better co-ordination among bodies"))
    assert texts(d)[0] == "improving co-ordination of policy"
    assert d.findings == ()


def test_capitals_digits_and_urls_keep_the_hyphen():
    d = resolve_hyphens(
        doc(f"the Sub{SOFT}Decree and COVID{SOFT}19 rules", f"see https://www.oecd{SOFT}ilibrary.org/x")
    )
    assert texts(d) == ["the Sub-Decree and COVID-19 rules", "see https://www.oecd-ilibrary.org/x"]


def test_an_ordinary_word_without_evidence_is_joined():
    assert texts(resolve_hyphens(doc(f"the diaspo{SOFT}ra abroad"))) == ["the diaspora abroad"]


def test_a_prefix_without_evidence_keeps_its_hyphen_and_warns_with_page_and_box():
    d = resolve_hyphens(doc("Emigration rose.", f"a sub{SOFT}decree on passports"))
    assert texts(d)[1] == "a sub-decree on passports"
    [warning] = d.findings
    assert (warning.code, warning.severity, warning.value) == ("hyphen-uncertain", "warning", "sub-decree")
    assert (warning.page, warning.bbox, warning.file) == (2, (50.0, 101.0, 300.0, 141.0), "profile.pdf")


def test_two_words_of_the_document_without_evidence_keep_the_hyphen_in_doubt():
    d = resolve_hyphens(doc(f"along the cross{SOFT}border routes", "they cross the border"))
    assert texts(d)[0] == "along the cross-border routes"
    assert [f.value for f in d.findings] == ["cross-border"]


def test_both_spellings_in_the_document_keep_the_hyphen_in_doubt():
    vocab = vocabulary(doc("a well-being survey", "their wellbeing abroad").blocks)
    assert decide("well", "being", vocab)[0] is True
    assert decide("well", "being", vocab)[1]  # a reason: the document writes both


def test_the_parts_of_a_broken_word_are_no_evidence():
    vocab = vocabulary(doc(f"the cross{SOFT}border routes").blocks)
    assert "cross" not in vocab.words and "border" not in vocab.words


def test_a_line_ends_broken_at_a_layout_engines_hyphen_or_after_a_digit():
    assert LINE_END_HYPHEN.search("the labour migra\u2010")  # U+2010, as Chromium writes its own breaks
    assert LINE_END_HYPHEN.search("see https://a.org/plan-2014-")
    assert LINE_END_HYPHEN.search("between 2013-")
    assert not LINE_END_HYPHEN.search("a dash -")
    assert not LINE_END_HYPHEN.search("the migrants \u2013")


def test_a_link_of_a_compound_chain_keeps_its_hyphen():
    d = resolve_hyphens(
        doc(
            f"agreements from government-to{SOFT}government talks",
            "talks to the government",
            f"a gove{SOFT}rnment-to-government deal",
        )
    )
    assert texts(d)[0] == "agreements from government-to-government talks"
    assert texts(d)[2] == "a government-to-government deal"  # a syllable break inside a compound is joined
    assert d.findings == ()
