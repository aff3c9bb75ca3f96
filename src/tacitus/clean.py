"""Clean text: HTML pages to their article text, mojibake repaired, control characters dropped,
whitespace normalised, the dateline found, and copy that is not English recognised.

Everything the coder reads, and every character offset in its events, refers to the text
`clean_text` returns.
"""
from __future__ import annotations

import functools
import re
from datetime import date

import ftfy

from .dates import resolve
from .resources import read_csv, split_list

HTML_HINT = re.compile(r"<(html|body|p|div|br|article|span|head)\b", re.I)
TAG = re.compile(r"<[^>]+>")
# "WASHINGTON, September 29. /TASS/." or "BEIRUT, Lebanon (AP) --" at the start of the body.
# The place is one to four words in capitals; a country or state may follow it; the date is a
# month (or its abbreviation) and day, with or without the year.
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'\-]+(?:[ .][A-Z][A-Z'\-]+){0,3})"
    r"(?:,\s*(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)[A-Z][A-Za-z .]+?)?,?\s*"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*[.,]?\s*(?:/[A-Za-z\- ]+/\.?|\([A-Za-z\- ]+\)|--|\u2014|\u2013|-|(?<=\.))\s",
    re.M,
)
# Control characters (NUL included) carry no text; zero-width spaces, the byte-order mark and
# soft hyphens split words invisibly ("Da\u00admascus"). All are dropped.
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2060\ufeff\u00ad]")
# No-break, thin and other odd spaces confuse the tokenizer ("Ban\u00a0Ki-moon").
ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def looks_like_html(text: str) -> bool:
    return bool(HTML_HINT.search(text[:5000]))


BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "figcaption")
NOISE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template")
# Block elements of trafilatura's XML output; <lb/> is a line break inside one.
EXTRACTED_BLOCKS = ("head", "p", "item", "quote", "code", "cell")


def html_to_text(html: str) -> str:
    """The article text of a page, one paragraph per block, paragraphs apart by a blank line.

    trafilatura finds the article and drops navigation, footers, ads and link lists; pages it
    finds nothing in (fragments, very short pages) go through plain block extraction instead."""
    return _article_text(html) or _block_text(html)


def _article_text(html: str) -> str:
    import lxml.etree
    import trafilatura

    try:
        xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=False)
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on still has its blocks
        return ""
    if not xml:
        return ""
    main = lxml.etree.fromstring(xml).find("main")
    if main is None:
        return ""
    for line_break in main.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    blocks = []
    for element in main.iter(*EXTRACTED_BLOCKS):
        if any(a.tag in EXTRACTED_BLOCKS for a in element.iterancestors()):
            continue  # nested blocks are read with their outermost block
        text = "\n".join(" ".join(line.split()) for line in "".join(element.itertext()).split("\n"))
        if text.strip():
            blocks.append(text.strip())
    return "\n\n".join(blocks)


def _block_text(html: str) -> str:
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
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def clean_text(text: str) -> str:
    """Text as the coder reads it and as offsets refer to it: spaces within a line collapse to
    one, lines lose their edge spaces, and runs of blank lines become one blank line (the
    paragraph break the sentence splitter reads)."""
    if looks_like_html(text):
        text = html_to_text(text)
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    text = LINE_SEPARATORS.sub("\n", text)
    text = INVISIBLE.sub("", text)
    text = ODD_SPACE.sub(" ", text)
    text = re.sub(r" {2,}", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def html_title(html: str) -> str | None:
    """The <title> of a page, for documents read from HTML files."""
    found = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], re.I | re.S)
    if not found:
        return None
    import html as entities

    title = " ".join(entities.unescape(TAG.sub(" ", found.group(1))).split())
    return title or None


@functools.cache
def _language_words() -> dict[str, frozenset[str]]:
    return {row["language"]: frozenset(split_list(row["words"])) for row in read_csv("language_words.csv")}


MIN_WORDS_TO_JUDGE = 8  # shorter texts (headlines, one-line alerts) carry too few function words
FOREIGN_SHARE = 0.1


def not_english(text: str) -> str | None:
    """Why a cleaned text is not English copy, or None when it is (or is too short to tell).

    Cheap and offline: mostly non-Latin letters, or the function words of other languages
    outnumbering the English ones (language_words.csv)."""
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if letters:
        other_script = sum(1 for ch in letters if ord(ch) >= 0x250 and not 0x1E00 <= ord(ch) <= 0x1EFF)
        if other_script / len(letters) > 0.5:
            return "not English: mostly non-Latin script"
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    lists = _language_words()
    english = sum(1 for w in words if w in lists["en"])
    scores = {lang: sum(1 for w in words if w in found) for lang, found in lists.items() if lang != "en"}
    foreign = sum(scores.values())
    if foreign > english and foreign >= FOREIGN_SHARE * len(words):
        likely = max(scores, key=scores.get)
        return f"not English (function words read as '{likely}')"
    return None


def find_dateline(text: str, published: date | None) -> tuple[str | None, date | None]:
    """(place, date) of a wire dateline in the first lines of the body, if there is one."""
    for match in DATELINE.finditer(text[:3000]):
        place = match.group("place").strip().title()
        if len(place.replace(" ", "")) < 3:
            continue  # "UN - ...": an acronym, not a wire dateline
        found = None
        if match.group("date"):
            resolved = resolve(match.group("date"), published or date.today())
            if resolved and resolved[1] == "day":
                found = date.fromisoformat(resolved[0])
        return place, found
    return None, None
