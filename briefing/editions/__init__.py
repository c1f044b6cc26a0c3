"""Editions: the briefing as published on a date, frozen into content/editions/AS_OF.json.

records.py is what an edition holds; snapshot.py makes one of the briefing as it stands;
format.py writes and reads it as JSON (the claims-1 format, also published as claims.json);
compare.py says what changed between two editions and how each key judgment moved; views.py
is what the resolve stage hands on of it (resolve/editions.py makes it); freeze.py is
`python build.py edition`. Nothing is imported here, so that the resolve stage's views can
import views.py without a circle.
"""
