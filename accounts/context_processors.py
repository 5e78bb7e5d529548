from .permissions import membership_of


def membership(request):
    """The signed-in user's municipality and role, for the header."""
    # No user on a request refused before authentication ran (a 400 for a bad host).
    return {"membership": membership_of(getattr(request, "user", None))}
