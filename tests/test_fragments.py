"""Structure kept out of the Markdown renderer (ihmiskauppa.site.fragments)
and the streamed JSON export: the cheaper paths must give the same bytes as
the plain ones."""
from __future__ import annotations

import datetime as dt
import json

import markdown
import pytest
import yaml

from ihmiskauppa.corpus import COLLECTIONS
from ihmiskauppa.exports import json_export_parts
from ihmiskauppa.memo import Memo
from ihmiskauppa.loader import load_or_raise
from ihmiskauppa.site.context import SiteContext
from ihmiskauppa.site.fragments import (
    PlaceholderExtension,
    editor_markdown,
    heading_label,
    relabel_toc,
    search_view,
    splice,
    stash,
)
from mkdocs.structure.toc import get_toc
from sitebuild import ROOT

TEMPLATE_OUTPUT = (
    '<h1>Otsikko</h1>\n\n<p class="ihku-lead">Tiivistelmä &amp; <b>lihavoitu</b></p>\n\n'
    '<dl class="ihku-facts"><dt>Vaihe</dt><dd>Sihteeristö</dd></dl>\n\n'
    "## Kuvaus\n"
    + editor_markdown("Editorin *teksti* ja [linkki](https://example.org).\n\n"
                      "<!--ihku-deadbeef:0--> editorin oma kommentti\n\n"
                      '<div markdown="1">\n\n**sisällä**\n\n</div>')
    + '## Vaiheet { #timeline }\n\n<ol class="ihku-timeline"><li>1.1.2026</li></ol>\n\n'
    "<table><tr><td>a</td></tr></table>\n"
)


def _extensions() -> list[object]:
    """The Markdown extensions of the project's mkdocs.yml, as MkDocs loads them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names: list[object] = []
    for entry in config["markdown_extensions"]:
        names.append(next(iter(entry)) if isinstance(entry, dict) else entry)
    return names


def test_placeholders_render_the_same_with_the_extension_as_without() -> None:
    stashed = stash(TEMPLATE_OUTPUT)
    # Heading, lead and facts follow each other: one placeholder for all
    # three. The timeline and the table share one too.
    assert len(stashed.fragments) == 2
    assert stashed.markdown.count("<!--ihku-") == 2 + 1  # and the editor's own comment
    plain = markdown.Markdown(extensions=_extensions()).convert(stashed.markdown)
    fast = markdown.Markdown(extensions=[*_extensions(), PlaceholderExtension()]).convert(stashed.markdown)
    assert fast == plain
    page = splice(fast, stashed.fragments)
    assert '<dl class="ihku-facts"><dt>Vaihe</dt>' in page and '<ol class="ihku-timeline">' in page
    assert "<em>teksti</em>" in page and "<strong>sisällä</strong>" in page
    assert "<!--ihku-deadbeef:0-->" in page  # an editor's look-alike is left alone
    assert "Tiivistelmä &amp; <b>lihavoitu</b>" in page  # HTML blocks are not run through Markdown again


def test_search_view_keeps_each_blocks_words_but_not_what_is_excluded() -> None:
    stashed = stash('## Kokoukset { #meetings }\n\n<p class="ihku-lead">Johdanto &amp; <b>teksti</b></p>\n'
                    '<table class="ihku-list" data-search-exclude><tr><td><a href="x/">Muu tietue</a></td></tr>'
                    '<tr><td><table><tr><td>sisempi</td></tr></table></td></tr></table>\n'
                    '<p>Jälkeen</p>\n\n<dl data-search-exclude="true"><dt>pois</dt></dl>\n\n'
                    '<p><img alt="" src="x.png" data-search-exclude> kuvan jälkeen</p>\n\n'
                    '<ul class="ihku-facts"><li>Jää</li></ul>')
    assert len(stashed.fragments) == 1  # the excluded elements share one block with kept ones
    html = markdown.Markdown(extensions=[*_extensions(), PlaceholderExtension()]).convert(stashed.markdown)
    view = search_view(html, stashed.fragments)
    assert "<p>Johdanto &amp; teksti Jälkeen kuvan jälkeen Jää</p>" in view  # a void element takes nothing with it
    assert "Muu tietue" not in view and "sisempi" not in view and "pois" not in view
    assert "Muu tietue" in splice(html, stashed.fragments)  # the page itself keeps the table


def _page(template_output: str) -> tuple[str, list[str], list[dict]]:
    stashed = stash(template_output)
    md = markdown.Markdown(extensions=[*_extensions(), PlaceholderExtension()])
    return md.convert(stashed.markdown), stashed.fragments, md.toc_tokens


def test_a_headings_label_is_kept_out_of_the_markdown_and_put_back_everywhere() -> None:
    """The same page in two languages: the Markdown to convert is the same;
    the page, its search view and its table of contents each get their own
    language's label, as if the label had been converted with the page."""
    def output(label: str, steps: str) -> str:
        return (f'<h1>Otsikko</h1>\n\n## {heading_label(label)} {{ #timeline }}\n\n<ol><li>{steps}</li></ol>\n'
                + editor_markdown("Editorin *teksti*.") + f"### {heading_label('Korjaukset &amp; lis&#39;ät')} {{ #fixes }}\n")

    fi, sv = stash(output("Käsittelyn vaiheet", "1.1.")), stash(output("Behandlingens skeden", "1 jan."))
    assert fi.markdown == sv.markdown and "Käsittelyn" not in fi.markdown
    html, fragments, tokens = _page(output("Käsittelyn vaiheet", "1.1."))
    page = splice(html, fragments)
    assert '<h2 id="timeline">Käsittelyn vaiheet</h2>' in page
    assert '<h3 id="fixes">Korjaukset &amp; lis&#39;ät</h3>' in page
    assert '<h2 id="timeline">Käsittelyn vaiheet</h2>' in search_view(html, fragments)
    toc = get_toc(tokens)
    relabel_toc(toc, fragments)
    assert [(item.title, [child.title for child in item.children]) for item in toc] == [
        ("Käsittelyn vaiheet", ["Korjaukset &amp; lis&#39;ät"])]
    # What Markdown makes of the label itself, for the same page written the old way:
    plain = markdown.Markdown(extensions=[*_extensions(), PlaceholderExtension()])
    old = stash(output("Käsittelyn vaiheet", "1.1.").replace(heading_label("Käsittelyn vaiheet"), "Käsittelyn vaiheet")
                .replace(heading_label("Korjaukset &amp; lis&#39;ät"), "Korjaukset &amp; lis&#39;ät"))
    assert splice(plain.convert(old.markdown), old.fragments) == page
    assert [t["name"] for t in plain.toc_tokens] == [item.title for item in toc]
    # Without an explicit id, Markdown would make the heading's id from the token.
    with pytest.raises(ValueError, match="explicit id"):
        stash("## " + heading_label("Kuvaus") + "\n\nTeksti { #not-the-heading }\n")


def test_the_streamed_json_export_is_json_dumps_of_the_same_data() -> None:
    corpus, _ = load_or_raise(ROOT / "content", privacy=False)
    for edition in ("network", "public"):
        ctx = SiteContext(edition=edition, lang="fi", today=dt.date(2026, 11, 22), site_url="https://x.example/")
        pieces = list(json_export_parts(corpus.for_edition(edition), ctx))
        assert len(pieces) > 20  # record by record, not one block
        data = b"".join(pieces)
        parsed = json.loads(data)
        assert parsed["issues"] and parsed["meetings"] and "action_plans" in parsed
        assert data == (json.dumps(parsed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        # The preview's memo: the same bytes, each record's piece reused while the record is the same.
        memo = Memo()
        for _ in range(2):
            memo.next_run()
            assert b"".join(json_export_parts(corpus.for_edition(edition), ctx, memo)) == data
        records = sum(len(corpus.for_edition(edition).collection(c)) for c in COLLECTIONS)
        assert memo.hits == records and memo.misses == 0
