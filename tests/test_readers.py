import json

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
