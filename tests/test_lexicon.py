from tacitus.lexicon import load_lexicon
from tacitus.ontology import PLOVER_TYPES, codebook, lookup


def test_codebook_is_complete():
    book = codebook()
    assert len(book) > 250
    assert {code[:2] for code in book} == {f"{n:02d}" for n in range(1, 21)}
    assert lookup("195").plover_type == "ASSAULT" and lookup("195").goldstein == -10.0
    assert lookup("164").threat_code == "134"


def test_lexicon_covers_every_cameo_root_and_plover_type():
    lexicon = load_lexicon()
    entries = [e for group in lexicon.by_word.values() for e in group]
    assert len(entries) > 250
    assert {e.code[:2] for e in entries} == {f"{n:02d}" for n in range(1, 21)}
    reachable = {lookup(e.code).plover_type for e in entries}
    reachable |= {lookup(lookup(e.code).threat_code).plover_type for e in entries if lookup(e.code).threat_code}
    assert set(PLOVER_TYPES) <= reachable


def test_most_specific_entry_wins(nlp):
    lexicon = load_lexicon()
    doc = nlp("The government called off the talks with the rebels.")
    assert lexicon.match(doc[2]).id == "call-off-talks"
    doc = nlp("The minister called for calm.")
    assert lexicon.match(doc[2]).id == "call-for"


def test_every_plover_type_and_mode_is_reachable_and_valid():
    from tacitus.ontology import plover_modes, threat_mode

    lexicon = load_lexicon()
    entries = [e for group in lexicon.by_word.values() for e in group]
    reachable = set()
    for entry in entries:
        code = lookup(entry.code)
        plover_type, mode = entry.plover_type or code.plover_type, entry.mode or code.plover_mode
        reachable.add((plover_type, mode))
        if code.threat_code:  # the same action threatened
            reachable.add(("THREATEN", threat_mode(plover_type, mode) or lookup(code.threat_code).plover_mode))
    assert {pair for pair in reachable if pair[1]} <= plover_modes()  # loading checks it too
    assert plover_modes() <= reachable
