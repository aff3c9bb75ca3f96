from datetime import date

import pytest

from tacitus.dates import find_dates, resolve

THURSDAY = date(2016, 9, 29)


@pytest.mark.parametrize("expression, expected", [
    ("on Thursday", ("2016-09-29", "day")),            # the day of publication, not a week early
    ("late on Monday", ("2016-09-26", "day")),
    ("September 17", ("2016-09-17", "day")),
    ("On Monday, September 19", ("2016-09-19", "day")),
    ("yesterday", ("2016-09-28", "day")),
    ("December 30", ("2015-12-30", "day")),            # no year: the most recent past one
    ("in 2014", ("2014", "year")),
    ("in the autumn of 2015", ("2015", "year")),
    ("March 2013", ("2013-03", "month")),
])
def test_resolve_against_publication(expression, expected):
    assert resolve(expression, THURSDAY) == expected


def test_day_month_order_and_no_year():
    assert resolve("on 20 June", date(2017, 6, 21)) == ("2017-06-20", "day")


def test_durations_are_not_dates():
    assert resolve("the past few days", THURSDAY) is None


def test_dates_found_in_a_sentence_with_offsets(nlp):
    doc = nlp("The army said on September 17 that an air raid killed 62 soldiers.")
    found = find_dates(next(doc.sents), THURSDAY)
    assert [(d.value, d.precision) for d in found] == [("2016-09-17", "day")]
    assert doc.text[found[0].start:found[0].end] == "on September 17"
    assert found[0].anchor.lemma_ == "say"
