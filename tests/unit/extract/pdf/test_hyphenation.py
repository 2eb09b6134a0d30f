"""Line-end hyphens decided from the document's own vocabulary, on made-up documents."""

from __future__ import annotations

from pipeline.extract.pdf.hyphenation import (
    BREAK,
    LINE_END_HYPHEN,
    SOFT,
    Proof,
    Verdict,
    decide,
    inserted_glyphs,
    resolve_hyphens,
    vocabulary,
)
from pipeline.model.document import Block, Document, SourceInfo, Span, Where

SOURCE = SourceInfo("profile.pdf", "profile.pdf", "", "pdf", 3)
# a document that hyphenates: "migra-|tion" is proven a break by "migration" written whole
HYPHENATES = (f"the share of labour migra{SOFT}tion grew", "Labour migration is regulated.")


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


def test_a_word_of_syllables_is_joined_in_a_document_that_hyphenates():
    d = resolve_hyphens(doc(*HYPHENATES, f"the diaspo{SOFT}ra abroad"))
    assert texts(d)[2] == "the diaspora abroad"
    assert d.findings == ()


def test_a_prefix_without_evidence_keeps_its_hyphen_and_warns_with_page_and_box():
    d = resolve_hyphens(doc(*HYPHENATES, f"a sub{SOFT}decree on passports"))
    assert texts(d)[2] == "a sub-decree on passports"
    [warning] = d.findings
    assert (warning.code, warning.severity, warning.value) == ("hyphen-uncertain", "warning", "sub-decree")
    assert (warning.page, warning.bbox, warning.file) == (3, (50.0, 102.0, 300.0, 142.0), "profile.pdf")
    assert "kept as printed" in warning.message


def test_two_words_of_the_document_without_evidence_keep_the_hyphen_in_doubt():
    d = resolve_hyphens(doc(*HYPHENATES, f"along the cross{SOFT}border routes", "they cross the border"))
    assert texts(d)[2] == "along the cross-border routes"
    assert [(f.value, f.severity) for f in d.findings] == [("cross-border", "warning")]


def test_a_join_onto_a_word_of_the_document_warns_where_the_document_hyphenates():
    # "post-|project" and "gra-|dual" look alike: the tail a word the document writes, neither form
    # elsewhere; joined (a hyphenating document breaks words far more often than compounds), warned
    d = resolve_hyphens(doc(*HYPHENATES, f"the post{SOFT}project review", "each project"))
    assert texts(d)[2] == "the postproject review"
    [warning] = d.findings
    assert (warning.code, warning.severity, warning.value, warning.page) == (
        "hyphen-uncertain",
        "warning",
        "post-project",
        3,
    )
    assert "joined as 'postproject'" in warning.message


def test_a_document_that_proves_no_hyphenation_keeps_its_line_end_hyphens():
    # no line-end hyphen is a proven break, none has the shape of syllables: lines break only at
    # the words' own hyphens (a browser printing without hyphenation)
    d = resolve_hyphens(
        doc(
            f"the post{SOFT}project review",
            "each project",
            f"for start{SOFT}ups",
            "a start",
            f"the sub{SOFT}decree",
        )
    )
    assert texts(d)[0] == "the post-project review"
    assert texts(d)[2] == "for start-ups"
    assert texts(d)[4] == "the sub-decree"
    assert d.findings == ()


def test_syllables_without_a_proven_break_are_kept_as_printed_with_an_error():
    # "hou-|seholds" reads like a broken word, yet nothing proves the document hyphenates: no
    # reading is proven, the hyphens are kept as printed and each one is an error
    d = resolve_hyphens(doc(f"the hou{SOFT}seholds abroad", f"the post{SOFT}project review", "each project"))
    assert texts(d)[:2] == ["the hou-seholds abroad", "the post-project review"]
    assert [(f.code, f.value, f.severity, f.page) for f in d.findings] == [
        ("hyphen-unproven", "hou-seholds", "error", 1),
        ("hyphen-unproven", "post-project", "error", 2),
    ]
    assert (d.findings[0].bbox, d.findings[0].file) == ((50.0, 100.0, 300.0, 140.0), "profile.pdf")


def test_both_spellings_in_the_document_keep_the_hyphen_in_doubt():
    vocab = vocabulary(doc("a well-being survey", "their wellbeing abroad").blocks)
    verdict = decide("well", "being", vocab)
    assert (verdict.keep, verdict.proof) == (True, Proof.DOUBT)
    assert "both" in verdict.reason


def test_the_verdicts_say_how_far_the_document_proves_them():
    vocab = vocabulary(doc("Labour migration and the project", "a start").blocks)
    assert decide("migra", "tion", vocab) == Verdict(False, Proof.PROVEN)  # written whole elsewhere
    assert decide("diaspo", "ra", vocab) == Verdict(False, Proof.SYLLABLES)  # no part is a word
    assert decide("post", "project", vocab).proof is Proof.DOUBT  # the tail is a word
    assert decide("start", "ups", vocab).proof is Proof.DOUBT  # the head is a word


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


def test_a_document_telling_its_hyphens_apart_by_glyph_is_read_by_glyph():
    # the engine's breaks in U+2010, the text's own hyphens U+002D (inside lines and at line ends)
    d = resolve_hyphens(
        doc(
            f"the post-{BREAK}project review of labour migra\u2010{BREAK}tion",
            f"a well-known route, and a diaspo\u2010{BREAK}ra that grew",
        )
    )
    assert texts(d) == [
        "the post-project review of labour migration",
        "a well-known route, and a diaspora that grew",
    ]
    assert d.findings == ()


def test_soft_hyphens_are_breaks_at_line_ends_and_dropped_inside_lines():
    d = resolve_hyphens(
        doc(
            f"a sub-{BREAK}decree on migra\u00ad{BREAK}tion",
            f"a well-known re\u00adturn and gra\u00ad{BREAK}dual",
        )
    )
    assert texts(d) == ["a sub-decree on migration", "a well-known return and gradual"]
    assert d.findings == ()


def test_the_glyphs_do_not_decide_where_the_text_writes_its_own_hyphens_in_them():
    # U+2010 between letters inside a line: the document's own hyphen, so a line-end one is no proof
    blocks = doc(f"the post\u2010{BREAK}project review", "a well\u2010known route").blocks
    assert inserted_glyphs(blocks) == frozenset()
    # no U+002D inside the lines: nothing shows what the text's own hyphen looks like
    assert inserted_glyphs(doc(f"the post-{BREAK}project and migra\u2010{BREAK}tion").blocks) == frozenset()
    both = doc(f"the post-{BREAK}project and migra\u2010{BREAK}tion", "a well-known route").blocks
    assert inserted_glyphs(both) == frozenset("\u2010")


def test_a_line_ends_broken_at_a_soft_hyphen():
    assert LINE_END_HYPHEN.search("the labour migra\u00ad")


def test_a_suspended_hyphen_at_a_line_end_keeps_its_hyphen_and_its_space():
    d = resolve_hyphens(
        doc(
            f"regular provincial{SOFT}and district-level meetings",
            f"short{SOFT}to medium-term plans, and a tax{SOFT}or fee-free transfer",
            *HYPHENATES,
        )
    )
    assert texts(d)[:2] == [
        "regular provincial- and district-level meetings",
        "short- to medium-term plans, and a tax- or fee-free transfer",
    ]
    assert d.findings == ()


def test_a_word_broken_before_to_is_no_suspended_hyphen_without_a_hyphenated_word_after_it():
    d = resolve_hyphens(doc(f"a pota{SOFT}to farm", "The potato is grown.", *HYPHENATES))
    assert texts(d)[0] == "a potato farm"
