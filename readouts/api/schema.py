"""Touches drf-spectacular cannot make itself on the OpenAPI description."""


def allow_empty_query_values(result, generator, request, public):
    """Every query parameter of the API may be sent empty, which means "not given" (as an empty
    field of the pages' filter forms does): say so, so that clients and schemathesis know it."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
    return result
