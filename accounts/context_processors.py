from .permissions import membership_of


def membership(request):
    """The signed-in user's municipality and role, for the header."""
    return {"membership": membership_of(request.user)}
