"""A registry of functions that an app above fills from its ``AppConfig.ready()``.

The way a lower app shows what an upper app knows without importing it: the lower app
offers a registry, the upper app registers a function, the lower app calls them all.
"""


class Registry:
    """Functions in the order they were registered, each once."""

    def __init__(self):
        self._functions = []

    def register(self, function) -> None:
        if function not in self._functions:
            self._functions.append(function)

    def __iter__(self):
        return iter(self._functions)
