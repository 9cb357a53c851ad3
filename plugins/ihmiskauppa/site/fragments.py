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
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
# Templates may put a heading right after an HTML block, without a blank line.
_HEADING_LINE = re.compile(r"\n(?=#{1,6}[ \t])")
_FIRST_TAG = re.compile(r"\s*</?([a-zA-Z][a-zA-Z0-9]*)")
# md_in_html's switch means nothing once a block skips the Markdown renderer.
_MARKDOWN_ATTR = re.compile(r'\s+markdown="(?:1|block|span)"')
# One token per process: editors cannot write a placeholder that gets replaced.
_TOKEN = secrets.token_hex(4)
_PLACEHOLDER = re.compile(rf"<!--ihku-{_TOKEN}:(\d+)-->")


def editor_markdown(text: str) -> str:
    """Editors' Markdown, between blank lines and marked as theirs."""
    return f"\n\n{_EDITOR_OPEN}{text}{_EDITOR_CLOSE}\n\n"


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
    for paragraph in (piece for p in _PARAGRAPHS.split(text) for piece in _HEADING_LINE.split(p)):
        tag = _FIRST_TAG.match(paragraph)
        if tag and tag.group(1).lower() in BLOCK_TAGS:
            fragments.append(_MARKDOWN_ATTR.sub("", paragraph.strip("\n")))
            paragraphs.append(f"<!--ihku-{_TOKEN}:{len(fragments) - 1}-->")
        else:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def splice(html: str, fragments: list[str]) -> str:
    """Put the stashed blocks back into the rendered page."""
    if not fragments:
        return html
    return _PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def search_view(html: str, fragments: list[str]) -> str:
    """The page as a search indexer should read it: each block as one
    paragraph of its text. Every word stays findable, but the indexer's
    HTML parser no longer walks the markup of facts, timelines and tables,
    which costs more than the rest of the page."""
    def text(match: re.Match[str]) -> str:
        words = _SPACE.sub(" ", _TAG.sub(" ", fragments[int(match.group(1))])).strip()
        return f"<p>{words}</p>" if words else ""

    return _PLACEHOLDER.sub(text, html) if fragments else html
