"""Strings Django's admin shows that its own nb/nn catalogues lack, so our catalogue
(LOCALE_PATHS, which wins over Django's) supplies them.

Never imported: makemessages only has to find them here. The msgid and msgid_plural must
match the admin templates' {% blocktranslate count %} exactly (change_form.html,
change_list.html, login.html), with no context.
"""

from django.utils.translation import ngettext_lazy

ADMIN_FORM_ERRORS = ngettext_lazy(
    "Please correct the error below.", "Please correct the errors below.", "count"
)
