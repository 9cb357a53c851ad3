"""Nu Html Checker over every HTML page of both editions: no errors, except
the one exact message plain Material has on every page (autocomplete="off" on
its drawer and search checkbox toggles; see webtools.KNOWN_VNU_MESSAGE)."""
from __future__ import annotations

from pathlib import Path

import pytest

from webtools import format_vnu, is_known_material_message, is_vnu_error, run_vnu

EDITIONS = ("network", "public")


@pytest.fixture(scope="module")
def vnu_messages(built_editions: dict[str, Path]) -> dict[str, list[dict]]:
    """One vnu run over both editions (the JVM start is most of its time)."""
    messages = run_vnu(*(built_editions[e] for e in EDITIONS))
    return {edition: [m for m in messages if m.get("url", "").startswith(f"file:{built_editions[edition]}/")]
            for edition in EDITIONS}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_is_valid_html(edition: str, built_editions: dict[str, Path],
                                  vnu_messages: dict[str, list[dict]]) -> None:
    site = built_editions[edition]
    assert len(list(site.rglob("*.html"))) > 20, f"{edition}: too few pages to mean anything"
    errors = [m for m in vnu_messages[edition] if is_vnu_error(m)]
    if errors:
        pytest.fail(f"{edition}: {len(errors)} HTML errors:\n" + format_vnu(errors, site), pytrace=False)


def test_only_the_exact_known_material_message_is_filtered() -> None:
    known = {
        "type": "error",
        "message": ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
                    "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
                    "“search”, “tel”, “text”, “time”, “url”, or “week”."),
        # as vnu reports it
        "extract": ('\n    \n    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                    'id="__drawer" autocomplete="off">\n    <'),
        "hiliteStart": 10, "hiliteLength": 98,
    }
    assert is_known_material_message(known)
    # The same message on any other element is a real error.
    other = {**known, "extract": known["extract"].replace('id="__drawer"', 'id="__mine"')}
    assert not is_known_material_message(other)
    assert not is_known_material_message({**known, "message": known["message"][:-1] + "!"})
    assert not is_known_material_message({**known, "type": "info"})
