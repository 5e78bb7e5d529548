from partners.models import Partner


def _form(partner, **changes):
    data = {
        "name": partner.name,
        "kind": partner.kind,
        "country": partner.country,
        "cooperation": partner.cooperation,
        "is_active": "on",
        "loaded_version": partner.version,
    }
    data.update(changes)
    return data


def test_second_save_from_the_same_version_is_refused_with_what_changed(
    client, users, time_kommune
):
    ks = Partner.objects.get(key="ks")
    first, second = _form(ks, country="Noreg"), _form(ks, country="Norge")
    client.force_login(users["coordinator"])
    assert client.post("/partners/time/partner/ks/edit/", first).status_code == 302

    client.force_login(users["admin"])
    response = client.post("/partners/time/partner/ks/edit/", second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this" in page
    assert "Noreg" in page and "Norge" in page
    assert Partner.objects.get(key="ks").country == "Noreg"


def test_saving_again_after_seeing_the_conflict_keeps_your_version(client, users, time_kommune):
    ks = Partner.objects.get(key="ks")
    client.force_login(users["coordinator"])
    client.post("/partners/time/partner/ks/edit/", _form(ks, country="Noreg"))
    response = client.post("/partners/time/partner/ks/edit/", _form(ks, country="Norge"))
    resubmit = response.context["form"].data
    assert client.post("/partners/time/partner/ks/edit/", resubmit).status_code == 302
    assert Partner.objects.get(key="ks").country == "Norge"
