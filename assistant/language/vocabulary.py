"""Resident vocabulary mapped to the plan's terms (service areas, line items, years, columns).

Matching works on folded text (no ä/ö needed), on inflected forms and compounds (stems matched as
prefixes, some also inside compounds) and on typos (a small edit distance for long stems). No Voikko:
importing it costs seconds and stems cover the closed vocabulary of a budget table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from corpus.records import Column
from corpus.text import fold

PLAN_YEAR = 2024
PLAN_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025, 2026)
KIND_BY_YEAR: dict[int, str] = {2022: "TP", 2023: "TA", 2024: "TA", 2025: "TS", 2026: "TS"}
BOARD = "TOIMIALA"
SERVICE_AREAS: tuple[str, ...] = ("HYTE", "OPKOU", "VAKA", "VIRE")

# Concepts that resolve to different line items depending on the table (see figure_query.resolve_items).
COSTS = "@COSTS"
REVENUE = "@REVENUE"
NET = "@NET"
BUDGET = "@BUDGET"
SPEND = "@SPEND"  # a spending verb ("maksaa", "menee"): costs, unless the question names a row
CONCEPTS: tuple[str, ...] = (COSTS, REVENUE, NET, BUDGET, SPEND)
INVESTMENTS = "@INVESTMENTS"

_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Term:
    """A plan term and the word patterns that mean it, one pattern per consecutive token.

    Pattern syntax: ``stem`` matches tokens starting with the stem (typo-tolerant when long);
    ``*stem`` also matches the stem inside a compound; ``=a|b`` matches exactly one of the words.
    """

    value: str
    patterns: tuple[str, ...]
    note: str = ""  # a sub-service name the plan does not split out, e.g. "Kirjasto"
    plural: bool = False  # grammatical number of `note` ("Päiväkodit kuuluvat …")
    exclude: tuple[str, ...] = ()  # token prefixes that never match (e.g. "tulos" for "tulot")


@dataclass(frozen=True)
class Mention:
    """A term found in a question: its value, the question's words and their token span."""

    value: str
    words: str
    start: int
    end: int  # exclusive token index
    score: float
    note: str = ""
    plural: bool = False
    typo: bool = False  # some word matched only with a spelling error


def tokenize(text: str) -> tuple[str, ...]:
    """Folded word tokens: 'Päiväkotien menot 2024?' -> ('paivakotien', 'menot', '2024')."""
    return tuple(_TOKEN.findall(fold(text)))


# --- typo-tolerant token matching ------------------------------------------------------------

def osa_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment edit distance (insert, delete, substitute, swap), capped at `limit`+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    return min(_osa_rows(a, b, limit)[len(a)], limit + 1)


def prefix_distance(token: str, stem: str, limit: int) -> int:
    """The smallest edit distance between `stem` and any prefix of `token` (capped at `limit`+1)."""
    head = token[: len(stem) + limit]
    last = _osa_rows(head, stem, limit)
    lengths = range(max(0, len(stem) - limit), len(head) + 1)
    return min((last[i] for i in lengths if i < len(last)), default=limit + 1)


def _osa_rows(a: str, b: str, limit: int) -> list[int]:
    """Distances from each prefix a[:i] to the whole of b (index i), computed in one pass."""
    width = len(b)
    previous2: list[int] = []
    previous = list(range(width + 1))
    ends = [previous[width]]
    for i in range(1, len(a) + 1):
        current = [i] + [0] * width
        for j in range(1, width + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        ends.append(current[width])
        if min(current) > limit:  # every later row is at least as far: stop early
            ends.extend([limit + 1] * (len(a) - i))
            break
        previous2, previous = previous, current
    return ends


def _plausible_typo(token: str, stem: str) -> bool:
    """A cheap filter before the edit distance: typos seldom touch both of the first letters."""
    return token[:2] == stem[:2] or token[:2] == stem[1::-1] or (token[:1] == stem[:1] and token[2:4] == stem[2:4])


# Finnish case endings and plural marks: a word that is a stem's first part plus one of these is that
# shorter word correctly spelt ("toimintaan" = toiminta + an), not a misspelling of the longer stem.
INFLECTION_ENDINGS = frozenset(
    """isiin iksi ihin iden itten ista issa illa ilta ille ineen jen ien sta ssa lla lta lle ksi een aan oon
    uun iin seen siin tta ta na ne in en an on un ut et at ja ia t n a i s""".split()
) | {""}


def plain_inflection_of_part(token: str, stem: str, shortest: int = 4) -> bool:
    """Whether `token` is a proper first part of `stem` (at least `shortest` letters) plus a case ending."""
    return any(
        token.startswith(stem[:cut]) and token[cut:] in INFLECTION_ENDINGS
        for cut in range(shortest, len(stem))
    )


def typo_tolerance(stem: str) -> int:
    """How many edits a stem of this length tolerates: short stems none (too many false hits)."""
    if len(stem) >= 11:
        return 2
    if len(stem) >= 6:
        return 1
    return 0


@lru_cache(maxsize=200_000)
def pattern_score(pattern: str, token: str) -> float:
    """How well `token` matches one pattern: 0 for no match, else the stem length (less for typos)."""
    if pattern.startswith("="):
        words = pattern[1:].split("|")
        if token in words:
            return float(len(token))
        # Only long words tolerate a typo: "talosta" is a word of its own, not a misspelt "tulosta".
        if len(token) >= 8 and any(
            len(w) >= 8 and _plausible_typo(token, w) and osa_distance(token, w, 1) <= 1 for w in words
        ):
            return len(token) - 0.5
        return 0.0
    compound = pattern.startswith("*")
    stem = pattern[1:] if compound else pattern
    if token.startswith(stem):
        return float(len(stem))
    if compound and len(token) > len(stem) and stem in token:
        return float(len(stem))
    tolerance = typo_tolerance(stem)
    if (
        tolerance
        and len(token) >= len(stem) - tolerance
        and _plausible_typo(token, stem)
        and not plain_inflection_of_part(token, stem)
    ):
        best = prefix_distance(token, stem, tolerance)
        if best <= tolerance:
            return len(stem) - 0.5 * best - 0.25
    return 0.0


def stem_in(tokens: Iterable[str], patterns: Iterable[str]) -> bool:
    """Whether any token matches any of the single-token patterns."""
    pats = tuple(patterns)
    return any(pattern_score(p, t) > 0 for t in tokens for p in pats)


_TERM_SETS: dict[int, tuple[Term, ...]] = {}


def find_terms(tokens: tuple[str, ...], terms: tuple[Term, ...]) -> tuple[Mention, ...]:
    """All non-overlapping term mentions, longest (best-scoring) first, returned in question order."""
    # Routing, parsing and answering look at the same question several times: memoise per term set.
    _TERM_SETS.setdefault(id(terms), terms)
    if _TERM_SETS[id(terms)] is not terms:
        return _find_terms(tokens, terms)
    return _find_terms_cached(tokens, id(terms))


@lru_cache(maxsize=4096)
def _find_terms_cached(tokens: tuple[str, ...], terms_id: int) -> tuple[Mention, ...]:
    return _find_terms(tokens, _TERM_SETS[terms_id])


def _find_terms(tokens: tuple[str, ...], terms: tuple[Term, ...]) -> tuple[Mention, ...]:
    candidates: list[Mention] = []
    for term in terms:
        width = len(term.patterns)
        for start in range(len(tokens) - width + 1):
            window = tokens[start : start + width]
            if any(w.startswith(e) for w in window for e in term.exclude):
                continue
            scores = [pattern_score(p, t) for p, t in zip(term.patterns, window)]
            if all(scores):
                typo = any(score != int(score) for score in scores)  # exact matches score whole lengths
                candidates.append(
                    Mention(term.value, " ".join(window), start, start + width, sum(scores), term.note, term.plural, typo)
                )
    candidates.sort(key=lambda m: (-m.score, m.start))
    taken: set[int] = set()
    chosen: list[Mention] = []
    for mention in candidates:
        span = set(range(mention.start, mention.end))
        if span & taken:
            continue
        taken |= span
        chosen.append(mention)
    return tuple(sorted(chosen, key=lambda m: m.start))


# --- the vocabularies ---------------------------------------------------------------------------

def _t(value: str, *patterns: str, note: str = "", plural: bool = False, exclude: tuple[str, ...] = ()) -> Term:
    return Term(value, tuple(patterns), note, plural, exclude)


_OTHER = "=muut|muu|muun|muiden|muihin|muita|muista|muille|muilla"

AREA_TERMS: tuple[Term, ...] = (
    # Varhaiskasvatus
    _t("VAKA", "*varhaiskasvatuspalvel"),
    _t("VAKA", "*varhaiskasvat"),
    _t("VAKA", "*paivakot", note="Päiväkodit", plural=True),
    _t("VAKA", "*paivakod", note="Päiväkodit", plural=True),
    _t("VAKA", "*paivahoi", note="Päivähoito"),
    _t("VAKA", "*esiopetu", note="Esiopetus"),
    _t("VAKA", "*lastentarh", note="Päiväkodit", plural=True),
    _t("VAKA", "=vaka|vakan|vakalle|vakassa|vakasta|vakaan|vakaa|vakalla"),
    # Opetus- ja koulutuspalvelut
    _t("OPKOU", "*koulutuspalvel"),
    _t("OPKOU", "*opetuspalvel"),
    _t("OPKOU", "*opetus"),
    _t("OPKOU", "*opetuk"),
    _t("OPKOU", "*koulu", exclude=("koulutusjoht",)),
    _t("OPKOU", "*perusopet", note="Perusopetus"),
    _t("OPKOU", "*lukio", note="Lukio"),
    _t("OPKOU", "*musiikkiopet", note="Musiikkiopetus"),
    _t("OPKOU", "oppilai"),
    _t("OPKOU", "oppilaa"),
    _t("OPKOU", "=opkou|opkoun|opkoul|opkoulle|opkoussa|opkouhun|opkouta"),
    # Virikkeellinen elämä (the plan does not split its services)
    _t("VIRE", "*virikkee", "elam"),  # the area's full name is one mention, so both words name the area
    _t("VIRE", "*virkkee", "elam"),
    _t("VIRE", "*virikkee"),
    _t("VIRE", "*virkkee"),
    _t("VIRE", "=vire|viren|vireen|vireelle|vireessa|vireella|virelle|vireesta"),
    _t("VIRE", "*kirjastopalvel", note="Kirjastopalvelut", plural=True),
    _t("VIRE", "*kirjasto", note="Kirjasto"),
    _t("VIRE", "*museopalvel", note="Museopalvelut", plural=True),
    _t("VIRE", "*museotoimin", note="Museotoiminta"),
    _t("VIRE", "*museo", note="Museotoiminta"),
    _t("VIRE", "*liikuntapalvel", note="Liikuntapalvelut", plural=True),
    _t("VIRE", "*liikunt", note="Liikuntapalvelut", plural=True),
    _t("VIRE", "*liikunn", note="Liikuntapalvelut", plural=True),
    _t("VIRE", "*uimahall", note="Uimahalli"),
    _t("VIRE", "*jaahall", note="Jäähalli"),
    _t("VIRE", "*nuorisopalvel", note="Nuorisopalvelut", plural=True),
    _t("VIRE", "*nuoriso", note="Nuorisopalvelut", plural=True),
    _t("VIRE", "*nuorisoty", note="Nuorisotyö"),
    # Hyvinvoinnin ja terveyden edistäminen
    _t("HYTE", "hyte"),
    _t("HYTE", "hyvinvoinnin", "=ja", "terveyden", "edist"),
    _t("HYTE", "hyvinvoinnin", "edist"),
    _t("HYTE", "terveyden", "edist"),
    _t("HYTE", "*terveydenedist"),
    _t("HYTE", "*kotoutt", note="Kotouttaminen"),
    # The whole board
    _t(BOARD, "*lautakun"),
    _t(BOARD, "*hyvinvointitoimial"),
    _t(BOARD, "=koko", "toimial"),
    _t(BOARD, "=toimiala|toimialan|toimialalla|toimialalle|toimialaa|toimialassa|toimialalta|toimialaan"),
)

ITEM_TERMS: tuple[Term, ...] = (
    _t("Myyntituotot", "*myyntituot"),
    _t("Myyntituotot", "*myyntitulo"),
    _t("Myyntituotot", "myynti"),
    _t("Maksutuotot", "*maksutuot"),
    _t("Maksutuotot", "*maksutulo"),
    _t("Maksutuotot", "*asiakasmaksu"),
    _t("Maksutuotot", "=maksut|maksua|maksuja|maksujen|maksuista|maksuihin|maksuina|maksuilla"),
    _t("Tuet ja avustukset", "=tuet|tukia|tukien|tuki|tukea", "=ja", "avustu"),
    _t("Tuet ja avustukset", "*valtionavustu"),
    _t("Tuet ja avustukset", "=saadut|saatavat|saadaan|saa|saavat", "avustu"),
    _t("Tuet ja avustukset", "=tuet|tukia|tukien"),
    _t("Muut toimintatuotot", _OTHER, "*toimintatuot"),
    _t("Muut toimintatuotot", _OTHER, "tuoto"),
    _t("Muut toimintatuotot", _OTHER, "tuott"),
    _t("Muut toimintatuotot", _OTHER, "=tulot|tuloja|tulojen|tuloihin|tuloista"),
    _t("Toimintatuotot", "*toimintatuot"),
    _t("Toimintatuotot", "*toimintatulo"),
    _t("Henkilöstökulut", "*henkilostokul"),
    _t("Henkilöstökulut", "*henkilostomeno"),
    _t("Henkilöstökulut", "*henkilostokustan"),
    _t("Henkilöstökulut", "*henkilokul"),
    _t("Henkilöstökulut", "*henkilos", "*kulu"),
    _t("Henkilöstökulut", "*henkilos", "*meno"),
    _t("Henkilöstökulut", "*henkilos", "*kustann"),
    _t("Henkilöstökulut", "*tyovoimakul"),
    _t("Henkilöstökulut", "*palkk"),
    _t("Henkilöstökulut", "=palkat|palkoista|palkoihin|palkoissa|palkoiksi|palkoille"),
    _t("Palvelujen ostot", "palvelu", "osto"),
    _t("Palvelujen ostot", "*palveluost"),
    _t("Palvelujen ostot", "*ostopalvel"),
    _t("Palvelujen ostot", "=ostot|ostoihin|ostoja|ostojen|ostoista|ostoissa"),
    _t("Aineet, tarvikkeet ja tavarat", "=aineet|aineisiin|aineita|aineista|aineiden|aineisiin"),
    _t("Aineet, tarvikkeet ja tavarat", "*tarvik"),
    _t("Aineet, tarvikkeet ja tavarat", "*tavaro"),
    _t("Aineet, tarvikkeet ja tavarat", "=tavarat|tavaraa|tavara"),
    _t("Aineet, tarvikkeet ja tavarat", "*materiaal"),
    _t("Avustukset", "*avustu"),
    _t("Muut toimintakulut", _OTHER, "*toimintakul"),
    _t("Muut toimintakulut", _OTHER, "kulu"),
    _t("Muut toimintakulut", _OTHER, "meno"),
    _t("Toimintakulut", "*toimintakul"),
    _t("Toimintakulut", "*toimintameno"),
    _t("Toimintakate", "*toimintakat"),
    _t("Toimintakate", "=kate|katteen|katetta|katteeksi|kate"),
    _t("Rahoitustuotot ja -kulut", "*rahoitustuot"),
    _t("Rahoitustuotot ja -kulut", "*rahoituskul"),
    _t("Rahoitustuotot ja -kulut", "*rahoituseri"),
    _t("Vuosikate", "*vuosikat"),
    _t("Poistot ja arvonalentumiset", "*poisto"),
    _t("Poistot ja arvonalentumiset", "*arvonalentu"),
    _t("Tilikauden tulos", "tilikau", "tulo"),
    _t("Tilikauden tulos", "*tilikaudentulo"),
    _t("Tilikauden tulos", "=tulos|tulosta|tuloksen|tulokseksi|tulokset|tuloksena"),
    _t("Tilikauden tulos", "*alijaam"),
    _t("Tilikauden tulos", "*ylijaam"),
    # Concepts: resolved per table, e.g. "menot" is Menot in the board's budget, Toimintakulut elsewhere.
    _t(COSTS, "*kulu", exclude=("kulutta", "kuluu", "kuluva")),
    _t(COSTS, "*meno"),
    _t(COSTS, "*kustann"),
    _t(SPEND, "=maksaa|maksavat|maksoi|maksoivat|maksanut|maksaneet|maksetaan|maksettiin|kuluttaa|kuluttavat"),
    _t(SPEND, "=kuluu|kuluvat|kului|kuluivat|menee|menevat|meni|menivat"),
    _t(REVENUE, "=tulot|tuloja|tulojen|tuloihin|tuloista|tuloissa|tulo|tuloa|tulona|tuloiksi|tuloina"),
    _t(REVENUE, "*tuoto"),
    _t(REVENUE, "*tuott", exclude=("tuottaa", "tuottav", "tuottam", "tuottee")),
    _t(REVENUE, "=tienaa|tienaavat|ansaitsee"),
    _t(NET, "*netto"),
    _t(BUDGET, "*budjet"),
    _t(SPEND, "=kallein|kalleimmat|kalleimman|kalleimpia|halvin|halvimmat|halvimman|kalliimpi|halvempi"),
    _t(BUDGET, "*maararah"),
    _t(BUDGET, "=rahaa|rahat|rahoja|rahaa"),
    _t(BUDGET, "=euroa|euroja|eur|euro|euroissa|euroina"),
    _t(BUDGET, "*talousarvi"),
    _t(BUDGET, "*taloussuunnitel"),
    _t(INVESTMENTS, "*investoin"),
    _t(INVESTMENTS, "*investoiti"),
)

# Rows that make up the costs and the revenues of a service area's table, for "the largest cost row".
COST_ROWS: tuple[str, ...] = ("Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset", "Muut toimintakulut")
REVENUE_ROWS: tuple[str, ...] = ("Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Muut toimintatuotot")

# Departments and bodies outside this board: their figures are not in the plan.
OUTSIDE_TERMS: tuple[Term, ...] = (
    _t("tekninen toimiala", "tekni"),
    _t("sosiaali- ja terveyspalvelut", "*sosiaali"),
    _t("sosiaali- ja terveyspalvelut", "=sote|soten|sotelle|sotessa"),
    _t("sosiaali- ja terveyspalvelut", "*terveyspalvel"),
    _t("sosiaali- ja terveyspalvelut", "*terveydenhuol"),
    _t("sosiaali- ja terveyspalvelut", "*terveyskesk"),
    _t("sosiaali- ja terveyspalvelut", "*sairaal"),
    _t("sosiaali- ja terveyspalvelut", "*vanhuspalvel"),
    _t("hyvinvointialue", "*hyvinvointialu", exclude=("hyvinvointilauta", "hyvinvointitoim")),
    _t("hyvinvointialue", "=hva|hvan|hvalle|hvassa"),
    _t("kaupunginhallitus", "*kaupunginhallit"),
    _t("elinvoimatoimiala", "*elinvoimatoim"),
    _t("elinvoimatoimiala", "*elinvoimalauta"),
    _t("elinvoimatoimiala", "*elinvoimapalv"),
    _t("ympäristötoimi", "*ymparistotoim"),
    _t("ympäristötoimi", "*ymparistolauta"),
    _t("ympäristötoimi", "*rakennusvalv"),
    _t("pelastustoimi", "*pelastus"),
    _t("vesihuolto", "*vesihuol"),
    _t("kaavoitus", "*kaavoit"),
    _t("koko kaupunki", "=koko", "kaupung"),
    # Taxes and state shares are the town's revenue, never a board's row.
    _t("koko kaupunki", "*verotulo"),
    _t("koko kaupunki", "=vero|verot|veroja|verojen|veroista|veroihin|veroprosentti"),
    _t("koko kaupunki", "*valtionosuu"),
    _t("kaupunkikonserni", "*konserni"),
)

KIND_TERMS: tuple[Term, ...] = (
    _t("TP", "*tilinpaat"),
    _t("TP", "*toteum"),
    _t("TP", "*toteutuma"),
    _t("TP", "=toteutui|toteutuivat|toteutunut|toteutuneet|toteutuneet"),
    _t("TA", "*talousarvi"),
    _t("TS", "*taloussuunnitel"),
)

_LABEL = re.compile(r"\b(tp|ta|ts)\s*-?\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![0-9.,a-z])((?:19|20)\d\d)(?![0-9])")  # not dates (1.8.2024) nor codes (CAF2020)
_SHORT_YEAR_RANGE = re.compile(r"\b((?:19|20)\d\d)\s*(?:-|–|—|\.\.)\s*((?:19|20)?\d\d)\b")
# Relative years as offsets from the plan year ("ensi vuonna" = 2025 in the 2024 plan).
_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\b(ensi|seuraava\w*|tuleva\w*) ?vuo"), +1),
    (re.compile(r"\b(tana|taman|kuluva\w*|nyky) ?vuo"), 0),
    (re.compile(r"\b(viime|edellis\w*|edellinen|mennee\w*) ?vuo"), -1),
    (re.compile(r"\btoissa ?vuo"), -2),
)


@dataclass(frozen=True)
class YearMention:
    """A year the question names: written out, as a column label (TA 2024) or relative (ensi vuonna)."""

    year: int
    kind: str | None = None  # from an explicit label such as "TS 2025"
    offset: int | None = None  # for relative words: years from the plan year (ensi vuonna = +1)

    @property
    def relative(self) -> bool:
        return self.offset is not None


def find_areas(text: str) -> tuple[Mention, ...]:
    """Service areas (codes) a question mentions, with the sub-service word when it named one."""
    return find_terms(tokenize(text), AREA_TERMS)


def find_items(text: str) -> tuple[Mention, ...]:
    """Line items (canonical names) or concepts (COSTS, REVENUE, NET, BUDGET, INVESTMENTS) a question mentions."""
    mentions = find_terms(tokenize(text), ITEM_TERMS)
    values = {m.value for m in mentions}
    # "tuet ja avustukset" as received revenue wins over the paid-out "Avustukset" it contains.
    if "Tuet ja avustukset" in values:
        mentions = tuple(m for m in mentions if m.value != "Avustukset")
    return mentions


def find_outside(text: str) -> tuple[Mention, ...]:
    """Departments or bodies outside this board that a question mentions."""
    return find_terms(tokenize(text), OUTSIDE_TERMS)


def find_kinds(text: str) -> tuple[str, ...]:
    """Column kinds named in words (tilinpäätös → TP, talousarvio → TA, taloussuunnitelma → TS)."""
    return tuple(dict.fromkeys(m.value for m in find_terms(tokenize(text), KIND_TERMS)))


def find_years(text: str) -> tuple[YearMention, ...]:
    """Years in question order: labels 'TA 2024', plain years, ranges '2024–2026' (ends only) and relative words."""
    folded = fold(text)
    found: list[tuple[int, YearMention]] = []
    labelled: set[int] = set()
    for match in _LABEL.finditer(folded):
        found.append((match.start(), YearMention(int(match.group(2)), match.group(1).upper())))
        labelled.add(match.start(2))
    for match in _SHORT_YEAR_RANGE.finditer(folded):
        end = match.group(2)
        if len(end) == 2:  # "2024-26"
            start_year = int(match.group(1))
            end_year = start_year // 100 * 100 + int(end)
            if end_year > start_year:
                found.append((match.start(2), YearMention(end_year)))
    for match in _YEAR.finditer(folded):
        if match.start(1) not in labelled:
            found.append((match.start(1), YearMention(int(match.group(1)))))
    for pattern, offset in _RELATIVE:
        for match in pattern.finditer(folded):
            found.append((match.start(), YearMention(PLAN_YEAR + offset, offset=offset)))
    found.sort(key=lambda pair: pair[0])
    return tuple(mention for _, mention in found)


def year_range_requested(text: str) -> bool:
    """Whether the question asks for a span of years ('2024–2026', 'vuosina 2024-2026')."""
    return bool(_SHORT_YEAR_RANGE.search(fold(text)))


def column_for_year(year: int) -> Column | None:
    """The plan's column for a year (2022 → TP 2022, 2024 → TA 2024, 2026 → TS 2026), None outside the plan."""
    kind = KIND_BY_YEAR.get(year)
    return Column(year=year, kind=kind) if kind else None  # type: ignore[arg-type]


def plan_columns() -> tuple[Column, ...]:
    """Every column of the plan's tables in order."""
    return tuple(Column(year=y, kind=KIND_BY_YEAR[y]) for y in PLAN_YEARS)  # type: ignore[arg-type]
