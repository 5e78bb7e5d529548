"""The admin change form's values as the browser would post them back."""

from tests.security.test_tenancy_review_admin import form_data


def posted_back(response):
    """form_data, with the fields whose value is 0 (an order) posted as "0" too."""
    data = form_data(response)
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += inline.formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value == 0 and value is not False:
                data[form.add_prefix(name)] = "0"
    return data
