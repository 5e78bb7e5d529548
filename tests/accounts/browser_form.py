"""A form's fields as a browser submits them: the page's HTML read as a browser reads it.

A select with no option marked `selected` submits its first option, whatever the form
meant; that is how an admin form once made every new user an administrator unseen.
"""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = form_id is None
        self.fields = []  # (name, value) in document order, as a browser encodes them
        self._select = None  # [name, first option value, selected value, multiple]
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
                return
            self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = {
                "name": name,
                "first": None,
                "selected": [],
                "multiple": "multiple" in attrs,
            }
        elif tag == "option" and self._select is not None:
            self._option = attrs
            value = attrs.get("value")
            if value is not None:
                self._remember_option(value)
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def _remember_option(self, value):
        if self._select["first"] is None:
            self._select["first"] = value
        if "selected" in self._option:
            self._select["selected"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None and self._option.get("value") is None:
            self._option = {**self._option, "value": data.strip()}
            self._remember_option(data.strip())

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id is not None:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            if select["selected"]:
                values = select["selected"] if select["multiple"] else select["selected"][-1:]
            elif select["multiple"] or select["first"] is None:
                values = []
            else:
                values = [select["first"]]
            self.fields += [(select["name"], value) for value in values]
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that follows <textarea>.
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def browser_post_data(response, form_id=None):
    """The fields a browser would post from the page's form (by id, or every field)."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}
