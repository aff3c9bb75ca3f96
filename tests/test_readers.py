import json
from datetime import date

import pytest

from tacitus.document import Document, DocumentError
from tacitus.readers import read_inputs


def test_text_file_title_and_directory(tmp_path):
    (tmp_path / "a.txt").write_text("\n\nRebels seize town\n\nRebels seized the town on Monday.\n")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    docs = list(read_inputs([str(tmp_path)]))
    assert len(docs) == 1 and isinstance(docs[0], Document)
    assert docs[0].id == "a" and docs[0].title == "Rebels seize town"


def test_bad_documents_are_reported_and_the_batch_goes_on(tmp_path):
    lines = [
        json.dumps({"id": "ok", "text": "Police arrested ten protesters.", "published": "2020-01-02"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "bad-date", "text": "Troops attacked.", "published": "yesterday-ish"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "last", "text": "Rebels attacked a base."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    (tmp_path / "binary.txt").write_bytes(b"abc\x00\x00def")
    items = list(read_inputs([str(path), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt")]))
    ok = [i.id for i in items if isinstance(i, Document)]
    errors = {(i.doc_id, i.line): i.reason for i in items if isinstance(i, DocumentError)}
    assert ok == ["ok", "last"]
    assert "malformed JSON" in errors[("batch.jsonl:2", 2)]
    assert "text" in errors[("no-text", 3)]
    assert errors[("empty", 4)] == "empty text"
    assert "published" in errors[("bad-date", 5)]
    assert "not a JSON object" in errors[("batch.jsonl:6", 6)]
    assert "binary" in errors[("binary", None)]
    assert "no such file" in errors[(str(tmp_path / "missing.txt"), None)]


def test_windows_1252_bytes_are_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Title\n\nThe minister\x92s visit was cancelled.".encode("latin-1"))
    (doc,) = list(read_inputs([str(path)]))
    assert "minister\u2019s" in doc.text


PAGE = """<!DOCTYPE html>
<html><head><title>Rebels seize town | Example News</title><script>var ads = 1;</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad-banner">Subscribe now for only one dollar a week!</div>
<article>
<h1>Rebels seize town after three days of fighting</h1>
<p>Rebels seized the town of Saraqib on Monday after three days of fighting, the Syrian
Observatory for Human Rights said.<br>Government forces withdrew to the south.</p>
<p>At least 25 people were killed in the fighting, according to the monitor, which relies on a network
of sources on the ground, and dozens more were wounded.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens restaurant</a></li></ul></aside>
<footer><p>Copyright 2020 Example News Ltd. All rights reserved. Terms of use. Privacy policy.</p></footer>
</body></html>"""


def test_html_page_keeps_the_article_and_its_paragraphs(tmp_path):
    from tacitus.pipeline import prepare

    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (doc,) = list(read_inputs([str(tmp_path / "page.html")]))
    assert doc.title == "Rebels seize town | Example News"
    text = prepare(doc).text
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Rebels seize town after three days of fighting"
    assert paragraphs[1].startswith("Rebels seized the town of Saraqib on Monday")
    assert "\nGovernment forces withdrew" in paragraphs[1]  # a <br> is a line break inside the paragraph
    assert "the Syrian Observatory" in paragraphs[1]  # a line break in the markup is only a space
    assert paragraphs[2].startswith("At least 25 people were killed")
    for boilerplate in ("Home", "Subscribe", "Most read", "Copyright", "var ads"):
        assert boilerplate not in text


def test_html_fragment_falls_back_to_block_extraction():
    from tacitus.clean import clean_text

    assert clean_text("<div><p>Police arrested ten protesters.</p><p>Two were freed.</p></div>") == \
        "Police arrested ten protesters.\n\nTwo were freed."


def test_control_characters_dropped_and_whitespace_normalised():
    from tacitus.clean import clean_text

    raw = "Rebels\u00a0 attacked\tthe\u200b town.\x07  \r\n\r\n\r\n\r\n  Police   arrested\x0c ten\u00ad people. \n"
    assert clean_text(raw) == "Rebels attacked the town.\n\nPolice arrested ten people."


def test_documents_not_in_english_are_reported_and_skipped():
    from tacitus.pipeline import code_documents

    french = ("Les forces gouvernementales ont bombardé la ville dans la nuit de lundi, selon une ONG qui "
              "a fait état de plusieurs victimes parmi les civils et de dégâts importants.")
    russian = "Российские войска обстреляли город в понедельник, сообщили местные власти."
    items = [Document("fr", french), Document("ru", russian), Document("headline", "Rebels seize Saraqib"),
             Document("en", "Police arrested 40 protesters in Nairobi on Friday.", published=None)]
    coded = list(code_documents(iter(items)))
    errors = {i.doc_id: i.reason for i in coded if isinstance(i, DocumentError)}
    assert set(errors) == {"fr", "ru"} and all(r.startswith("not English") for r in errors.values())
    assert [i.id for i in coded if isinstance(i, Document)] == ["headline", "en"]


def test_event_offsets_refer_to_the_cleaned_text():
    from tacitus import code
    from tacitus.clean import clean_text

    raw = "<html><body><nav>Home | World</nav><p>Rebels   attacked an army base\u00a0near Homs on Saturday, " \
          "killing four soldiers, the Syrian defence ministry said.</p></body></html>"
    text = clean_text(raw)
    events = [e.to_dict() for e in code(raw, published="2019-03-03")]
    assert events
    for event in events:
        trigger = event["evidence"]["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        location = event["location"]
        if location:
            assert text[location["start"]:location["end"]] == location["text"]


@pytest.mark.parametrize("text, place, day", [
    ("Kerry on talks\n\nWASHINGTON, September 29. /TASS/. The US is", "Washington", date(2016, 9, 29)),
    ("BEIRUT, Lebanon (AP) \u2014 Israeli jets struck", "Beirut", None),
    ("NEW YORK, Sept. 5 (Reuters) - The council met", "New York", date(2016, 9, 5)),
    ("ALEPPO, Syria, Dec. 12 (Xinhua) -- Troops advanced", "Aleppo", date(2015, 12, 12)),  # last year's
    ("DAMASCUS, March 3, 2019. Rebels attacked", "Damascus", date(2019, 3, 3)),
    ("UN - The council met on Monday.", None, None),
    ("Rebels attacked a base near Homs.\n\nThe UN said.", None, None),
])
def test_datelines_give_place_and_date(text, place, day):
    from tacitus.clean import find_dateline

    assert find_dateline(text, date(2016, 10, 1)) == (place, day)


def test_dateline_date_is_the_publication_date_when_metadata_has_none():
    from tacitus.pipeline import prepare

    document = prepare(Document("wire", "MOSCOW, June 21 /TASS/. Russia suspended cooperation with the US."))
    assert document.dateline_place == "Moscow" and (document.published.month, document.published.day) == (6, 21)
