"""Validates Dapr resources against the schemas of Dapr's own CRDs, strictly.

Usage: validate_dapr_resources.py CRD_DIRECTORY FILE...

Every document of the files whose apiVersion is dapr.io/... is checked against the
openAPIV3Schema of the CustomResourceDefinition of its kind and version in CRD_DIRECTORY (Dapr's
charts/dapr/crds). Objects that declare their properties take no others, as the API server's
strict field validation has it, so a misspelt key fails. Prints one line per resource and exits
non-zero when any fails or has no CRD. Runs on kubernetes-validate's virtual environment, which
has PyYAML and jsonschema.
"""
import glob
import os
import sys

import jsonschema
import yaml


def strict(schema):
    """Closes every object schema that lists its properties and keeps no unknown fields."""
    if isinstance(schema, dict):
        if ("properties" in schema and "additionalProperties" not in schema
                and not schema.get("x-kubernetes-preserve-unknown-fields")):
            schema["additionalProperties"] = False
        for value in schema.values():
            strict(value)
    elif isinstance(schema, list):
        for value in schema:
            strict(value)
    return schema


def crd_schemas(directory):
    schemas = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        with open(path) as file:
            for crd in yaml.safe_load_all(file):
                if not crd or crd.get("kind") != "CustomResourceDefinition":
                    continue
                group = crd["spec"]["group"]
                kind = crd["spec"]["names"]["kind"]
                for version in crd["spec"]["versions"]:
                    schema = strict(version["schema"]["openAPIV3Schema"])
                    schemas[(group + "/" + version["name"], kind)] = schema
    return schemas


def main(directory, files):
    schemas = crd_schemas(directory)
    if not schemas:
        print("no CRD in " + directory)
        return 1
    failed = 0
    for path in files:
        with open(path) as file:
            documents = [document for document in yaml.safe_load_all(file) if document]
        for document in documents:
            api_version = document.get("apiVersion", "")
            if not api_version.startswith("dapr.io/"):
                continue
            kind = document.get("kind")
            name = (document.get("metadata") or {}).get("name")
            schema = schemas.get((api_version, kind))
            if schema is None:
                print("FAIL %s: %s %s: Dapr has no CRD of %s" % (path, kind, name, api_version))
                failed += 1
                continue
            errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=str)
            for error in errors:
                where = "/".join(str(part) for part in error.absolute_path)
                print("FAIL %s: %s %s at %s: %s" % (path, kind, name, where or "/", error.message))
            if errors:
                failed += 1
            else:
                print("ok %s: %s %s" % (path, kind, name))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
