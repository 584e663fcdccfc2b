import pytest

MODELS = ["pesantren", "kopontren", "santripreneur", "sociopreneur", "participation"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_and_history_open_for_the_admin_role(model, as_persona, santri, socio):
    client = as_persona("admin")
    assert client.get(f"/admin/pesantren/{model}/").status_code == 200


def test_admin_shows_object_history(as_persona, santri):
    response = as_persona("admin").get(f"/admin/pesantren/santripreneur/{santri.pk}/history/")
    assert response.status_code == 200


@pytest.mark.parametrize("persona", ["staf", "pimpinan", "petugas_a"])
def test_other_roles_are_kept_out_of_the_registry_admin(persona, as_persona, santri):
    response = as_persona(persona).get("/admin/pesantren/santripreneur/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
