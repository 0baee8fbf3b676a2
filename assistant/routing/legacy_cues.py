"""Routing a question to the tool that can answer it: figure, owner, text or not_found.

Signals come from folded tokens matched with stems and a small typo tolerance (see vocabulary), so
inflected forms, compounds, missing ä/ö and typos route the same as clean text. not_found is decided
here only for clear cases; text questions are calibrated later on retrieval scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.language.vocabulary import (
    BUDGET,
    CONCEPTS,
    INVESTMENTS,
    PLAN_YEARS,
    SPEND,
    Mention,
    Term,
    find_items,
    find_outside,
    find_terms,
    find_years,
    tokenize,
)

RouteKind = Literal["figure", "owner", "text", "not_found"]


@dataclass(frozen=True)
class Route:
    """Where a question goes, the signals that decided it, and for not_found the reason."""

    kind: RouteKind
    signals: tuple[str, ...] = ()
    # for not_found: year_outside_plan | outside_board | personal_salary | price | opening_hours |
    # person_contact (a person's name, phone or e-mail) | headcount (how many people)
    reason: str = ""


def _t(value: str, *patterns: str, exclude: tuple[str, ...] = ()) -> Term:
    return Term(value, tuple(patterns), exclude=exclude)


WHO = "who"
RESPONSIBILITY = "responsibility"
METRIC = "metric"
TARGET = "target"
GOAL = "goal"
JOB_TITLE = "job_title"
STRATEGY = "strategy"
QUANTITY = "quantity"
SPEND_VERB = "spend_verb"
RECEIVE = "receive"
WHY = "why"
PERSON = "person"
SALARY = "salary"
PRICE = "price"
HOURS = "opening_hours"
PER_UNIT = "per_unit"  # "kuukaudessa", "kerralta": with a paying word, a price
RESPONSIBLE_VERB = "responsible_verb"  # "vastaa": with a who-word it asks for the owner
WHEN = "when"
BELONG = "belong"  # "kuuluuko", "sisältyykö": asks what something includes, not how much
CONTACT = "contact"
COUNT = "count"
PEOPLE = "people"
BE = "be"

SIGNAL_TERMS: tuple[Term, ...] = (
    _t(WHO, "=kuka|ketka|kenen|kenelle|kehen|keta|kuka|kutka|kenella|kenelta|kuk"),
    _t(RESPONSIBLE_VERB, "=vastaa|vastaavat|vastasi|vastaisi|vastaako|vastaavatko|huolehtii|huolehtivat|huolehtiiko"),
    _t(WHEN, "=milloin|milloinka|koska"),
    _t(BELONG, "kuulu"),
    _t(BELONG, "sisalty"),
    _t(CONTACT, "=nimi|nimea|nimen|nimet|nimensa|nimeltaan|nimia|numero|numeronsa|osoite|osoitteen|email|meili"),
    _t(CONTACT, "*puhelin"),
    _t(CONTACT, "*sahkopost"),
    _t(CONTACT, "*yhteystie"),
    _t(CONTACT, "*yhteyshenkil"),
    _t(COUNT, "=montako|monta|moniko|monellako|montakos"),
    _t(COUNT, "*lukumaar"),
    _t(PEOPLE, "=lapsi|lasta|lapsia|lapset|lasten|lapsien|lapsiin|lapsilla"),
    _t(PEOPLE, "=oppilas|oppilasta|oppilaat|oppilaita|oppilaiden|opiskelijaa|opiskelijoita|opiskelijat"),
    _t(PEOPLE, "=henkiloa|henkiloita|henkilot|henkilosto|henkilostoa|ihmista|ihmisia|asukasta|asukkaita"),
    _t(PEOPLE, "=asiakasta|asiakkaita|kavijaa|kavijoita|kavijat|jasenta|jasenia"),
    _t(PEOPLE, "*henkilokun"),
    _t(PEOPLE, "*tyoskentel"),
    _t(BE, "=on|ovat|oli|olivat"),
    _t(RESPONSIBILITY, "vastuu"),
    _t(METRIC, "*mittari"),
    _t(METRIC, "=mitari|mitarit|mittaa|mitataan|mittaamaan"),
    _t(TARGET, "*tavoitetaso"),
    _t(TARGET, "*tavoitearvo"),
    _t(GOAL, "tavoit"),
    _t(GOAL, "*kayttosuunnitelmatavoit"),
    _t(JOB_TITLE, "*johtaja", exclude=("johtajien", "johtajille")),
    _t(JOB_TITLE, "*paallikk"),
    _t(JOB_TITLE, "*paallikko"),
    _t(STRATEGY, "strategi"),
    _t(STRATEGY, "paamaar"),
    _t(QUANTITY, "=paljonko|paljon|montako|paljoko|palljonko|palonko|pljonko"),
    _t(SPEND_VERB, "=kaytetaan|kaytettiin|kaytetty|kayttaa|kayttavat|kaytettavissa|varattu|varataan|varattiin|panostetaan"),
    _t(RECEIVE, "=saa|saavat|saivat|sai|saadaan|annetaan|myonnetaan|myonnetty|budjetoidaan|budjetoitu"),
    _t(WHY, "=miksi|minkavuoksi|miksei|syy|syyt|syyna|johtuu"),
    _t(PERSON, "*opettaj"),
    _t(PERSON, "*johtaja"),
    _t(PERSON, "*paallik"),
    _t(PERSON, "*rehtor"),
    _t(PERSON, "*hoitaja"),
    _t(PERSON, "*tyontekij"),
    _t(PERSON, "*ohjaaja"),
    _t(PERSON, "*avustaja"),
    _t(PERSON, "*neuvoja"),
    _t(PERSON, "*kirjastonhoit"),
    _t(SALARY, "*palkk"),
    _t(SALARY, "=palkat|palka|palkoista|tienaa|tienaavat|ansaitsee|ansaitsevat|ansiot"),
    _t(SALARY, "*keskipalk"),
    _t(SALARY, "*kuukausipalk"),
    _t(SALARY, "*tuntipalk"),
    _t(PRICE, "*hinta"),
    _t(PRICE, "*hinnat"),
    _t(PRICE, "*hinnan"),
    _t(PRICE, "*hintoj"),
    _t(PRICE, "*lippu"),
    _t(PRICE, "*lipun"),
    _t(PRICE, "*lipp"),
    _t(PRICE, "*paasymaks"),
    _t(PRICE, "*kuukausimaks"),
    _t(PRICE, "*kertamaks"),
    _t(PRICE, "*sarjakort"),
    _t(PRICE, "*kortt"),  # kausikortti, vuosikortti, kortti
    _t(PRICE, "*korti"),  # kortin, kortit
    _t(PRICE, "=kaynti|kayntikerta|kayntikerrasta|sisaanpaasy"),
    _t(PRICE, "=maksaako|ilmainen|ilmaista|ilmaiseksi"),
    _t(PER_UNIT, "=kuukaudessa|kuussa|tunnilta|kerralta|kerta|lapselta|henkilolta|viikossa|vuorokaudessa"),
    _t(HOURS, "*aukiolo"),
    _t(HOURS, "=auki|aukeaa|aukeavat|kiinni|suljettu|suljetaan|klo|kello|kellonaika|viikonloppuisin|aukioloajat"),
)


def route(question: str) -> Route:
    """Route one question; never raises."""
    try:
        return _route(question)
    except Exception:  # a router must never take the answer down; text search is the safe default
        return Route("text", ("router_error",))


@dataclass(frozen=True)
class _Cues:
    """What the router reads from a question."""

    question: str
    tokens: tuple[str, ...]
    found: frozenset[str]
    items: frozenset[str]
    money: bool
    years: tuple[int, ...]
    outside: tuple[str, ...]

    def any(self, *signals: str) -> bool:
        return bool(self.found.intersection(signals))


OWNER_CUES = (RESPONSIBILITY, METRIC, TARGET, STRATEGY)
WHOSE_WORDS = frozenset(("kenen", "kenelle", "kenella", "kenelta"))
WHAT_WORDS = frozenset(("mita", "mitka", "mihin"))  # folded
MOST_WORDS = frozenset(("eniten", "vahiten", "suurin", "suurimmat", "pienin", "pienimmat", "kallein", "halvin"))
PAY_WORDS = frozenset(("maksaa", "maksavat", "maksaako", "hinta", "kustantaa"))
VISIT_WORDS = frozenset(("kayda", "uida", "lainata", "osallistua", "paasta", "luistella", "harrastaa", "vierailla"))


def _route(question: str) -> Route:
    cues = _read(question)
    signals = _signal_names(cues)
    reason = _not_found_reason(cues)
    if reason:
        return Route("not_found", tuple(signals + [reason]), reason.split(":")[0])
    return Route(_answer_kind(cues), tuple(signals))


def _read(question: str) -> _Cues:
    tokens = tokenize(question)
    found = frozenset(mention.value for mention in find_terms(tokens, SIGNAL_TERMS))
    mentions = find_items(question)
    years = tuple(mention.year for mention in find_years(question))
    outside = tuple(mention.value for mention in find_outside(question))
    money = _asks_money(question, tokens, found, mentions)
    return _Cues(question, tokens, found, frozenset(m.value for m in mentions), money, years, outside)


def _asks_money(question: str, tokens: tuple[str, ...], found: frozenset[str], mentions: tuple[Mention, ...]) -> bool:
    """Whether the question asks for an amount of money (a table figure)."""
    asks_amount = QUANTITY in found or "€" in question
    if BELONG in found and not asks_amount and _asks_membership(tokens):
        return False  # "kuuluvatko X:n määrärahat Y:hyn", "mitä Y:hyn kuuluu": membership, told in prose
    # A vague money word matched only through a spelling error ("tiloihin" ~ "tuloihin") needs support.
    weak = {m.value for m in mentions if m.typo and m.value in CONCEPTS}
    strong = {m.value for m in mentions} - weak
    supported = asks_amount or bool(found & {SPEND_VERB, RECEIVE}) or bool(find_years(question))
    labelled = any(mention.kind for mention in find_years(question))  # "TA 2024"
    if strong - {INVESTMENTS} or (weak and supported) or "€" in question or labelled:
        return True
    items = strong | weak
    if QUANTITY in found and (INVESTMENTS in items or SPEND_VERB in found or RECEIVE in found):
        return True
    # "investoinnit yhteensä"
    return INVESTMENTS in items and any(token.startswith(("yhteen", "summa")) for token in tokens)


def _signal_names(cues: _Cues) -> list[str]:
    signals = sorted(cues.found)
    if cues.items:
        signals.append("item:" + ",".join(sorted(cues.items)))
    if cues.money:
        signals.append("money")
    if cues.outside:
        signals.append("outside:" + cues.outside[0])
    return signals


def _not_found_reason(cues: _Cues) -> str:
    """The reason code of a question the plan clearly cannot answer, or ''."""
    person = cues.any(PERSON, JOB_TITLE)  # one word can be both; matching keeps one signal per word
    if SALARY in cues.found and (person or _pay_bill_asked(cues)):
        return "personal_salary"
    if _asks_price(cues):
        return "price"
    if HOURS in cues.found:
        return "opening_hours"
    if person and (CONTACT in cues.found or _who_is(cues)):
        return "person_contact"
    if _headcount(cues):
        return "headcount"
    outside_years = [year for year in cues.years if year not in PLAN_YEARS]
    if outside_years and (cues.money or not any(year in PLAN_YEARS for year in cues.years)):
        return f"year_outside_plan:{outside_years[0]}"
    if cues.outside and (cues.money or cues.any(QUANTITY, *OWNER_CUES, GOAL, JOB_TITLE)):
        return "outside_board"
    return ""


def _answer_kind(cues: _Cues) -> RouteKind:
    if WHO in cues.found:
        if _who_means_owner(cues):
            return "owner"
        # colloquial "kuka saa eniten rahaa?" means which area: a ranking of figures
        return "figure" if cues.money and MOST_WORDS.intersection(cues.tokens) else "text"
    if cues.any(WHY, WHEN):
        return "text"
    if cues.money:
        return "figure"
    if cues.any(*OWNER_CUES, GOAL, JOB_TITLE):
        return "owner"
    return "text"


def _who_means_owner(cues: _Cues) -> bool:
    """'Kuka vastaa X:stä', 'kenen tavoite': the goals grid; 'kuka järjestää X' is told in prose."""
    if cues.any(*OWNER_CUES, JOB_TITLE, RESPONSIBLE_VERB):
        return True
    # "kenen tavoite": a possessive who-word asks for the owner even without a verb
    return GOAL in cues.found and any(token in WHOSE_WORDS for token in cues.tokens)


def _who_is(cues: _Cues) -> bool:
    """'Kuka on kaupunginjohtaja?': a person's identity, which the plan never gives (only job titles)."""
    return WHO in cues.found and BE in cues.found and not cues.any(*OWNER_CUES, GOAL, RESPONSIBLE_VERB) and not cues.money


def _headcount(cues: _Cues) -> bool:
    """'Montako opettajaa ... työskentelee?': counts of people are not in the plan's tables."""
    if cues.money or cues.any(*OWNER_CUES, GOAL):
        return False
    return cues.any(COUNT, QUANTITY) and cues.any(PEOPLE, PERSON)


def _pay_bill_asked(cues: _Cues) -> bool:
    """'Paljonko palkka on?' without a person: one pay, unless the words say a service's pay bill."""
    return cues.items <= {"Henkilöstökulut", BUDGET} and "€" not in cues.question and not _plural_pay(cues.tokens)


def _asks_membership(tokens: tuple[str, ...]) -> bool:
    """A yes/no 'kuuluuko'/'sisältyykö' or a 'mitä … kuuluu' question (not 'mikä osuus … kuuluu')."""
    yes_no = any(token.startswith(("kuulu", "sisalty")) and token.endswith("ko") for token in tokens)
    return yes_no or bool(WHAT_WORDS.intersection(tokens))


def _asks_price(cues: _Cues) -> bool:
    """A ticket, a card, one fee, a per-visit or per-month payment: prices are not in the plan."""
    paying = SPEND in cues.items or bool(PAY_WORDS.intersection(cues.tokens))
    per_unit = PER_UNIT in cues.found and paying  # "maksaa kuukaudessa", not "julkaisua kuukaudessa"
    visit = paying and bool(VISIT_WORDS.intersection(cues.tokens))  # "paljonko maksaa käydä museossa"
    return PRICE in cues.found or per_unit or visit or _singular_fee(cues.tokens)


def _singular_fee(tokens: tuple[str, ...]) -> bool:
    """'maksu', 'päivähoitomaksun': one fee is a price; plural 'maksut' can be the revenue row."""
    return any(token.endswith(("maksu", "maksun", "maksuksi", "maksulla", "maksusta")) for token in tokens)


def _plural_pay(tokens: tuple[str, ...]) -> bool:
    """'palkat', 'palkkoihin', 'palkkakulut': the pay bill of a service (a table row), not one person's pay."""
    return any(
        token.startswith(("palkat", "palkkoi", "palkkoj", "palkoi", "palkkaku", "palkkame", "palkkaan", "palkkaus", "palkkoihin"))
        for token in tokens
    )
