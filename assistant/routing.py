"""Routing a question to the tool that can answer it: figure, owner, text or not_found.

Signals come from folded tokens matched with stems and a small typo tolerance (see vocabulary), so
inflected forms, compounds, missing ä/ö and typos route the same as clean text. not_found is decided
here only for clear cases; text questions are calibrated later on retrieval scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.vocabulary import (
    BUDGET,
    INVESTMENTS,
    PLAN_YEARS,
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
    reason: str = ""  # for not_found: year_outside_plan | outside_board | personal_salary | price | opening_hours


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

SIGNAL_TERMS: tuple[Term, ...] = (
    _t(WHO, "=kuka|ketka|kenen|kenelle|kehen|keta|kuka|kutka|kenella|kenelta|kuk"),
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
    _t(PRICE, "=kuukaudessa|kuussa|tunnilta|kerralta|kerta|lapselta|henkilolta|maksaako|ilmainen|ilmaista|ilmaiseksi"),
    _t(HOURS, "*aukiolo"),
    _t(HOURS, "=auki|aukeaa|aukeavat|kiinni|suljettu|suljetaan|klo|kello|kellonaika|viikonloppuisin|aukioloajat"),
)


def route(question: str) -> Route:
    """Route one question; never raises."""
    try:
        return _route(question)
    except Exception:  # a router must never take the answer down; text search is the safe default
        return Route("text", ("router_error",))


def _route(question: str) -> Route:
    tokens = tokenize(question)
    found = {mention.value for mention in find_terms(tokens, SIGNAL_TERMS)}
    items = {mention.value for mention in find_items(question)}
    outside = find_outside(question)
    years = [mention.year for mention in find_years(question)]
    signals: list[str] = sorted(found)

    labelled = any(mention.kind for mention in find_years(question))  # "TA 2024"
    money = bool(items - {INVESTMENTS}) or "€" in question or labelled
    if QUANTITY in found and (INVESTMENTS in items or SPEND_VERB in found or RECEIVE in found):
        money = True
    if INVESTMENTS in items and any(token.startswith(("yhteen", "summa")) for token in tokens):
        money = True  # "investoinnit yhteensä"
    if items:
        signals.append("item:" + ",".join(sorted(items)))
    if money:
        signals.append("money")

    # "Mistä opetus vastaa?" is a text question; "vastuu*", metrics, targets and titles point to the goals grid.
    owner_strong = bool(found & {WHO, RESPONSIBILITY, METRIC, TARGET, STRATEGY})
    owner_weak = bool(found & {GOAL, JOB_TITLE})

    person = bool(found & {PERSON, JOB_TITLE})  # one word can be both; matching keeps one signal per word
    if SALARY in found and (person or (items <= {"Henkilöstökulut", BUDGET} and "€" not in question and not _plural_pay(tokens))):
        return Route("not_found", tuple(signals + ["personal_salary"]), "personal_salary")
    if PRICE in found:
        return Route("not_found", tuple(signals + ["price"]), "price")
    if HOURS in found:
        return Route("not_found", tuple(signals + ["opening_hours"]), "opening_hours")

    outside_years = [year for year in years if year not in PLAN_YEARS]
    if outside_years and not any(year in PLAN_YEARS for year in years):
        return Route("not_found", tuple(signals + [f"year:{outside_years[0]}"]), "year_outside_plan")
    if outside_years and money:
        return Route("not_found", tuple(signals + [f"year:{outside_years[0]}"]), "year_outside_plan")

    if outside:
        signals.append("outside:" + outside[0].value)
        if money or owner_strong or owner_weak:
            return Route("not_found", tuple(signals), "outside_board")

    if WHO in found:
        return Route("owner", tuple(signals))
    if WHY in found:
        return Route("text", tuple(signals))
    if money:
        return Route("figure", tuple(signals))
    if owner_strong or owner_weak:
        return Route("owner", tuple(signals))
    return Route("text", tuple(signals))


def _plural_pay(tokens: tuple[str, ...]) -> bool:
    """'palkat', 'palkkoihin', 'palkkakulut': the pay bill of a service (a table row), not one person's pay."""
    return any(
        token.startswith(("palkat", "palkkoi", "palkkoj", "palkoi", "palkkaku", "palkkame", "palkkaan", "palkkaus", "palkkoihin"))
        for token in tokens
    )
