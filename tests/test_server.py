"""The HTTP API against a real `tacitus serve` on a free port: listing, filtering, paging and
sorting events, an event with its highlight spans, coding, ingest with the token, counts, and the
server's defences (body limit, malformed JSON, path traversal, headers, no CORS, host check)."""
from __future__ import annotations

import json
import socket
from urllib.parse import urlencode

import pytest
from serving import HOSTILE, TOKEN, sample_documents, start_filled

from tacitus.server import DEFAULT_MAX_BODY


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_filled(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


def events(server, **params) -> dict:
    return server.json("GET", "/api/events?" + urlencode(params))


def test_events_filter_by_type_and_country(server):
    everything = events(server, limit=500)
    assert everything["total"] == len(everything["items"]) > 20
    assaults = events(server, type="ASSAULT", limit=500)
    assert 0 < assaults["total"] < everything["total"]
    assert {r["type"] for r in assaults["items"]} == {"ASSAULT"}
    assert assaults["total"] == sum(r["type"] == "ASSAULT" for r in everything["items"])
    kenya = events(server, country="ken", limit=500)["items"]
    assert kenya and all("KEN" in ((r["source"] or {}).get("country"), (r["target"] or {}).get("country"))
                         for r in kenya)
    by_cameo = events(server, cameo="19", limit=500)["items"]
    assert by_cameo and all(r["cameo"].startswith("19") for r in by_cameo)
    one_doc = events(server, doc="border-clashes", limit=500)["items"]
    assert one_doc and {r["doc_id"] for r in one_doc} == {"border-clashes"}
    confident = events(server, min_confidence=0.6, limit=500)["items"]
    assert all(r["confidence"] >= 0.6 for r in confident)
    assert all(r["link_id"] for r in everything["items"])  # every stored event belongs to a linked event


def test_events_dates_filter_by_interval(server):
    in_2022 = events(server, since="2022", until="2022-12-31", limit=500)["items"]
    assert in_2022 and all(r["date"].startswith("2022") for r in in_2022)
    assert events(server, since="2099")["total"] == 0


def test_events_pages_are_disjoint_and_complete(server):
    everything = events(server, limit=500, sort="date")["items"]
    pages = [events(server, limit=7, offset=offset, sort="date")["items"] for offset in range(0, len(everything), 7)]
    assert [r["event_id"] for page in pages for r in page] == [r["event_id"] for r in everything]
    assert events(server, offset=len(everything))["items"] == []


def test_events_sort_by_column_and_direction(server):
    killed = [r["fatalities"] for r in events(server, sort="fatalities", order="desc", limit=500)["items"]]
    counted = [k for k in killed if k is not None]
    assert counted == sorted(counted, reverse=True) and killed[:len(counted)] == counted  # unknown tolls last
    dates = [r["date"] for r in events(server, sort="date", limit=500)["items"] if r["date"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize("query, message", [
    ("since=2019-13", "since"),
    ("until=yesterday", "until"),
    ("min_confidence=2", "min_confidence"),
    ("limit=0", "limit"),
    ("limit=100000", "limit"),
    ("offset=-1", "offset"),
    ("sort=password", "sort"),
])
def test_bad_query_is_422_with_a_message(server, query, message):
    status, _, body = server.request("GET", "/api/events?" + query)
    assert status == 422
    assert message in body.decode()


def test_event_with_its_document_spans_and_linked_event(server):
    shelling = next(r for r in events(server, doc="border-clashes", type="ASSAULT")["items"]
                    if r["evidence"]["trigger"]["text"] == "shelled")
    data = server.json("GET", f"/api/events/{shelling['event_id']}")
    text, record = data["document"]["text"], data["event"]
    assert record == shelling
    assert data["document"]["title"].startswith("Armenia and Azerbaijan")
    spans = {s["kind"]: s for s in data["spans"]}
    said = {kind: text[s["start"]:s["end"]] for kind, s in spans.items()}
    # The record's own offsets, and the date and tolls found again in its sentence.
    assert said["trigger"] == record["evidence"]["trigger"]["text"]
    assert said["source"] == record["source"]["text"] and said["target"] == record["target"]["text"]
    assert said["place"] == record["location"]["text"]
    assert said["date"] == "on Monday" and spans["date"]["label"] == f"date: {record['date']}"
    assert said["killed"].startswith("killing three") and spans["killed"]["label"] == f"killed: {record['fatalities']}"
    assert "five" in said["injured"] and spans["injured"]["label"] == f"injured: {record['injuries']}"
    sentence = record["evidence"]
    assert all(sentence["start"] <= s["start"] < s["end"] <= sentence["end"] for s in data["spans"])
    assert data["linked"]["link_id"] == record["link_id"]
    assert record["event_id"] in {m["event_id"] for m in data["linked"]["mentions"]}


def test_every_event_span_lies_in_its_text(server):
    for record in events(server, limit=500)["items"]:
        data = server.json("GET", f"/api/events/{record['event_id']}")
        text = data["document"]["text"]
        for span in data["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(text), span


def test_unknown_event_is_404(server):
    status, _, body = server.request("GET", "/api/events/nosuchevent")
    assert status == 404 and "nosuchevent" in json.loads(body)["detail"]


def test_code_returns_events_and_spans_without_storing(server):
    before = events(server)["total"]
    text = ("Turkish troops shelled Kurdish fighters near Afrin on Friday, killing three, "
            "a monitoring group said.")
    coded = server.json("POST", "/api/code", {"text": text, "published": "2021-03-06"})
    assert coded["text"] == text and coded["published"] == "2021-03-06"
    shelling = next(e for e in coded["events"] if e["evidence"]["trigger"]["text"] == "shelled")
    assert shelling["date"] == "2021-03-05" and shelling["fatalities"] == 3
    said = {s["kind"]: text[s["start"]:s["end"]] for s in shelling["spans"]}
    assert said["trigger"] == "shelled" and said["date"] == "on Friday" and said["place"] == "Afrin"
    assert events(server)["total"] == before


@pytest.mark.parametrize("payload, message", [
    ({"text": "   "}, "empty"),
    ({"text": "Rebels attacked a base.", "published": "last week"}, "published"),
    ({"published": "2021-03-06"}, "text"),
    ({"text": "Rebels attacked a base.", "extra": 1}, "extra"),
])
def test_code_rejects_bad_input_with_a_message(server, payload, message):
    status, _, body = server.request("POST", "/api/code", json.dumps(payload).encode(),
                                     {"Content-Type": "application/json"})
    assert status == 422 and message in body.decode()


def test_malformed_json_is_422_with_a_message(server):
    status, _, body = server.request("POST", "/api/code", b'{"text": "Rebels attacked', {"Content-Type": "application/json"})
    assert status == 422
    assert json.loads(body)["detail"][0]["msg"] == "JSON decode error"


def test_cross_site_form_post_is_not_json(server):
    # A page elsewhere can post text/plain without a preflight; it must not be read as JSON.
    status, _, _ = server.request("POST", "/api/code", json.dumps({"text": "Rebels attacked a base."}).encode(),
                                  {"Content-Type": "text/plain"})
    assert status == 422


def test_writes_need_the_token(server):
    document = {"documents": [{"id": "token-test", "text": "Rebels attacked an army base near Homs on Monday."}]}
    body = json.dumps(document).encode()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        status, response_headers, _ = server.request("POST", "/api/documents", body,
                                                     {"Content-Type": "application/json", **headers})
        assert status == 401 and response_headers["www-authenticate"] == "Bearer"
    assert events(server, doc="token-test")["total"] == 0
    report = server.json("POST", "/api/documents", document, token=TOKEN)
    assert report["stored"] == 1 and report["errors"] == []
    assert events(server, doc="token-test")["total"] > 0
    again = server.json("POST", "/api/documents", document, token=TOKEN)
    assert again["stored"] == 0 and again["unchanged"] == 1


def test_bad_document_is_reported_and_the_rest_stored(server):
    batch = {"documents": [{"id": "empty-one", "text": " "},
                           {"id": "good-one", "text": "Police arrested 12 protesters in Nairobi on Friday."}]}
    report = server.json("POST", "/api/documents", batch, token=TOKEN)
    assert report["stored"] == 1
    assert [(e["doc_id"], e["error"]) for e in report["errors"]] == [("empty-one", "empty text")]


def test_samples_were_ingested_through_the_api(server):
    docs = {d["id"] for d in sample_documents()} | {HOSTILE["id"]}
    for doc_id in docs:
        assert events(server, doc=doc_id)["total"] > 0, doc_id


def raw_exchange(server, head: bytes, body: bytes = b"") -> bytes:
    """Send a request as bytes, all of it, then read the response's status line. (http.client
    stops at the broken pipe when a server answers before the body is sent, as it should here.)"""
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(head + body)
        sock.shutdown(socket.SHUT_WR)
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    return response.split(b"\r\n")[0]


def test_oversized_body_is_413_before_it_is_sent(server):
    head = (f"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {DEFAULT_MAX_BODY + 1}\r\nExpect: 100-continue\r\n\r\n").encode()
    assert raw_exchange(server, head) == b"HTTP/1.1 413 Request Entity Too Large"
    status, _, _ = server.request("POST", "/api/code", b"{}", {"Content-Type": "application/json"})
    assert status == 422  # a small body still gets through


def test_oversized_chunked_body_is_413(server):
    # No Content-Length: the limit counts what arrives.
    size, step = DEFAULT_MAX_BODY + 1, 65536
    body = b"".join(b"%x\r\n" % min(step, size - at) + b"x" * min(step, size - at) + b"\r\n"
                    for at in range(0, size, step)) + b"0\r\n\r\n"
    head = (b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    assert raw_exchange(server, head, body) == b"HTTP/1.1 413 Request Entity Too Large"


@pytest.mark.parametrize("path", [
    "/static/../server/app.py", "/static/..%2f..%2fstore.py", "/static/%2e%2e/cli.py",
    "/static/../../../../etc/passwd", "/static//etc/passwd", "/docs-assets/../__init__.py", "/static/nothing.js",
])
def test_path_traversal_in_static_routes_is_404(server, path):
    status, _, body = server.request("GET", path)
    assert status == 404, body[:200]
    assert b"import" not in body and b"root:" not in body


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/docs", "/api/events", "/openapi.json"])
def test_security_headers(server, path):
    status, headers, _ = server.request("GET", path)
    assert status == 200
    assert headers["x-content-type-options"] == "nosniff"
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-eval" not in csp and "http" not in csp


def test_pages_load_nothing_from_elsewhere(server):
    for path in ("/", "/docs"):
        page = server.request("GET", path)[2].decode()
        assert "http://" not in page and "https://" not in page and "<script>" not in page  # no inline script


def test_no_cors(server):
    status, headers, _ = server.request("GET", "/api/events", headers={"Origin": "https://elsewhere.example"})
    assert status == 200 and "access-control-allow-origin" not in headers
    status, headers, _ = server.request("OPTIONS", "/api/documents", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert status >= 400 and "access-control-allow-origin" not in headers


def test_other_host_names_are_refused(server):
    # DNS rebinding: a page whose name now points at 127.0.0.1 sends its own name as Host.
    status, _, _ = server.request("GET", "/api/events", headers={"Host": "attacker.example"})
    assert status == 400
    assert server.request("GET", "/api/events", headers={"Host": f"localhost:{server.port}"})[0] == 200


def test_timeline_is_in_date_order_and_paginated(server):
    everything = server.json("GET", "/api/timeline?limit=500")
    dates = [r["date"] for r in everything["items"] if r["date"]]
    assert dates == sorted(dates) and everything["total"] == len(everything["items"])
    page = server.json("GET", "/api/timeline?limit=3&offset=3")
    assert [r["link_id"] for r in page["items"]] == [r["link_id"] for r in everything["items"][3:6]]
    repeated = server.json("GET", "/api/timeline?min_mentions=2&limit=500")["items"]
    assert all(r["mention_count"] >= 2 for r in repeated)


def test_actors_and_dyads_count_the_events(server):
    listed = events(server, limit=500)["items"]
    actors = server.json("GET", "/api/actors?limit=500")
    as_source = {a["code"]: a["as_source"] for a in actors}
    for code, count in as_source.items():
        assert count == sum((r["source"] or {}).get("code") == code for r in listed), code
    dyads = server.json("GET", "/api/dyads?limit=500")
    assert dyads and all(sum(d["types"].values()) == d["events"] for d in dyads)
    for dyad in dyads:
        assert dyad["events"] == sum((r["source"] or {}).get("code") == dyad["source"] and
                                     (r["target"] or {}).get("code") == dyad["target"] for r in listed)
    assert [d["events"] for d in dyads] == sorted((d["events"] for d in dyads), reverse=True)
    assault_dyads = server.json("GET", "/api/dyads?type=ASSAULT")
    assert assault_dyads and all(set(d["types"]) == {"ASSAULT"} for d in assault_dyads)


def test_places_and_counts(server):
    listed = events(server, limit=500)["items"]
    places = server.json("GET", "/api/places")
    nairobi = next(p for p in places if p["name"] == "Nairobi")
    assert nairobi["country"] == "KEN" and -2 < nairobi["lat"] < 0
    assert nairobi["events"] == sum((r["location"] or {}).get("name") == "Nairobi" for r in listed)
    counts = server.json("GET", "/api/counts?by=year")
    dated = [r for r in listed if r["date"]]
    assert sum(c["events"] for c in counts) == len(dated)


def test_openapi_lists_the_api(server):
    schema = server.json("GET", "/openapi.json")
    assert {"/api/code", "/api/documents", "/api/events", "/api/events/{event_id}", "/api/timeline", "/api/actors",
            "/api/dyads"} <= set(schema["paths"])
    assert "HTTPBearer" in json.dumps(schema["paths"]["/api/documents"])
