import pytest

from tacitus import code
from tacitus.casualties import find_casualties, parse_number


@pytest.mark.parametrize("text, value", [
    ("62", 62), ("1,200", 1200), ("twenty", 20), ("twenty-two", 22), ("two hundred", 200),
    ("a dozen", 12), ("two dozen", 24), ("three thousand five hundred", 3500), ("several", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence, killed, injured", [
    ("An air raid left 62 soldiers killed and about 100 other people injured.", 62, 100),
    ("Twenty people were reportedly killed.", 20, None),
    ("Police opened fire on the crowd, killing two and wounding 14.", 2, 14),
    ("The blast killed at least 25 people and wounded more than 300.", 25, 300),  # lower bounds
    ("Police shot dead two protesters in Nairobi.", 2, None),
    ("Two protesters were shot dead by police.", 2, None),
    ("The attack left 12 dead and 30 wounded.", 12, 30),
    ("The clashes left eight soldiers dead.", 8, None),
    ("Five people died after the strike, and dozens were injured.", 5, None),  # "dozens" is not counted
    ("Dozens of people were killed and hundreds wounded.", None, None),
    ("The death toll rose to 45, officials said.", 45, None),
    ("A soldier was killed and three others were wounded.", 1, 3),
    ("Five soldiers and two civilians were killed in the shelling.", 7, None),
    ("Twenty-two people were killed, including a dozen children.", 22, None),
    ("3 killed, 12 injured in Kabul blast", 3, 12),
    ("Two gunmen killed a policeman.", 1, None),  # the killers' number is not the toll
    ("Thirty people lost their lives in the attack.", 30, None),
    ("Nearly 50 people were hurt in the clashes.", None, 50),
    ("Gunmen killed a number of villagers.", None, None),
    ("Talks resumed in Geneva on Monday.", None, None),
])
def test_find_casualties(nlp, sentence, killed, injured):
    assert tuple(find_casualties(next(nlp(sentence).sents)))[:2] == (killed, injured)


def test_each_incident_keeps_its_own_toll(nlp):
    doc = nlp("Rebels shelled the market, killing five people, while troops bombed the village, killing 12 fighters.")
    sentence = next(doc.sents)
    found = find_casualties(sentence)
    shelled = next(t for t in sentence if t.text == "shelled")
    bombed = next(t for t in sentence if t.text == "bombed")
    assert found.for_event(shelled, [shelled, bombed])[0] == 5
    assert found.for_event(bombed, [shelled, bombed])[0] == 12


def test_a_toll_near_no_event_word_is_the_sentences(nlp):
    doc = nlp("Officials said 30 people were killed.")
    sentence = next(doc.sents)
    said = next(t for t in sentence if t.text == "said")
    assert find_casualties(sentence).for_event(said, [])[0] == 30


def test_events_carry_their_counts():
    events = [e.to_dict() for e in code("Gunmen attacked a checkpoint near Arish on Saturday, killing five soldiers "
                                        "and wounding three.", published="2017-07-09")]
    attack = next(e for e in events if e["type"] == "ASSAULT")
    assert (attack["fatalities"], attack["injuries"]) == (5, 3)
    statements = [e for e in code("The ministry said talks would resume.", published="2017-07-09")]
    assert all(e.fatalities is None and e.injuries is None for e in statements)
