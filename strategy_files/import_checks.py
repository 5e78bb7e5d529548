"""Checks across a whole strategy file: unique codes, references, municipality, periods.

`check(data)` returns the normalised file (defaults filled in, dates as dates) and the
list of every problem found; it reads the database but never writes to it.
"""

from django.utils.translation import gettext as _

from goals.models import Municipality, Strategy

from . import framework_links
from .import_fields import (
    Checker,
    check_unique,
    partial_date,
    partial_deadline,
    show,
    since_fields,
)
from .import_schema import FILE, FORMAT, LABELS, MUNICIPALITY


def check(data):
    """(normalised data, errors). The data is only fit to import when errors is empty."""
    ck = Checker()
    result = FILE.check(ck, data, "")
    if result is None:
        return None, ck.errors
    if result["format"] is not None and result["format"] != FORMAT:
        ck.error(
            "format",
            _("must be %(format)r, not %(value)s")
            % {"format": FORMAT, "value": show(result["format"])},
        )
    municipality = _check_municipality(ck, result.get("municipality"))
    keys = {
        name: set(check_unique(ck, result[name], name, "key", label=_("key")))
        for name in ("responsible_parties", "partners", "twin_towns")
    }
    keys["order"] = {
        name: {item.get("key"): i for i, item in enumerate(result[name])}
        for name in ("partners", "twin_towns")
    }
    if municipality is not None:
        # Keys already in the portal may be named too: parties are never deleted.
        keys["responsible_parties"] |= set(
            municipality.responsible_parties.values_list("key", flat=True)
        )
        keys["partners"] |= set(municipality.partners.values_list("key", flat=True))
        keys["twin_towns"] |= set(municipality.twin_towns.values_list("key", flat=True))
    _check_twin_town_steps(ck, result["twin_towns"])
    _check_paused(ck, result["twin_towns"])
    _check_agreements(ck, result.get("agreements") or [], keys["twin_towns"])
    if result.get("strategy"):
        _check_strategy(ck, result["strategy"], keys, municipality, result.get("municipality"))
        framework_links.check_references(ck, result["strategy"], municipality)
    return result, ck.errors


def _check_municipality(ck, data):
    """The existing municipality, or None (then `create` must be true)."""
    if not data or data.get("slug") is None:
        return None
    existing = Municipality.objects.filter(slug=data["slug"]).first()
    if data.get("create"):
        for key in ("name", "country", "language", "currency", "labels"):
            if key not in data:
                ck.error(f"municipality.{key}", _("is required when create is true"))
        for label in LABELS:
            if isinstance(data.get("labels"), dict) and label not in data["labels"]:
                ck.error(f"municipality.labels.{label}", _("is required when create is true"))
        data.setdefault("published", False)
        ordered = {key: data[key] for key in MUNICIPALITY.fields if key in data}
        data.clear()
        data.update(ordered)
    elif existing is None:
        ck.error(
            "municipality.slug",
            _("unknown municipality %(slug)r (add create: true to create it)")
            % {"slug": data["slug"]},
        )
    _check_number(ck, data, existing)
    return existing


def _check_number(ck, data, existing):
    """A municipality number is another municipality's of the same country: an error
    here, not a database error when the file is written."""
    number = data.get("number")
    country = data.get("country") or (existing.country if existing else None)
    if not number or not country:
        return
    taken = (
        Municipality.objects.filter(country=country, number=number)
        .exclude(slug=data["slug"])
        .values_list("name", flat=True)
        .first()
    )
    if taken:
        ck.error(
            "municipality.number",
            _("%(number)s is already the number of %(name)s") % {"number": number, "name": taken},
        )


def _check_twin_town_steps(ck, towns):
    """No step before the relation began: the rule the admin and the portal enforce."""
    for index, town in enumerate(towns):
        since, _approximate = since_fields(town.get("since"))
        for step_index, step in enumerate(town.get("status_history") or []):
            date = step.get("date")
            year, field = (date.year, "date") if date else (step.get("year"), "year")
            if since and year and year < since:
                ck.error(
                    f"twin_towns[{index}].status_history[{step_index}].{field}",
                    _("the step is dated %(year)d, before the relation began (since %(since)d)")
                    % {"year": year, "since": since},
                )


def _check_paused(ck, towns):
    """A relation put on ice says why: the reason is shown wherever the status is."""
    for index, town in enumerate(towns):
        if town.get("status") == "paused" and not town.get("status_reason"):
            ck.error(
                f"twin_towns[{index}].status_reason",
                _("is required when the status is paused: say why the relation is on ice"),
            )


def _check_agreements(ck, agreements, twin_town_keys):
    check_unique(ck, agreements, "agreements", "key", label=_("key"))
    for index, agreement in enumerate(agreements):
        _check_refs(
            ck,
            agreement.get("twin_towns"),
            twin_town_keys,
            f"agreements[{index}].twin_towns",
            _("unknown twin town %(code)r"),
        )


def _check_plan_goals(ck, goals, path):
    """Plan goal codes are unique across main goals and sub-goals (codes are optional)."""
    paths = []
    for index, goal in enumerate(goals):
        paths.append((goal, f"{path}[{index}]"))
        for sub_index, sub in enumerate(goal.get("goals") or []):
            paths.append((sub, f"{path}[{index}].goals[{sub_index}]"))
    _unique_across(ck, paths, _("plan goal code"))


def _check_strategy(ck, data, keys, municipality, municipality_data):
    path = "strategy"
    period = data.get("period") or {}
    if period.get("start") and period.get("end") and period["end"] < period["start"]:
        ck.error(
            f"{path}.period.end",
            _("the period ends (%(end)d) before it starts (%(start)d)") % period,
        )
    if data.get("slug") and municipality_data and municipality_data.get("slug"):
        taken = (
            Strategy.objects.filter(slug=data["slug"])
            .exclude(municipality__slug=municipality_data["slug"])
            .exists()
        )
        if taken:
            # Not which municipality: staff may import, and must not learn the names of
            # unpublished municipalities by trying slugs.
            ck.error(
                f"{path}.slug",
                _("%(slug)r is already used by another municipality's strategy")
                % {"slug": data["slug"]},
            )

    _check_plan_goals(ck, data.get("goals") or [], f"{path}.goals")
    areas = data["goal_areas"]
    area_codes = set(check_unique(ck, areas, f"{path}.goal_areas", label=_("goal-area code")))
    points = data["strategy_points"]
    point_paths = []  # every point of both levels, with its path, in document order
    for index, point in enumerate(points):
        point_path = f"{path}.strategy_points[{index}]"
        point_paths.append((point, point_path))
        for sub_index, sub in enumerate(point.get("points") or []):
            point_paths.append((sub, f"{point_path}.points[{sub_index}]"))
    point_codes = _unique_across(ck, point_paths, _("strategy-point code"))
    for point, point_path in point_paths:
        _check_refs(
            ck,
            point.get("goal_areas"),
            area_codes,
            f"{point_path}.goal_areas",
            _("unknown goal area %(code)r"),
        )

    action_paths = []
    for index, area in enumerate(areas):
        area_path = f"{path}.goal_areas[{index}]"
        goal_codes = set(
            check_unique(ck, area.get("goals") or [], f"{area_path}.goals", label=_("goal code"))
        )
        for a_index, action in enumerate(area.get("actions") or []):
            action_path = f"{area_path}.actions[{a_index}]"
            action_paths.append((action, action_path))
            _check_action(ck, action, action_path, goal_codes, point_codes, keys)
    for a_index, action in enumerate(data.get("actions") or []):
        # A plan-wide action serves no single goal area, so it can name none of its goals.
        action_path = f"{path}.actions[{a_index}]"
        action_paths.append((action, action_path))
        _check_action(ck, action, action_path, set(), point_codes, keys, plan_wide=True)
    action_codes = _unique_across(ck, action_paths, _("action code"))
    _sort_references(data, point_paths, keys)

    indicators = data["indicators"]
    check_unique(ck, indicators, f"{path}.indicators", label=_("indicator code"))
    for index, indicator in enumerate(indicators):
        ind_path = f"{path}.indicators[{index}]"
        if indicator.get("goal_area") is not None and indicator["goal_area"] not in area_codes:
            ck.error(
                f"{ind_path}.goal_area",
                _("unknown goal area %(code)r") % {"code": indicator["goal_area"]},
            )
        if indicator.get("action") is not None and indicator["action"] not in action_codes:
            ck.error(
                f"{ind_path}.action", _("unknown action %(code)r") % {"code": indicator["action"]}
            )


def _unique_across(ck, items_with_paths, label):
    seen = {}
    for item, item_path in items_with_paths:
        code = item.get("code")
        if code is None:
            continue
        if code in seen:
            ck.error(
                f"{item_path}.code",
                _("duplicate %(what)s %(value)r (also at %(other)s)")
                % {"what": label, "value": code, "other": seen[code]},
            )
        else:
            seen[code] = f"{item_path}.code"
    return set(seen)


def _check_refs(ck, codes, known, path, message):
    for index, code in enumerate(codes or []):
        if code not in known:
            ck.error(f"{path}[{index}]", message % {"code": code})


def _check_action(ck, action, path, goal_codes, point_codes, keys, *, plan_wide=False):
    _check_refs(
        ck,
        action.get("goals"),
        goal_codes,
        f"{path}.goals",
        _("a plan-wide action cannot name goal %(code)r: goals belong to a goal area")
        if plan_wide
        else _("unknown goal %(code)r in this goal area"),
    )
    _check_refs(
        ck,
        action.get("strategy_points"),
        point_codes,
        f"{path}.strategy_points",
        _("unknown strategy point %(code)r"),
    )
    _check_refs(
        ck,
        action.get("partners"),
        keys["partners"],
        f"{path}.partners",
        _("unknown partner %(code)r"),
    )
    _check_refs(
        ck,
        action.get("twin_towns"),
        keys["twin_towns"],
        f"{path}.twin_towns",
        _("unknown twin town %(code)r"),
    )
    responsible = action.get("responsible")
    if responsible is not None and responsible not in keys["responsible_parties"]:
        ck.error(
            f"{path}.responsible", _("unknown responsible party %(code)r") % {"code": responsible}
        )
    start, end = action.get("planned_start"), action.get("planned_end")
    # "2027" to "2027-05" is fine: the end's last day is compared with the start's first.
    if start and end and partial_deadline(end)[0] < partial_date(start)[0]:
        ck.error(
            f"{path}.planned_end",
            _("the planned end %(end)s is before the planned start %(start)s")
            % {"end": end, "start": start},
        )
    cost = action.get("cost") or {}
    if cost.get("amount") is not None and not cost.get("currency"):
        ck.error(f"{path}.cost.currency", _("give the currency of the amount (NOK, SEK or EUR)"))


def _sort_references(data, point_paths, keys):
    """References are sets: list them in document order, as the exporter does."""
    area_order = {area.get("code"): i for i, area in enumerate(data["goal_areas"])}
    point_order = {point.get("code"): i for i, (point, _path) in enumerate(point_paths)}
    for point, _path in point_paths:
        _sort(point, "goal_areas", area_order)
    groups = [(area.get("goals") or [], area.get("actions") or []) for area in data["goal_areas"]]
    groups.append(([], data.get("actions") or []))
    for goals, actions in groups:
        goal_order = {goal.get("code"): i for i, goal in enumerate(goals)}
        for action in actions:
            _sort(action, "goals", goal_order)
            _sort(action, "strategy_points", point_order)
            _sort(action, "partners", keys["order"]["partners"])
            _sort(action, "twin_towns", keys["order"]["twin_towns"])


def _sort(item, key, order):
    if isinstance(item.get(key), list):
        item[key] = sorted(item[key], key=lambda code: (order.get(code, len(order)), code))
