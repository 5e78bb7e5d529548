"""The strategy file's municipality-wide rows, as the importer writes them
(strategy_files.import_writer): the municipality, its responsible parties, partners, twin
towns with their status history, and agreements. Matched by key; a key the file does not
name is kept as it is."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from goals.models import Municipality, ResponsibleParty
from partners.models import TwinTown, TwinTownAgreement, TwinTownStatusChange

from .import_errors import StrategyFileError
from .import_fields import omitted, partial_date, since_fields
from .import_rows import kept_orders, links_changed, set_m2m, tally, upsert
from .import_schema import LABELS


class MunicipalityRows:
    """The writer's steps for the municipality's own rows, mixed into the writer
    (import_writer._Writer), which writes them before the plan that links to them."""

    def _municipality(self, data):
        fields = {}
        for key in ("name", "country", "number", "county", "language", "currency"):
            if key in data:
                fields[key] = data[key]
        # A file silent about `published` leaves it as an administrator set it.
        if "published" in data and "published" not in omitted(data):
            fields["is_published"] = data["published"]
        for label in LABELS:
            if label in (data.get("labels") or {}):
                fields[f"label_{label}"] = data["labels"][label]
        existing = Municipality.objects.filter(slug=data["slug"]).first()
        return upsert(existing or Municipality(slug=data["slug"]), fields)

    def _by_key(self, model, items, fields_of):
        """Upsert by key; keys the file does not name are kept as they are."""
        existing = {obj.key: obj for obj in model.objects.filter(municipality=self.municipality)}
        # Only responsible parties have an order (partners and twin towns: file order).
        orders = range(len(items))
        if model is ResponsibleParty:
            (orders,) = kept_orders([[existing.get(item["key"]) for item in items]])
        for index, item in enumerate(items):
            obj = existing.get(item["key"]) or model(
                municipality=self.municipality, key=item["key"]
            )
            existing[item["key"]] = upsert(obj, fields_of(item, orders[index]))
            if model is TwinTown:
                self._status_history(obj, item["status_history"], f"twin_towns[{index}]")
        return existing

    def _party(self, item, order):
        return {
            "name": item["name"],
            "kind": item["kind"],
            "order": order,
            "duties": "\n".join(item["duties"]),
        }

    def _partner(self, item, index):
        return {
            "name": item["name"],
            "kind": item["kind"],
            "country": item["country"],
            "is_active": item["active"],
            "cooperation": "\n".join(item["cooperation"]),
        }

    def _twin_town(self, item, index):
        since, approximate = since_fields(item["since"])
        return {
            **{key: item[key] for key in ("name", "country", "category", "status", "description")},
            "since": since,
            "since_approximate": approximate,
            "status_reason": item.get("status_reason", ""),
        }

    def _agreements(self, items):
        """Agreements by key, each linking the twin towns it names; never deleted (like
        twin towns). A file without `agreements` leaves them as they are."""
        if items is None:
            return
        existing = {a.key: a for a in self.municipality.twin_town_agreements.all()}
        for item in items:
            signed_on, precision = partial_date(item["date"])
            agreement = upsert(
                existing.get(item["key"])
                or TwinTownAgreement(municipality=self.municipality, key=item["key"]),
                {
                    "title": item["title"],
                    "description": item["description"],
                    "signed_on": signed_on,
                    "signed_on_precision": precision,
                },
            )
            if set_m2m(agreement.twin_towns, [self.twin_towns[k] for k in item["twin_towns"]]):
                links_changed(agreement)

    def _status_history(self, twin_town, history, where):
        """A twin town's status steps are a record: the file may add steps after those
        recorded, never leave one out or change it (a step taken in the portal, with its
        council decision, is not the file's to undo). New steps meet the form's rules
        and each gets its history row, attributed to the importing user, reason "import"."""
        wanted = [(c["status"], c["date"], c["year"], c["decision"], c["note"]) for c in history]
        current = list(twin_town.status_changes.order_by("order", "pk"))
        have = [(c.status, c.changed_on, c.year, c.decision, c.note) for c in current]
        for position, (recorded, step) in enumerate(zip(have, current, strict=True)):
            if position >= len(wanted) or wanted[position] != recorded:
                when = step.changed_on or step.year or "?"
                raise StrategyFileError(
                    [
                        _(
                            "%(where)s.status_history[%(position)s]: the recorded step "
                            "%(status)s (%(when)s) is left out or changed. An import adds "
                            "steps after the recorded ones and never removes or rewrites "
                            "one; export the strategy to get its history as recorded."
                        )
                        % {
                            "where": where,
                            "position": position,
                            "status": step.get_status_display(),
                            "when": when,
                        }
                    ]
                )
        order = current[-1].order + 1 if current else 0
        for position, (s, d, y, dec, note) in enumerate(wanted[len(have) :], start=len(have)):
            step = TwinTownStatusChange(
                twin_town=twin_town,
                status=s,
                changed_on=d,
                year=y,
                decision=dec,
                note=note,
                order=order,
            )
            try:
                step.full_clean(validate_unique=False)
                errors = {}
            except ValidationError as error:
                errors = error.message_dict
            if not have:
                # A first load takes the adopted document's history as written ("ended in
                # the last period", no decision named); a relation already recorded here
                # changes only as the portal's form allows: an ending names its decision.
                errors.pop("decision", None)
            if errors:
                raise StrategyFileError(
                    [
                        f"{where}.status_history[{position}].{field}: {message}"
                        for field, messages in errors.items()
                        for message in messages
                    ]
                )
            step._change_reason = "import"
            step.save()
            tally(TwinTownStatusChange, "added")
            order += 1
