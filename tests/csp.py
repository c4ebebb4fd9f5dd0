"""Reading a Content-Security-Policy header in tests."""


def policy(response) -> dict[str, list[str]]:
    """{"directive": [sources]} of the response's Content-Security-Policy."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives
