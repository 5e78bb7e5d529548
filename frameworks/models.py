"""Frameworks a plan names (Agenda 2030's SDGs, Europa 2020, a master plan) and the links
from the plan's goals and actions to their items.

The links live here, not in goals/actions: a framework is read beside the plan, and the
plan's apps need not know of it. Each link is a row of its own with history, so who linked
what, and when, is traceable like every other change to the plan.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LANGUAGES = ("nb", "nn", "sv", "en")


def _in_language(obj, prefix):
    """The name in the active language, else English, else any name given."""
    language = (get_language() or "en")[:2]
    for code in (language, "en", *LANGUAGES):
        value = getattr(obj, f"{prefix}_{code}", "")
        if value:
            return value
    return ""


class Framework(models.Model):
    municipality_path = None  # shared, or one municipality's: see services.items_offered

    # A short code, used in the strategy file (`sdg-11`): letters and digits only, so the
    # item's reference splits at its first hyphen.
    code = models.SlugField(_("code"), max_length=20, unique=True)
    name_nb = models.CharField(_("name (Norwegian Bokmål)"), max_length=200, blank=True)
    name_nn = models.CharField(_("name (Norwegian Nynorsk)"), max_length=200, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    url = models.URLField(_("official URL"), blank=True)
    # Set for a framework of one municipality only (its master plan); empty for shared ones.
    municipality = models.ForeignKey(
        "goals.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("municipality"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # The strategies that name this framework (Tranås's programme names Europa 2020): only
    # their frameworks' items are offered for its links (services.items_offered).
    strategies = models.ManyToManyField(
        "goals.Strategy",
        through="StrategyFramework",
        blank=True,
        related_name="frameworks",
        verbose_name=_("strategies"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return _in_language(self, "name") or self.code


class FrameworkItem(models.Model):
    municipality_path = None  # shared, or one municipality's: see services.items_offered

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="items", verbose_name=_("framework")
    )
    code = models.CharField(_("code"), max_length=20)
    # A target under its goal (SDG 11.1 under SDG 11).
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("goal"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # A target's official text may be long (SDG 3.b: 564 characters).
    name_nb = models.CharField(_("name (Norwegian Bokmål)"), max_length=1000, blank=True)
    name_nn = models.CharField(_("name (Norwegian Nynorsk)"), max_length=1000, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=1000, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=1000, blank=True)
    colour = models.CharField(
        _("official colour"), max_length=7, blank=True, help_text=_("For example #FD9D24.")
    )
    goals = models.ManyToManyField(
        "goals.Goal",
        through="GoalLink",
        blank=True,
        related_name="framework_items",
        verbose_name=_("goals"),
    )
    actions = models.ManyToManyField(
        "actions.Action",
        through="ActionLink",
        blank=True,
        related_name="framework_items",
        verbose_name=_("actions"),
    )
    goal_areas = models.ManyToManyField(
        "goals.GoalArea",
        through="GoalAreaLink",
        blank=True,
        related_name="framework_items",
        verbose_name=_("goal areas"),
    )
    strategy_points = models.ManyToManyField(
        "goals.StrategyPoint",
        through="StrategyPointLink",
        blank=True,
        related_name="framework_items",
        verbose_name=_("strategy points"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__order", "framework__code", "order", "pk"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="framework_item_code_unique")
        ]

    def __str__(self):
        return f"{self.label} {self.name}"

    @property
    def name(self):
        return _in_language(self, "name")

    @property
    def reference(self):
        """The item as the strategy file names it: `sdg-11`."""
        return f"{self.framework.code}-{self.code}"

    @property
    def label(self):
        """ "SDG 11", "EU2020 3": the framework's code and the item's, as text."""
        return f"{self.framework.code.upper()} {self.code}"

    def url_for(self, municipality):
        return reverse("frameworks:item", args=[municipality.slug, self.framework.code, self.code])


class StrategyFramework(models.Model):
    """A framework a strategy names: Tranås's programme sets its priorities against
    Europa 2020. Each row has its history, like the links."""

    municipality_path = "strategy__municipality"

    strategy = models.ForeignKey(
        "goals.Strategy",
        on_delete=models.CASCADE,
        related_name="framework_choices",
        verbose_name=_("strategy"),
    )
    framework = models.ForeignKey(
        Framework,
        on_delete=models.CASCADE,
        related_name="strategy_choices",
        verbose_name=_("framework"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__order", "framework__code", "pk"]
        verbose_name = _("framework the strategy names")
        verbose_name_plural = _("frameworks the strategy names")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "framework"], name="strategy_framework_unique"
            )
        ]

    def __str__(self):
        return str(self.framework)


class GoalAreaLink(models.Model):
    municipality_path = "goal_area__strategy__municipality"

    item = models.ForeignKey(
        FrameworkItem,
        on_delete=models.CASCADE,
        related_name="goal_area_links",
        verbose_name=_("item"),
    )
    goal_area = models.ForeignKey(
        "goals.GoalArea",
        on_delete=models.CASCADE,
        related_name="framework_links",
        verbose_name=_("goal area"),
    )
    note = models.CharField(_("how it contributes"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__framework__order", "item__order", "pk"]
        verbose_name = _("framework link of a goal area")
        verbose_name_plural = _("framework links of goal areas")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "goal_area"], name="framework_goal_area_link_unique"
            )
        ]

    def __str__(self):
        return str(self.item)


class StrategyPointLink(models.Model):
    municipality_path = "strategy_point__strategy__municipality"

    item = models.ForeignKey(
        FrameworkItem,
        on_delete=models.CASCADE,
        related_name="strategy_point_links",
        verbose_name=_("item"),
    )
    strategy_point = models.ForeignKey(
        "goals.StrategyPoint",
        on_delete=models.CASCADE,
        related_name="framework_links",
        verbose_name=_("strategy point"),
    )
    note = models.CharField(_("how it contributes"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__framework__order", "item__order", "pk"]
        verbose_name = _("framework link of a strategy point")
        verbose_name_plural = _("framework links of strategy points")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "strategy_point"], name="framework_strategy_point_link_unique"
            )
        ]

    def __str__(self):
        return str(self.item)


class GoalLink(models.Model):
    municipality_path = "goal__goal_area__strategy__municipality"

    item = models.ForeignKey(
        FrameworkItem, on_delete=models.CASCADE, related_name="goal_links", verbose_name=_("item")
    )
    goal = models.ForeignKey(
        "goals.Goal",
        on_delete=models.CASCADE,
        related_name="framework_links",
        verbose_name=_("goal"),
    )
    note = models.CharField(_("how it contributes"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__framework__order", "item__order", "pk"]
        verbose_name = _("framework link of a goal")
        verbose_name_plural = _("framework links of goals")
        constraints = [
            models.UniqueConstraint(fields=["item", "goal"], name="framework_goal_link_unique")
        ]

    def __str__(self):
        return str(self.item)


class ActionLink(models.Model):
    municipality_path = "action__strategy__municipality"

    item = models.ForeignKey(
        FrameworkItem,
        on_delete=models.CASCADE,
        related_name="action_links",
        verbose_name=_("item"),
    )
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        related_name="framework_links",
        verbose_name=_("action"),
    )
    note = models.CharField(_("how it contributes"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__framework__order", "item__order", "pk"]
        verbose_name = _("framework link of an action")
        verbose_name_plural = _("framework links of actions")
        constraints = [
            models.UniqueConstraint(fields=["item", "action"], name="framework_action_link_unique")
        ]

    def __str__(self):
        return str(self.item)
