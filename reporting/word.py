"""The annual report as an editable Word document (.docx), for the council secretariat.

Written from the same context the HTML/PDF is rendered from (`report_context`): the same
chapters (`context["contents"]`, as Heading 1), the same figures, the same texts read by
the same plain-text rules (`goals.plain_text`). Only the layout is Word's: real heading
styles, tables with a repeated header row, charts as PNG pictures (rasterised from the
report's own SVG) with their description as alternative text, page numbers in the footer
and the municipality's language set on the document. No HTML is ever interpreted: every
text is put into Word runs as text. Call it in the municipality's language (as the PDF).
"""

import io

from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from goals.models import date_as_written

from . import word_blocks as blocks


def _cover(document, context):
    strategy, municipality, year = context["strategy"], context["municipality"], context["year"]
    if context.get("logo_png"):
        blocks.picture(
            document,
            context["logo_png"],
            _("Logo of %(name)s") % {"name": municipality.name},
            width_cm=4,
        )
    document.add_paragraph(municipality.name)
    document.add_heading(_("Annual report %(year)s") % {"year": year}, level=0)
    document.add_paragraph(strategy.title)
    document.add_paragraph(_("Strategy period %(period)s") % {"period": strategy.period_label})
    facts = []
    if strategy.adopted_by or strategy.adopted_on:
        adopted = ", ".join(
            part
            for part in (strategy.adopted_by, format_date(strategy.adopted_on, "j. F Y"))
            if part
        )
        facts.append((_("Adopted by"), adopted))
    if strategy.decision_reference or strategy.document_id:
        reference = strategy.decision_reference
        if strategy.document_id:
            reference = f"{reference} ({strategy.document_id})".strip()
        facts.append((_("Decision reference"), reference))
    for label, value in (
        (_("Document type"), strategy.document_type),
        (_("Version"), strategy.version),
        (_("Published"), format_date(strategy.published_on, "j. F Y")),
        (_("Revise by"), format_date(strategy.revise_by, "j. F Y")),
    ):
        if value:
            facts.append((label, value))
    facts.append((_("Status"), _("Final version") if context.get("is_final") else _("Draft")))
    facts.append((_("Follow-ups included"), _("Approved follow-ups only")))
    facts.append((_("Generated on"), format_date(context["generated_on"], "j. F Y")))
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(str(value))
    document.add_page_break()


def _summary(document, context, title):
    document.add_heading(title, level=1)
    municipality, year = context["municipality"], context["year"]
    if not context["actions"]:
        document.add_paragraph(
            _(
                "This strategy has no %(actions)s yet, so there is nothing to report on them "
                "for %(year)s."
            )
            % {"actions": municipality.label_action_plural.lower(), "year": year}
        )
        return
    totals = context["totals"]
    progress = context["figures"]["totals"]["progress"]
    money = f"{floatformat(totals['money'], '0g')} {municipality.currency}"
    rows = [
        (municipality.label_action_plural, len(context["actions"])),
        (_("With an approved follow-up"), totals["reported"]),
        (_("Without an approved follow-up"), len(context["without_follow_up"])),
        (_("Average progress"), "–" if progress is None else f"{floatformat(progress, '0')} %"),
        (_("Hours worked"), floatformat(totals["hours"], "-1g")),
        (_("Money spent"), money),
        (
            _("External funding"),
            "; ".join(f"{floatformat(a, '0g')} {c}" for c, a in totals["funding"])
            or f"0 {municipality.currency}",
        ),
    ]
    blocks.table(document, [_("Key figures %(year)s") % {"year": year}, ""], rows)
    for item in context["summary_charts"]:
        blocks.chart(document, item["chart"], item["category"])


def _plan_goals(document, goals, title):
    """The goals for the whole plan, each with its sub-goals, numbered as in the PDF
    (1., 2. …; a., b. … for sub-goals), a goal's own code after its number."""
    document.add_heading(title, level=1)
    for number, goal in enumerate(goals, start=1):
        _plan_goal(document.add_paragraph(style="List"), f"{number}.", goal)
        for index, sub in enumerate(goal.subs):
            label = chr(ord("a") + index) if index < 26 else str(index + 1)
            _plan_goal(document.add_paragraph(style="List 2"), f"{label}.", sub)


def _plan_goal(paragraph, number, goal):
    paragraph.add_run(f"{number} ")
    if goal.code:
        paragraph.add_run(f"{goal.code} ").bold = True
    blocks.lines(paragraph, goal.text.splitlines() or [""])


def _brief(document, brief, municipality, title):
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
        _agreements(document, brief["agreements"])
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


def _agreements(document, agreements):
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


def _action(document, action, context):
    municipality, year = context["municipality"], context["year"]
    document.add_heading(f"{action.code} {action.title}".strip(), level=3)
    report = action.report
    if report is None:
        no_follow_up = _("No approved follow-up for %(year)s.") % {"year": year}
        document.add_paragraph().add_run(no_follow_up).bold = True
    rows = [
        (
            _("Responsible"),
            action.responsible.name if action.responsible else action.responsible_note,
        ),
        (_("Status"), action.get_status_display()),
    ]
    if action.planned_start or action.planned_end:
        start, end = action.planned_start_as_written, action.planned_end_as_written
        rows.append((_("Period"), f"{start or '–'} – {end or '–'}"))
    goals = [goal.code for goal in action.goals.all()]
    if goals:
        rows.append((municipality.label_goal, ", ".join(goals)))
    headers = [municipality.label_action, f"{action.code} {action.title}".strip()]
    table = blocks.table(document, headers, [r for r in rows if r[1]])
    if report is not None:
        for label, text in (
            (_("What was done"), report.what_was_done),
            (_("Other resources"), report.other_resources),
            (_("Contribution to the goals"), report.contribution_to_goals),
        ):
            cells = table.add_row().cells
            cells[0].text = str(label)
            cells[1].text = ""
            blocks.plain_text(cells[1], text or "–")
        for label, value in (
            (_("Hours worked"), floatformat(report.hours, "-1g")),
            (_("Money spent"), f"{floatformat(report.money_spent, '0g')} {report.currency}"),
            (_("Progress"), f"{report.get_status_display()}, {report.progress} %"),
        ):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(label), str(value)
    if action.milestone_rows:
        rows = [
            (
                row["milestone"].title,
                row["milestone"].due_as_written or "–",
                _("Yes") if row["reached"] else _("No"),
            )
            for row in action.milestone_rows
        ]
        headers = [_("Milestone"), _("Due"), _("Reached")]
        blocks.table(document, headers, rows, caption=_("Milestones"))


def _section(document, section, context):
    document.add_heading(section["heading"], level=1)
    area = section["goal_area"]
    if area is not None and area.description:
        blocks.plain_text(document, area.description)
    if section.get("assessment"):
        document.add_heading(_("Assessment"), level=2)
        blocks.plain_text(document, section["assessment"])
    if area is not None:
        goals = list(area.goals.all())
        if goals:
            document.add_heading(context["municipality"].label_goal, level=2)
            for goal in goals:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{goal.code} ").bold = True
                paragraph.add_run(goal.text)
    for action in section["actions"]:
        _action(document, action, context)


def _without_follow_up(document, context, title):
    document.add_heading(title, level=1)
    municipality = context["municipality"]
    rows = [
        (
            action.code,
            action.title,
            action.goal_area.code if action.goal_area else _("Whole plan"),
            action.responsible.name if action.responsible else "–",
            action.get_status_display(),
        )
        for action in context["without_follow_up"]
    ]
    if rows:
        headers = [
            _("Code"),
            municipality.label_action,
            municipality.label_goal_area,
            _("Responsible"),
            _("Status"),
        ]
        blocks.table(document, headers, rows)
    else:
        every = _("Every action has an approved follow-up for %(year)s.")
        document.add_paragraph(every % {"year": context["year"]})


def _relations(document, context, title):
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


def _appendix(document, context, title):
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


def _framework_chapter(document, chapter, context):
    """ "Contribution to Agenda 2030": per item its goals and actions, as in the PDF."""
    document.add_heading(chapter.heading, level=1)
    municipality, year = context["municipality"], context["year"]
    for row in chapter.rows:
        document.add_heading(f"{row.item.label} {row.item.name}", level=2)
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


def report_docx(context):
    """The .docx bytes of the report whose `context` the HTML/PDF is rendered from."""
    import docx

    municipality, year = context["municipality"], context["year"]
    document = docx.Document()
    title = _("Annual report %(year)s – %(name)s") % {"year": year, "name": municipality.name}
    document.core_properties.title = title
    document.core_properties.author = municipality.name
    document.core_properties.subject = context["strategy"].title
    blocks.set_language(document, municipality.language)
    blocks.page_footer(
        document, f"{municipality.name} · {_('Annual report %(year)s') % {'year': year}}"
    )
    _cover(document, context)
    sections = {section["anchor"]: section for section in context["sections"]}
    frameworks = {chapter.anchor: chapter for chapter in context["framework_chapters"]}
    for anchor, chapter in context["contents"]:
        if anchor == "foreword":
            document.add_heading(chapter, level=1)
            blocks.plain_text(document, context["foreword"])
        elif anchor == "summary":
            _summary(document, context, chapter)
        elif anchor == "plan-goals":
            _plan_goals(document, context["figures"]["plan_goals"], chapter)
        elif anchor == "brief":
            _brief(document, context["brief"], municipality, chapter)
        elif anchor in sections:
            _section(document, sections[anchor], context)
        elif anchor == "without-follow-up":
            _without_follow_up(document, context, chapter)
        elif anchor == "relations":
            _relations(document, context, chapter)
        elif anchor == "appendix":
            _appendix(document, context, chapter)
        elif anchor in frameworks:
            _framework_chapter(document, frameworks[anchor], context)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
