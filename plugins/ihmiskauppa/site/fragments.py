"""Structured HTML kept out of the Markdown renderer.

A generated page is mostly structure the templates already wrote as HTML
(autoescaped): facts, timelines, tables, diagrams. Sending that through
Python-Markdown costs more than the whole page otherwise does (md_in_html
parses every raw block with html.parser, inline patterns run over the
text), and gives nothing back. So a page is rendered as Markdown in which
every top-level HTML block is replaced by a placeholder comment; only the
editors' Markdown (bodies, notes) and the headings (which the table of
contents needs) are left to the renderer. After rendering, the generator
adapter puts the blocks back with :func:`splice`.

The interface text of those headings ("Timeline", "Tidslinje") is kept out
of the Markdown the same way (:func:`heading_label`): the heading holds a
word-like token that the renderer passes through as text, and the label is
put back in the page and its table of contents after rendering. So a
record's page has the same Markdown in every language the record is not
translated into, and the builds of one run convert it once between them
(``ihmiskauppa_mkdocs.conversions``).

A block is a paragraph (text between blank lines) of template output whose
first tag is block-level. An opening tag alone, like ``<div lang="fi">``
before a body, is a block too: its closing tag is another, and the
Markdown between them is rendered in place. Editors' text is marked by the
``md`` filter (:func:`editor_markdown`) and never stashed, so a body that
starts with a tag stays the editor's Markdown.
"""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import SubElement

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.preprocessors import Preprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

# Python-Markdown's block-level elements: a paragraph starting with one is a
# raw HTML block there too, so stashing it does not change the result.
BLOCK_TAGS = frozenset("""
address article aside blockquote details dialog dd div dl dt fieldset figcaption figure footer form
h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody td tfoot th
thead tr ul canvas iframe math noscript output script style video audio
""".split())

_EDITOR_OPEN = "\x02md\x03"
_EDITOR_CLOSE = "\x02/md\x03"
_EDITOR = re.compile(re.escape(_EDITOR_OPEN) + r"(.*?)" + re.escape(_EDITOR_CLOSE), re.S)
_LABEL_OPEN = "\x02label\x03"
_LABEL_CLOSE = "\x02/label\x03"
_LABEL_MARK = re.compile(re.escape(_LABEL_OPEN) + r"(.*?)" + re.escape(_LABEL_CLOSE), re.S)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
# Templates may put a heading right after an HTML block, without a blank line.
_HEADING_LINE = re.compile(r"\n(?=#{1,6}[ \t])")
_FIRST_TAG = re.compile(r"\s*</?([a-zA-Z][a-zA-Z0-9]*)")
# md_in_html's switch means nothing once a block skips the Markdown renderer.
_MARKDOWN_ATTR = re.compile(r'\s+markdown="(?:1|block|span)"')
# One token per process: editors cannot write a placeholder that gets replaced.
_TOKEN = secrets.token_hex(4)
_PLACEHOLDER = re.compile(rf"<!--ihku-{_TOKEN}:(\d+)-->")
# A heading's label: letters and digits only, so Markdown leaves it as it is.
_LABEL_PREFIX = f"ihku{_TOKEN}label"
_LABEL = re.compile(rf"{_LABEL_PREFIX}(\d+)")


def editor_markdown(text: str) -> str:
    """Editors' Markdown, between blank lines and marked as theirs."""
    return f"\n\n{_EDITOR_OPEN}{text}{_EDITOR_CLOSE}\n\n"


def heading_label(text: str) -> str:
    """A heading's interface text (already escaped for HTML), marked to be
    kept out of the Markdown (see the module's doc). Only for text that
    Markdown would leave as it is (plain words, no inline markup), on a
    heading with an explicit id (``{ #id }``): :func:`stash` refuses others."""
    return f"{_LABEL_OPEN}{text}{_LABEL_CLOSE}"


@dataclass
class Stashed:
    markdown: str
    fragments: list[str] = field(default_factory=list)


def stash(rendered: str) -> Stashed:
    """Replace the template's top-level HTML blocks by placeholders."""
    fragments: list[str] = []
    parts: list[str] = []
    position = 0
    for match in _EDITOR.finditer(rendered):
        parts.append(_stash_template_text(rendered[position:match.start()], fragments))
        parts.append(match.group(1))
        position = match.end()
    parts.append(_stash_template_text(rendered[position:], fragments))
    return Stashed("\n\n".join(p.strip("\n") for p in parts if p.strip()) + "\n", fragments)


def _stash_template_text(text: str, fragments: list[str]) -> str:
    paragraphs = []
    previous_stashed = False
    for paragraph in (piece for p in _PARAGRAPHS.split(text) for piece in _HEADING_LINE.split(p)):
        tag = _FIRST_TAG.match(paragraph)
        if tag and tag.group(1).lower() in BLOCK_TAGS:
            block = _MARKDOWN_ATTR.sub("", paragraph.strip("\n"))
            if previous_stashed:  # blocks in a row share one placeholder: fewer for the renderer to pass
                fragments[-1] += "\n" + block
                continue
            fragments.append(block)
            paragraphs.append(f"<!--ihku-{_TOKEN}:{len(fragments) - 1}-->")
            previous_stashed = True
        else:
            paragraphs.append(_LABEL_MARK.sub(lambda m: _keep_label(m, fragments), paragraph))
            previous_stashed = False
    return "\n\n".join(paragraphs)


_EXPLICIT_ID = re.compile(r"[^\n]*\{[^}\n]*#")


def _keep_label(mark: re.Match[str], fragments: list[str]) -> str:
    # Markdown would make a heading's id from the token, not from the label.
    if not _EXPLICIT_ID.match(mark.string, mark.end()):
        raise ValueError(f"a heading's label needs an explicit id on its heading ({{ #id }}): {mark.group(1)!r}")
    fragments.append(mark.group(1))
    return f"{_LABEL_PREFIX}{len(fragments) - 1}"


class PlaceholderExtension(Extension):
    """Python-Markdown extension that passes our placeholders through at
    little cost. As HTML comments, each would be parsed by md_in_html's HTML
    parser, tried by every block processor and every inline pattern: a fifth
    of the time a record page takes to render. Here a line that is a
    placeholder goes straight to Python-Markdown's stash of raw HTML (as the
    HTML parser would have put it), and its block becomes the paragraph
    Python-Markdown would make of it, with no inline pattern run over it.
    RawHtmlPostprocessor then puts the comment back in its place, as before.
    Without the extension the placeholders still work, only slower."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After normalize_whitespace (30), before the raw HTML parser (20).
        md.preprocessors.register(_PlaceholderLines(md), "ihku_placeholder", 25)
        md.parser.blockprocessors.register(_PlaceholderBlock(md.parser), "ihku_placeholder", 95)


_PLACEHOLDER_LINE = re.compile(rf"^<!--ihku-{_TOKEN}:\d+-->$", re.M)


class _PlaceholderLines(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if f"<!--ihku-{_TOKEN}:" not in text:
            return lines
        return _PLACEHOLDER_LINE.sub(lambda m: self.md.htmlStash.store(m.group(0) + "\n"), text).split("\n")


class _PlaceholderBlock(BlockProcessor):
    def test(self, parent: Any, block: str) -> bool:
        match = HTML_PLACEHOLDER_RE.fullmatch(block.strip())
        if match is None:
            return False
        stashed = self.parser.md.htmlStash.rawHtmlBlocks
        index = int(match.group(1))
        return index < len(stashed) and isinstance(stashed[index], str) and bool(_PLACEHOLDER.fullmatch(stashed[index].strip()))

    def run(self, parent: Any, blocks: list[str]) -> None:
        paragraph = SubElement(parent, "p")
        paragraph.text = AtomicString(blocks.pop(0).strip())


def splice(html: str, fragments: list[str]) -> str:
    """Put the stashed blocks and labels back into the rendered page."""
    if not fragments:
        return html
    return _labelled(_PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html), fragments)


def _labelled(text: str, fragments: list[str]) -> str:
    return _LABEL.sub(lambda m: fragments[int(m.group(1))], text) if _LABEL_PREFIX in text else text


def relabel_toc(items: Any, fragments: list[str]) -> None:
    """Put the headings' labels back into a page's table of contents (MkDocs'
    ``TableOfContents``: items with a ``title`` and ``children``)."""
    for item in items:
        item.title = _labelled(item.title, fragments)
        relabel_toc(item.children, fragments)


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


_SEARCH_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-search-exclude[\s>=/]")


def _without_excluded(block: str) -> str:
    """``block`` without its elements marked ``data-search-exclude``
    (Material's marker), each cut from its opening tag to the matching
    closing tag."""
    while (found := _SEARCH_EXCLUDED.search(block)) is not None:
        same = re.compile(rf"<(/?){found.group(1)}\b[^>]*>", re.I)
        # Without a closing tag (a void element such as <img>), only the tag itself goes.
        depth, end = 0, block.find(">", found.start()) + 1 or len(block)
        for tag in same.finditer(block, found.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        block = block[:found.start()] + block[end:]
    return block


def search_view(html: str, fragments: list[str]) -> str:
    """The page as a search indexer should read it: each block as one
    paragraph of its text. Every word stays findable, but the indexer's
    HTML parser no longer walks the markup of facts, timelines and tables,
    which costs more than the rest of the page. What a block marks
    ``data-search-exclude`` is left out, as Material's indexer would."""
    def text(match: re.Match[str]) -> str:
        words = _SPACE.sub(" ", _TAG.sub(" ", _without_excluded(fragments[int(match.group(1))]))).strip()
        return f"<p>{words}</p>" if words else ""

    return _labelled(_PLACEHOLDER.sub(text, html), fragments) if fragments else html
