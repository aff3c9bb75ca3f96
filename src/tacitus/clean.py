"""Clean text: repair mojibake, turn HTML into text, find the dateline."""
from __future__ import annotations

import re
from datetime import date

import ftfy

from .dates import resolve

HTML_HINT = re.compile(r"<(html|body|p|div|br|article|span|head)\b", re.I)
TAG = re.compile(r"<[^>]+>")
# "WASHINGTON, September 29. /TASS/." or "BEIRUT, Lebanon (AP) --" at the start of the body.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Z][A-Za-z .]+?)?,?\s*"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*[.,]?\s*(?:/[A-Za-z\- ]+/\.?|\([A-Za-z\- ]+\)|--|—|-|(?<=\.))\s",
    re.M,
)


def looks_like_html(text: str) -> bool:
    return bool(HTML_HINT.search(text[:5000]))


BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "figcaption")
NOISE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template")


def html_to_text(html: str) -> str:
    """The readable text of a page, one block element per paragraph."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return TAG.sub(" ", html)
    for element in list(root.iter(*NOISE)):
        if element.getparent() is not None:
            element.drop_tree()
    blocks = []
    for element in root.iter(*BLOCKS):
        if any(a.tag in BLOCKS for a in element.iterancestors()):
            continue  # nested blocks are read with their outermost block
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def clean_text(text: str) -> str:
    """Text as the coder reads it and as offsets refer to it."""
    if looks_like_html(text):
        text = html_to_text(text)
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # No-break and odd spaces confuse the tokenizer ("Ban\u00a0Ki-moon"); one for one keeps length.
    text = re.sub(r"[\u00a0\u2007\u202f\u2009\u200a]", " ", text)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)


def find_dateline(text: str, published: date | None) -> tuple[str | None, date | None]:
    """(place, date) of a wire dateline in the first lines of the body, if there is one."""
    for match in DATELINE.finditer(text[:3000]):
        place = match.group("place").strip().title()
        found = None
        if match.group("date"):
            resolved = resolve(match.group("date"), published or date.today())
            if resolved and resolved[1] == "day":
                found = date.fromisoformat(resolved[0])
        return place, found
    return None, None
