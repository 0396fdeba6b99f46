"""Check a hamer JSON record as Popolo: against Popolo's own JSON Schemas
(vendored in tests/popolo/schemas, draft 3) and through a real Popolo reader
(PyPI everypolitician-popolo). Run by tests/popolo.rs with the venv python
that .ci/run makes:

    python tests/popolo_reader.py RECORD.json

Prints one line per problem and exits 1 when there is any; exits 0 and
prints a summary when the record passes.
"""

import json
import pathlib
import sys

import jsonschema
from popolo_data.importer import Popolo
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

SCHEMAS = pathlib.Path(__file__).resolve().parent / "popolo" / "schemas"

# Which schema each top-level array is checked against.
ARRAYS = {
    "events": "event.json",
    "organizations": "organization.json",
    "persons": "person.json",
    "memberships": "membership.json",
    "speeches": "speech.json",
    "motions": "motion.json",
}


def registry():
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT3)
        uri = schema["id"].rstrip("#")
        resources.append((uri, resource))
        # The schemas refer to each other both with and without "www.".
        resources.append((uri.replace("://www.", "://"), resource))
    return Registry().with_resources(resources)


def check_schemas(doc, problems):
    reg = registry()
    checker = jsonschema.Draft3Validator.FORMAT_CHECKER
    for array, name in ARRAYS.items():
        items = doc.get(array)
        if not isinstance(items, list):
            problems.append(f"{array}: not an array")
            continue
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        validator = jsonschema.Draft3Validator(
            schema, registry=reg, format_checker=checker
        )
        for i, item in enumerate(items):
            for err in validator.iter_errors(item):
                where = "/".join(str(p) for p in err.absolute_path)
                problems.append(f"{array}[{i}]/{where}: {err.message}")


def check_extensions(doc, problems):
    """Every member of a Popolo object that its schema does not define is
    an extension and starts with '+' (Popolo's JSON patterns)."""
    for array, name in ARRAYS.items():
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        known = set(schema["properties"])
        for i, item in enumerate(doc.get(array) or []):
            for key in item:
                if key not in known and not key.startswith("+"):
                    problems.append(
                        f"{array}[{i}]: '{key}' is not Popolo; mark it '+{key}'"
                    )


def check_ids(doc, problems):
    seen = {}
    for array in ARRAYS:
        for i, item in enumerate(doc.get(array) or []):
            ident = item.get("id")
            if ident is None:
                if array in ("events", "organizations", "persons"):
                    problems.append(f"{array}[{i}]: no id")
                continue
            if ident in seen:
                problems.append(f"{array}[{i}]: id {ident} also at {seen[ident]}")
            seen[ident] = f"{array}[{i}]"


def check_reader(doc, problems):
    """Load everything through everypolitician-popolo and touch every
    attribute it offers, following every reference."""
    pop = Popolo(doc)
    counts = {}
    for person in pop.persons:
        _ = (person.id, person.name, person.sort_name, person.other_names)
        _ = (person.identifiers, person.links, person.contact_details)
        _ = (person.birth_date, person.death_date, person.twitter, person.phone)
        _ = person.name_at("2023-03-08")
        for m in person.memberships:
            _ = m.organization
    counts["persons"] = len(pop.persons)
    for org in pop.organizations:
        _ = (org.id, org.name, org.classification, org.other_names)
        _ = (org.founding_date, org.dissolution_date, org.identifiers, org.links)
    counts["organizations"] = len(pop.organizations)
    for m in pop.memberships:
        _ = (m.role, m.person_id, m.organization_id, m.start_date, m.end_date)
        _ = (m.person.name, m.organization.name, m.current)
        if m.on_behalf_of_id is not None:
            _ = m.on_behalf_of.name
        if m.post_id is not None:
            _ = m.post
        if m.area_id is not None:
            _ = m.area
        if m.legislative_period_id is not None:
            _ = m.legislative_period
    counts["memberships"] = len(pop.memberships)
    events = {e.id: e for e in pop.events}
    for e in pop.events:
        _ = (e.id, e.name, e.classification, e.identifiers, e.memberships)
        _ = (e.start_date, e.end_date, e.current)
        if e.organization_id is not None:
            _ = e.organization.name
        parent = e.data.get("parent_id")
        if parent is not None and parent not in events:
            problems.append(f"event {e.id}: parent {parent} is not an event")
    counts["events"] = len(pop.events)
    for array in ("persons", "organizations", "memberships", "events"):
        if counts[array] != len(doc.get(array) or []):
            problems.append(f"the reader loaded {counts[array]} {array}")
    # What the reader does not model: references must still resolve.
    persons = {p.id for p in pop.persons}
    orgs = {o.id for o in pop.organizations}
    for s in doc.get("speeches") or []:
        if s.get("creator_id") is not None and s["creator_id"] not in persons:
            problems.append(f"speech {s['id']}: creator {s['creator_id']} unknown")
        if s.get("event_id") not in events:
            problems.append(f"speech {s['id']}: event {s.get('event_id')} unknown")
    for m in doc.get("motions") or []:
        if m.get("organization_id") not in orgs:
            problems.append(f"motion {m['id']}: organization unknown")
        if m.get("legislative_session_id") not in events:
            problems.append(f"motion {m['id']}: session unknown")
    return counts


def main():
    doc = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    problems = []
    check_schemas(doc, problems)
    check_extensions(doc, problems)
    check_ids(doc, problems)
    try:
        counts = check_reader(doc, problems)
    except Exception as e:  # the reader's failure is the finding
        problems.append(f"the Popolo reader failed: {type(e).__name__}: {e}")
        counts = {}
    for p in problems:
        print(p)
    if problems:
        return 1
    print("ok: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
