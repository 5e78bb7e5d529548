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

from . import word_blocks as blocks
from . import word_chapters as chapters


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
            chapters.brief(document, context["brief"], municipality, chapter)
        elif anchor in sections:
            _section(document, sections[anchor], context)
        elif anchor == "without-follow-up":
            _without_follow_up(document, context, chapter)
        elif anchor == "relations":
            chapters.relations(document, context, chapter)
        elif anchor == "appendix":
            chapters.appendix(document, context, chapter)
        elif anchor in frameworks:
            chapters.framework_chapter(document, frameworks[anchor], context)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
