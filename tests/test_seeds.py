"""The two seed reports of DESIGN.md: the events a user expects from them."""


def find(events, **where):
    def ok(event):
        for key, value in where.items():
            path = key.split("__")
            field = event
            for part in path:
                field = (field or {}).get(part)
            if callable(value) and not value(field) or not callable(value) and field != value:
                return False
        return True
    return [e for e in events if ok(e)]


def test_kerry_2016(seeds):
    events = seeds["kerry-talks-2016"]
    assert find(events, type="THREATEN", source__country="USA", target__country="RUS", date="2016-09-29")
    assert find(events, type="CONSULT", source__country="RUS", target__country="USA", date="2016-09-10",
                location__name="Geneva", source__reciprocal=True)
    raid = find(events, type="ASSAULT", date="2016-09-17", target__code="SYRMIL", location__name="Deir ez-Zor")
    assert raid and raid[0]["fatalities"] == 62 and raid[0]["injuries"] == 100 and raid[0]["mode"] == "aerial"
    assert find(events, type="ASSAULT", source__code=lambda c: (c or "").startswith("IGOCOA"), target__code="SYRMIL")
    assert find(events, type="ASSAULT", source__code=lambda c: (c or "").startswith("IMGMUSISI"), target__code="SYRMIL")
    convoy = find(events, type="ASSAULT", date="2016-09-19", target__code="IGOUNO")
    assert convoy
    assert find(events, type="ASSAULT", fatalities=20, realis="alleged")
    assert find(events, cameo="111", source__code="IGOUNO")
    assert find(events, type="REQUEST", source__code="IGOUNO")
    assert find(events, type="ACCUSE", source__code="RUSMIL", target__role="OPP")


def test_lavrov_2017(seeds):
    events = seeds["lavrov-truce-2017"]
    assert find(events, type="ASSAULT", date="2017-06-20", target__country="SYR")  # the drone
    assert find(events, type="ASSAULT", date="2017-06-18", source__code="IGOCOAMIL")  # the Su-22
    assert find(events, type="SANCTION", source__code="RUSGOV", target__country="USA")
    assert find(events, type="REQUEST", source__country="RUS")
    assert find(events, type="CONSULT", source__code="RUSGOV", target__code="FRAGOV")
    assert find(events, type="ACCUSE", source__code="RUSGOV")
    assert find(events, date="2015-10", date_precision="month")  # "in the autumn of 2015": its middle month
