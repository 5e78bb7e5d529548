"""The Word report's chapters beyond the plan itself (`annual_reports.word`): the brief on
twin towns and partners with their agreements, relations, the appendix and one chapter per
framework the strategy names. Text goes into Word runs as text, never as HTML."""

from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from goals.models import date_as_written

from . import word_blocks as blocks


def brief(document, brief, municipality, title):
    document.add_heading(title, level=1)
    if brief["vision"]:
        document.add_heading(_("Vision"), level=2)
        blocks.plain_text(document, brief["vision"])
    if brief["introduction"]:
        document.add_heading(_("Introduction"), level=2)
        blocks.plain_text(document, brief["introduction"])
    for group in brief["statement_groups"]:
        document.add_heading(group.heading, level=2)
        for part in group.parts:
            if part.title:
                document.add_heading(part.title, level=3)
            for text in part.texts:
                blocks.plain_text(document, text)
    if brief["strategy_points"]:
        document.add_heading(municipality.label_strategy_point, level=2)
        for point in brief["strategy_points"]:
            document.add_heading(f"{point.code}. {point.title}".strip(), level=3)
            blocks.plain_text(document, point.text)
            for sub in point.points.all():
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{sub.code} ").bold = True
                paragraph.add_run(" ".join(p for p in (sub.title, sub.text) if p))
    if brief["roles"]:
        document.add_heading(_("Roles and responsibilities"), level=2)
        for role in brief["roles"]:
            document.add_heading(f"{role.name} ({role.get_kind_display().lower()})", level=3)
            for duty in role.duty_list:
                document.add_paragraph(duty, style="List Bullet")
    if brief["partners"]:
        document.add_heading(_("Partners and networks"), level=2)
        for partner in brief["partners"]:
            document.add_heading(f"{partner.name} ({partner.get_kind_display().lower()})", level=3)
            for line in partner.cooperation_list:
                document.add_paragraph(line, style="List Bullet")
    if brief["twin_towns"]:
        document.add_heading(_("Twin towns"), level=2)
        for town in brief["twin_towns"]:
            document.add_heading(f"{town.name} ({town.country})", level=3)
            facts = [town.status_label]
            if town.category:
                facts.append(town.get_category_display())
            if town.since:
                facts.append(_("since %(since)s") % {"since": town.since_label})
            paragraph = document.add_paragraph(" · ".join(str(f) for f in facts))
            for agreement in town.agreements.all():
                paragraph.add_run().add_break()
                paragraph.add_run(f"{_('Agreement')}: {agreement.title}")
            blocks.plain_text(document, town.description)
            if town.all_changes:
                rows = [
                    (
                        format_date(c.changed_on, "SHORT_DATE_FORMAT") if c.changed_on else c.year,
                        c.get_status_display(),
                        c.decision,
                        c.note,
                    )
                    for c in town.all_changes
                ]
                headers = [_("Date"), _("Status"), _("Decision"), _("Note")]
                blocks.table(document, headers, rows, caption=_("Status over time"))
    if brief["agreements"]:
        agreements(document, brief["agreements"])
    if brief["amendments"]:
        document.add_heading(_("Council amendments and revisions"), level=2)
        for amendment in brief["amendments"]:
            heading = amendment.get_kind_display()
            if amendment.affects:
                heading = f"{heading}: {amendment.affects}"
            document.add_heading(heading, level=3)
            decided = " ".join(
                str(part)
                for part in (
                    amendment.decided_by,
                    date_as_written(amendment.decided_on, amendment.decided_on_precision, "j. F Y"),
                    f"({amendment.reference})" if amendment.reference else "",
                )
                if part
            )
            if decided:
                document.add_paragraph(decided)
            blocks.plain_text(document, amendment.text)


def agreements(document, agreements):
    """One agreement with several twin towns: its date, towns and text once."""
    document.add_heading(_("Twin-town agreements"), level=2)
    for agreement in agreements:
        document.add_heading(agreement.title, level=3)
        towns = ", ".join(town.name for town in agreement.towns)
        facts = f"{_('Twin towns in this agreement')}: {towns}"
        if agreement.signed_on:
            facts = f"{agreement.signed_on_as_written} · {facts}"
        document.add_paragraph(facts)
        blocks.plain_text(document, agreement.description)


def relations(document, context, title):
    document.add_heading(title, level=1)
    year = context["year"]
    happened = _("What happened in %(year)s") % {"year": year}
    none = _("No reported actions this year.")
    document.add_heading(_("Twin towns"), level=2)
    if context["twin_towns"]:
        rows = []
        for town in context["twin_towns"]:
            events = [c.get_status_display() for c in town.changes_this_year]
            events += [f"{a.code} {a.title}" for a in town.reported_actions]
            rows.append(
                (
                    f"{town.name} ({town.country})",
                    town.status_label,
                    "; ".join(events) or none,
                )
            )
        blocks.table(document, [_("Twin town"), _("Status"), happened], rows)
    else:
        document.add_paragraph(_("No twin towns registered."))
    document.add_heading(_("Partners and networks"), level=2)
    if context["partners"]:
        rows = [
            (
                partner.name,
                partner.get_kind_display(),
                "; ".join(f"{a.code} {a.title}" for a in partner.reported_actions) or none,
            )
            for partner in context["partners"]
        ]
        blocks.table(document, [_("Partner"), _("Kind"), happened], rows)
    else:
        document.add_paragraph(_("No partners registered."))


def appendix(document, context, title):
    document.add_heading(title, level=1)
    municipality = context["municipality"]
    rows = []
    for action in context["actions"]:
        report = action.report
        rows.append(
            (
                action.code,
                action.title,
                action.responsible.name if action.responsible else "–",
                report.get_status_display() if report else _("None approved"),
                floatformat(report.hours, "-1g") if report else "–",
                floatformat(report.money_spent, "0g") if report else "–",
            )
        )
    headers = [
        _("Code"),
        municipality.label_action,
        _("Responsible"),
        _("Status %(year)s") % {"year": context["year"]},
        _("Hours"),
        municipality.currency,
    ]
    blocks.table(document, headers, rows)
    if context["evidence_listed"]:
        document.add_heading(_("Evidence files"), level=2)
        document.add_paragraph(
            _(
                "The files behind the approved follow-ups, by name: the files themselves are kept "
                "in the portal, for the municipality's members."
            )
        )
        for action in context["actions"]:
            if action.evidence_names:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{action.code} {action.title}: ").bold = True
                paragraph.add_run(", ".join(action.evidence_names))


NAMED_ONLY = _lazy(
    "The strategy names %(framework)s as a framework it relates to. No goal or action of "
    "the plan is linked to its items yet."
)


def framework_chapter(document, chapter, context):
    """ "Contribution to Agenda 2030": per item its goals and actions, as in the PDF."""
    document.add_heading(chapter.heading, level=1)
    municipality, year = context["municipality"], context["year"]
    if not chapter.rows:
        document.add_paragraph(NAMED_ONLY % {"framework": chapter.framework.name})
    for row in chapter.rows:
        document.add_heading(f"{row.item.label} {row.item.name}", level=2)
        for link in row.goal_area_links:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{municipality.label_goal_area} {link.goal_area.code}. ").bold = True
            paragraph.add_run(link.goal_area.title + (f" ({link.note})" if link.note else ""))
        for link in row.point_links:
            point = link.strategy_point
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(
                f"{municipality.label_strategy_point} {point.code} ".replace("  ", " ")
            ).bold = True
            paragraph.add_run(
                (point.title or point.text) + (f" ({link.note})" if link.note else "")
            )
        for link in row.goal_links:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{link.goal.code} ".lstrip()).bold = True
            paragraph.add_run(link.goal.text + (f" ({link.note})" if link.note else ""))
        if not row.action_links:
            continue
        rows = []
        for link in row.action_links:
            report = link.action.report
            money = "–"
            if report:
                money = floatformat(report.money_spent, "0g")
                if report.currency != municipality.currency:
                    money = f"{money} {report.currency}"
            rows.append(
                (
                    link.action.code,
                    link.action.title,
                    report.get_status_display() if report else _("None approved"),
                    floatformat(report.hours, "-1g") if report else "–",
                    money,
                    link.note or "–",
                )
            )
        rows.append(
            (
                "",
                _("Total"),
                "",
                floatformat(row.hours_total, "-1g"),
                floatformat(row.money_total, "0g"),
                "",
            )
        )
        headers = [
            _("Code"),
            municipality.label_action,
            _("Status %(year)s") % {"year": year},
            _("Hours"),
            municipality.currency,
            _("How it contributes"),
        ]
        blocks.table(document, headers, rows)
