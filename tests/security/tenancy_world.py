"""Two municipalities for the tenancy review: our own (published, with drafts) and a
secret neighbour (unpublished), whose every name carries the marker SECRET so a leak
shows up in any page, CSV, file or admin screen."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Role
from actions.models import Action, ExternalFunding, FollowUp, IndicatorValue
from annual_reports.models import AnnualReport
from partners.models import Partner, TwinTown
from tests.factories import (
    ActionFactory,
    ExternalFundingFactory,
    FollowUpFactory,
    GoalAreaFactory,
    GoalFactory,
    IndicatorFactory,
    MilestoneFactory,
    MunicipalityFactory,
    PartnerFactory,
    ResponsiblePartyFactory,
    StrategyFactory,
    StrategyPointFactory,
    TwinTownFactory,
    UserFactory,
    member,
)

THIS_YEAR = timezone.localdate().year
SECRET = "HEMMELIG"  # in every name of the neighbour's rows; upper case, so never in a URL

# Texts of our own follow-ups, one per state: only the approved one is public.
APPROVED_TEXT = "GODKJENT-TEKST"
DRAFT_TEXT = "UTKAST-TEKST"
SUBMITTED_TEXT = "INNSENDT-TEKST"
RETURNED_TEXT = "RETUR-TEKST"
REVIEW_COMMENT = "INTERN-KOMMENTAR"
DRAFT_INDICATOR_VALUE = ("4 242", "4,242", "4242")  # the value as pages show it


@dataclass
class Place:
    municipality: object
    strategy: object
    area: object
    goal: object
    point: object
    departments: dict
    partner: object
    twin: object
    actions: dict
    follow_ups: dict
    milestone: object
    funding: object = None
    report: object = None
    users: dict = field(default_factory=dict)


def _place(slug, name, published, prefix):
    municipality = MunicipalityFactory(slug=slug, name=name, is_published=published)
    strategy = StrategyFactory(
        municipality=municipality,
        slug=f"{slug}-strategi",
        title=f"{prefix}Strategi for {name}",
        period_start=THIS_YEAR - 2,
        period_end=THIS_YEAR + 1,
    )
    area = GoalAreaFactory(strategy=strategy, code="1", title=f"{prefix}Innsatsområde")
    goal = GoalFactory(goal_area=area, text=f"{prefix}Mål om samarbeid")
    point = StrategyPointFactory(strategy=strategy, text=f"{prefix}Strategipunkt")
    business = ResponsiblePartyFactory(
        municipality=municipality, key="naering", name=f"{prefix}Næringsavdelinga"
    )
    schools = ResponsiblePartyFactory(
        municipality=municipality, key="skule", name=f"{prefix}Skuleavdelinga"
    )
    partner = PartnerFactory(municipality=municipality, key="ks", name=f"{prefix}Partner KS")
    twin = TwinTownFactory(municipality=municipality, key="venn", name=f"{prefix}Vennskapsby")

    def action(code, title, responsible):
        made = ActionFactory(
            goal_area=area,
            code=code,
            title=f"{prefix}{title}",
            recurrence=Action.Recurrence.YEARLY,
            responsible=responsible,
        )
        made.partners.add(partner)
        made.twin_towns.add(twin)
        made.goals.add(goal)
        return made

    actions = {
        "approved": action("1.1", "Internasjonal dag", business),
        "draft": action("1.2", "Næringsreise", business),
        "submitted": action("1.3", "Elevutveksling", schools),
        "returned": action("1.4", "Lærarutveksling", schools),
    }
    milestone = MilestoneFactory(action=actions["draft"], title=f"{prefix}Milepæl")

    def follow_up(key, state, text, **extra):
        return FollowUpFactory(
            action=actions[key],
            year=THIS_YEAR,
            state=state,
            what_was_done=f"{prefix}{text}",
            status=FollowUp.Status.ON_TRACK,
            progress=50,
            **extra,
        )

    follow_ups = {
        "approved": follow_up("approved", FollowUp.State.APPROVED, APPROVED_TEXT, money_spent=1234),
        "draft": follow_up(
            "draft", FollowUp.State.DRAFT, DRAFT_TEXT, money_spent=777777, hours=99999
        ),
        "submitted": follow_up("submitted", FollowUp.State.SUBMITTED, SUBMITTED_TEXT),
        "returned": follow_up(
            "returned",
            FollowUp.State.RETURNED,
            RETURNED_TEXT,
            review_comment=f"{prefix}{REVIEW_COMMENT}",
        ),
    }
    return Place(
        municipality=municipality,
        strategy=strategy,
        area=area,
        goal=goal,
        point=point,
        departments={"business": business, "schools": schools},
        partner=partner,
        twin=twin,
        actions=actions,
        follow_ups=follow_ups,
        milestone=milestone,
    )


def staff_coordinator(municipality, **kwargs):
    """A coordinator with every model permission the admin knows, users and memberships
    included: the widest a municipality's own admin staff could be given, short of the
    administrator role. Scoping must hold even then."""
    user = member(Role.COORDINATOR, municipality, is_staff=True, **kwargs)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=[
                "goals",
                "partners",
                "actions",
                "annual_reports",
                "accounts",
            ]
        )
        | Permission.objects.filter(content_type__app_label="auth")
    )
    return user


def build():
    own = _place("egen", "Egen kommune", True, "")
    other = _place("hemmelig", "Hemmelig kommune", False, SECRET)

    # An indicator value typed into our draft follow-up (the form writes it at once).
    draft_indicator = IndicatorFactory(
        strategy=own.strategy, action=own.actions["draft"], name="Deltakarar"
    )
    IndicatorValue.objects.create(indicator=draft_indicator, year=THIS_YEAR, value=4242)

    other.funding = ExternalFundingFactory(
        follow_up=other.follow_ups["submitted"], source_detail=f"{SECRET}-FINANSIERING", amount=5
    )
    for place in (own, other):
        report = AnnualReport.objects.create(
            strategy=place.strategy, year=THIS_YEAR, version=1, status=AnnualReport.Status.DONE
        )
        content = ContentFile(b"%PDF-1.7 " + place.strategy.title.encode())
        report.file.save(f"{place.strategy.slug}.pdf", content)
        place.report = report

    m = own.municipality
    own.users = {
        "editor": member(
            Role.EDITOR, m, department=own.departments["business"], username="redaktor"
        ),
        "coordinator": member(Role.COORDINATOR, m, username="koordinator"),
        "politician": member(Role.POLITICIAN, m, username="politikar"),
        "staff": staff_coordinator(m, username="stab"),
        "superuser": UserFactory(username="rot", is_staff=True, is_superuser=True),
    }
    # The superuser sits in our municipality: staff there must still not be able to touch it.
    from accounts.models import Membership

    Membership.objects.create(user=own.users["superuser"], municipality=m, role=Role.ADMIN)
    other.users = {
        "coordinator": member(
            Role.COORDINATOR, other.municipality, username=f"{SECRET}-koordinator"
        ),
        "staff": staff_coordinator(other.municipality, username=f"{SECRET}-stab"),
    }
    return own, other


# --- Helpers for the attacks -----------------------------------------------------------


def signed_in(client, user):
    client.force_login(user)
    return client


def text(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def assert_refused(response, status=404):
    assert response.status_code == status, (response.status_code, text(response)[:300])
    assert SECRET not in text(response)


def snapshot(place):
    """Everything an attack on a place could change."""
    return {
        "actions": list(Action.objects.filter(strategy=place.strategy).values().order_by("pk")),
        "links": sorted(
            Action.partners.through.objects.filter(action__strategy=place.strategy).values_list(
                "action_id", "partner_id"
            )
        ),
        "follow_ups": list(
            FollowUp.objects.filter(action__strategy=place.strategy).values().order_by("pk")
        ),
        "funding": list(
            ExternalFunding.objects.filter(follow_up__action__strategy=place.strategy)
            .values()
            .order_by("pk")
        ),
        "partners": list(Partner.objects.filter(municipality=place.municipality).values()),
        "twins": list(TwinTown.objects.filter(municipality=place.municipality).values()),
        "twin_changes": TwinTown.objects.get(pk=place.twin.pk).status_changes.count(),
        "reports": AnnualReport.objects.filter(strategy=place.strategy).count(),
    }


def action_post(action, **overrides):
    """A complete action form post as the edit page would send it."""
    data = {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "goal_area": action.goal_area_id,
        "goals": list(action.goals.values_list("pk", flat=True)),
        "strategy_points": [],
        "responsible": action.responsible_id or "",
        "responsible_note": action.responsible_note,
        "partners": list(action.partners.values_list("pk", flat=True)),
        "twin_towns": list(action.twin_towns.values_list("pk", flat=True)),
        "recurrence": action.recurrence,
        "planned_start": "",
        "planned_end": "",
        "cost_amount": "",
        "cost_currency": action.cost_currency,
        "funding_note": "",
        "estimated_hours": "",
        "status": action.status,
        "loaded_version": action.version,
    }
    data.update(overrides)
    return data


def follow_up_post(year=THIS_YEAR, **overrides):
    data = {
        "year": year,
        "status": FollowUp.Status.ON_TRACK,
        "progress": 60,
        "what_was_done": "Overteke",
        "hours": "1",
        "money_spent": "1",
        "currency": "NOK",
        "other_resources": "",
        "contribution_to_goals": "",
        "funding-TOTAL_FORMS": "0",
        "funding-INITIAL_FORMS": "0",
        "funding-MIN_NUM_FORMS": "0",
        "funding-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data
