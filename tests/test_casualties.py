import pytest

from tacitus.casualties import find_casualties, parse_number


@pytest.mark.parametrize("text, value", [
    ("62", 62), ("1,200", 1200), ("twenty", 20), ("twenty-two", 22), ("two hundred", 200),
    ("a dozen", 12), ("three thousand five hundred", 3500), ("several", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence, killed, injured", [
    ("An air raid left 62 soldiers killed and about 100 other people injured.", 62, 100),
    ("Twenty people were reportedly killed.", 20, None),
    ("Police opened fire on the crowd, killing two and wounding 14.", 2, 14),
    ("Talks resumed in Geneva on Monday.", None, None),
])
def test_find_casualties(nlp, sentence, killed, injured):
    found = find_casualties(next(nlp(sentence).sents))
    assert found[:2] == (killed, injured)
