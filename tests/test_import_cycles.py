"""No import circle between the project's modules (issue 16).

The test builds the import graph of every package of the project (each top-level folder
with an `__init__.py`, tests and benchmarks aside) with grimp, the library under
import-linter, and fails naming each strongly connected component: modules that each
import, directly or through the others, every other one. Imports inside functions count
too, as import-linter counts them: a "lazy" import hides a circle, it does not break it.

Breaking one the Django way: a service enqueues its Celery task by name
(`current_app.tasks["reporting.tasks.render_report"]`; tasks.py stays a thin wrapper that
imports the service, and the app's `ready()` registers it so eager mode still runs it);
a model reaches another app's model through `apps.get_model` (or a string in a field);
a rule or class two modules need moves to a third below both (collaboration/file_types,
strategy_files/import_errors, strategy_files/import_rows).

Known, and not failed on: apps that depend on each other both ways through different
modules, since Django apps refer to each other's models, admin and permissions. When this
test was written (module → module, one example each way):

- accounts ↔ goals: accounts.models → goals.models; goals.selectors → accounts.permissions
- accounts ↔ strategy_files: accounts.checks → strategy_files.management.commands.load_demo;
  strategy_files.views → accounts.permissions
- accounts ↔ strategy_portal: accounts.apps → strategy_portal.middleware;
  strategy_portal.urls → accounts.admin_scope
- actions ↔ goals: actions.models → goals.models; goals.admin → actions.models
- actions ↔ partners: actions.models → partners.models; partners.selectors → actions.models
- actions ↔ dashboards: actions.views.plan → dashboards.cache; dashboards.selectors →
  actions.models
- frameworks ↔ goals: frameworks.selectors → goals.models; goals.admin → frameworks.admin
- frameworks ↔ dashboards: frameworks.apps → dashboards.cache; dashboards.views →
  frameworks.selectors
"""

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
NOT_THE_PORTAL = {"tests", "benchmarks"}
PACKAGES = sorted(
    init.parent.name
    for init in ROOT.glob("*/__init__.py")
    if init.parent.name not in NOT_THE_PORTAL
)


def strongly_connected(graph):
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    imports = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for start in sorted(imports):
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(imports[start]))]
        while work:
            module, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(imports[target])))
                    break
                if target in on_stack:
                    low[module] = min(low[module], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == module:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return sorted(found)


def _how(graph, component):
    """Each import inside the component, with its line: where to start breaking it."""
    members = set(component)
    lines = []
    for importer in component:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                where = f"{importer}:{detail['line_number']}"
                lines.append(f"    {where} → {imported}: {detail['line_contents'].strip()}")
    return lines


def test_the_project_packages_are_found():
    assert {
        "accounts",
        "actions",
        "annual_reports",
        "dashboards",
        "goals",
        "strategy_files",
    } <= set(PACKAGES)


def test_no_import_circle_between_modules():
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False, cache_dir=None)
    circles = strongly_connected(graph)
    report = []
    for component in circles:
        report.append(f"  {' <-> '.join(component)}")
        report.extend(_how(graph, component))
    assert not circles, "Modules that import each other (directly or round a circle):\n" + (
        "\n".join(report)
    )
