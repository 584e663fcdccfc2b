"""Is this the same person? A cheap name similarity for the importer's identity checks.

`name_similarity(a, b)` is the share of the shorter name's words found in the longer one, order not counting. A word
is found when it is the same word, the same after the usual spelling variants (Moh./Moch./Muh. → Muhammad), an initial
or short abbreviation of it ("M." → Muhammad, "Abd" → Abdul), or a near spelling (similarity ≥ WORD_MIN: "Fauzy" ~
"Fauzi", "Rohman" ~ "Rahman"). A name written with or without a space ("Abdulrahman" ~ "Abdul Rahman") counts too.

Names below SAME_NAME_MIN are "clearly different": "Ahmad Fauzi" ~ "Siti Aminah" is 0, "Dewi Lestari" ~ "Dewi
Sartika" is 0.5, while "Achmad Fauzi" ~ "Ahmad Fauzi" and "M. Rizki" ~ "Muhammad Rizki" are 1. Only rows whose
identifier matched a record are compared, so the cost is one comparison per matched row and no query. (A pesantren's
NSPP under another name is a rename to confirm however alike the names: pesantren/importers.py.)"""

import re
from difflib import SequenceMatcher

SAME_NAME_MIN = 0.6  # below this, two names are treated as two different people / pesantren
WORD_MIN = 0.8  # a word counts as found from this similarity on
NOT_A_WORD = re.compile(r"[^\w\s]")
SPELLINGS = {
    word: "muhammad"
    for word in ("moh", "moch", "mochammad", "mochamad", "mohammad", "mohamad", "muh", "muhamad", "mohd", "mhd")
}
PESANTREN_WORDS = {"pondok", "pesantren", "pp", "ponpes", "ypp", "yayasan", "al", "el", "an", "ar", "as", "ad", "asy"}


def name_words(name, ignore=frozenset()):
    words = [SPELLINGS.get(w, w) for w in NOT_A_WORD.sub(" ", str(name or "").lower()).split()]
    kept = [w for w in words if w not in ignore]
    return kept or words


def _ratio(a, b):
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _found(word, words):
    for other in words:
        if word == other or (len(word) <= 3 and other.startswith(word)) or _ratio(word, other) >= WORD_MIN:
            return True
    return False


def name_similarity(a, b, ignore=frozenset()) -> float:
    words_a, words_b = name_words(a, ignore), name_words(b, ignore)
    if not words_a or not words_b:
        return 0.0
    if "".join(words_a) == "".join(words_b):
        return 1.0
    shorter, longer = sorted((words_a, words_b), key=len)
    return sum(_found(word, longer) for word in shorter) / len(shorter)


def same_person_name(a, b) -> bool:
    return name_similarity(a, b) >= SAME_NAME_MIN
