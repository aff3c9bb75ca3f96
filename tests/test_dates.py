from datetime import date

import pytest

from tacitus.dates import find_dates, resolve

THURSDAY = date(2016, 9, 29)


@pytest.mark.parametrize("expression, expected", [
    ("on Thursday", ("2016-09-29", "day")),            # the day of publication, not a week early
    ("late on Monday", ("2016-09-26", "day")),
    ("early on Friday", ("2016-09-23", "day")),
    ("Wednesday night", ("2016-09-28", "day")),
    ("last Thursday", ("2016-09-22", "day")),           # "last" skips the day of publication
    ("September 17", ("2016-09-17", "day")),
    ("On Monday, September 19", ("2016-09-19", "day")),
    ("Sept. 17, 2016", ("2016-09-17", "day")),
    ("the 17th of September", ("2016-09-17", "day")),
    ("2016-09-17", ("2016-09-17", "day")),
    ("yesterday", ("2016-09-28", "day")),
    ("last night", ("2016-09-28", "day")),
    ("this morning", ("2016-09-29", "day")),
    ("the day before yesterday", ("2016-09-27", "day")),
    ("three days ago", ("2016-09-26", "day")),
    ("December 30", ("2015-12-30", "day")),            # no year: the most recent past one
    ("in March", ("2016-03", "month")),
    ("in November", ("2015-11", "month")),             # a month still to come this year was last year's
    ("March 2013", ("2013-03", "month")),
    ("in early March 2013", ("2013-03", "month")),
    ("earlier this month", ("2016-09", "month")),
    ("last month", ("2016-08", "month")),
    ("in 2014", ("2014", "year")),
    ("since 2011", ("2011", "year")),
    ("in late 2014", ("2014", "year")),
    ("last year", ("2015", "year")),
    ("in the autumn of 2015", ("2015-10", "month")),   # a season is its middle month
    ("in the spring of 2011", ("2011-04", "month")),
    ("winter of 2015", ("2015-01", "month")),
    ("last summer", ("2016-07", "month")),
])
def test_resolve_against_publication(expression, expected):
    assert resolve(expression, THURSDAY) == expected


@pytest.mark.parametrize("published, expected", [
    (date(2016, 9, 28), "2016-09"),  # a Wednesday: last week's Thursday is 22 September
    (date(2016, 10, 3), "2016-09"),  # a Monday: last week ran 26 September to 2 October, mostly September
    (date(2016, 10, 7), "2016-09"),  # a Friday: last week's Thursday is 29 September
    (date(2016, 10, 10), "2016-10"),  # a Monday: last week ran 3 to 9 October
])
def test_last_week_is_the_month_holding_most_of_that_week(published, expected):
    assert resolve("last week", published) == (expected, "month")


@pytest.mark.parametrize("published, expected", [
    (date(2019, 6, 3), "2019-06-03"),   # Monday paper: "on Monday" is that day
    (date(2019, 6, 4), "2019-06-03"),
    (date(2019, 6, 9), "2019-06-03"),   # Sunday paper: the Monday six days before
])
def test_weekday_is_the_last_one_on_or_before_publication(published, expected):
    assert resolve("on Monday", published) == (expected, "day")


def test_day_month_order_and_no_year():
    assert resolve("on 20 June", date(2017, 6, 21)) == ("2017-06-20", "day")
    assert resolve("on 22 June", date(2017, 6, 21)) == ("2016-06-22", "day")


def test_future_clauses_look_ahead():
    assert resolve("on Thursday", date(2021, 4, 26), future=True) == ("2021-04-29", "day")
    assert resolve("October 2", date(2019, 9, 25), future=True) == ("2019-10-02", "day")
    assert resolve("next Tuesday", THURSDAY) == ("2016-10-04", "day")
    assert resolve("next month", THURSDAY) == ("2016-10", "month")


def test_durations_are_not_dates():
    assert resolve("the past few days", THURSDAY) is None
    assert resolve("for two weeks", THURSDAY) is None


def test_dates_found_in_a_sentence_with_offsets(nlp):
    doc = nlp("The army said on September 17 that an air raid killed 62 soldiers.")
    found = find_dates(next(doc.sents), THURSDAY)
    assert [(d.value, d.precision) for d in found] == [("2016-09-17", "day")]
    assert doc.text[found[0].start:found[0].end] == "on September 17"
    assert found[0].anchor.lemma_ == "say"


def test_future_tense_in_the_parse_turns_a_weekday_forward(nlp):
    doc = nlp("The two ministers will meet in Ankara on Thursday.")
    (found,) = find_dates(next(doc.sents), date(2021, 4, 26))
    assert (found.value, found.precision) == ("2021-04-29", "day")


def test_month_names_as_words_are_not_dates(nlp):
    doc = nlp("The march on Sunday was peaceful, and police may 5 times have warned organisers.")
    found = find_dates(next(doc.sents), date(2020, 3, 10))
    assert [d.text for d in found] == ["on Sunday"]


def test_several_expressions_each_with_their_own_span(nlp):
    doc = nlp("Rebels shelled the town last week, and on Monday, March 9, they attacked it again.")
    found = find_dates(next(doc.sents), date(2020, 3, 11))
    assert [(d.text, d.value, d.precision) for d in found] == [
        ("last week", "2020-03", "month"), ("on Monday, March 9", "2020-03-09", "day")]
