"""Write the bilingual fixtures in tests/data with auditor's own writers (run from the repo root)."""

from __future__ import annotations

from auditor.readers.jsonl import write_jsonl
from auditor.readers.segments import Segment
from auditor.readers.tmx import write_tmx
from auditor.readers.tsv import write_tsv
from auditor.readers.xliff import write_xliff

SEGMENTS = [
    Segment(
        id="u1/1",
        source="Bij de brand raakten 700.000 mensen zonder stroom.",
        target="The fire left 700,000 people without power.",
        reference="The fire cut power to 700,000 people.",
    ),
    Segment(
        id="u2/1",
        source="De burgemeester sprak op 12 maart met de pers.",
        target="The mayor spoke to the press on March 12.",
        markup=((4, '<g id="1">'), (9, "</g>"), (40, '<x id="2"/>')),
    ),
    Segment(
        id="u3/1",
        source="Zie https://example.org/nieuws voor meer.",
        target="See https://example.org/nieuws for more & <details>.",
        reference="See https://example.org/nieuws for more.",
    ),
]

if __name__ == "__main__":
    write_xliff("tests/data/story.xlf", SEGMENTS, version="1.2", source_lang="nl", target_lang="en")
    write_xliff("tests/data/story.xliff", SEGMENTS, version="2.0", source_lang="nl", target_lang="en")
    write_tmx("tests/data/story.tmx", SEGMENTS, source_lang="nl", target_lang="en")
    write_tsv(
        "tests/data/story.tsv", [Segment(s.id, s.target, s.source, s.reference or "") for s in SEGMENTS]
    )
    write_jsonl(
        "tests/data/feed.jsonl",
        [
            {
                "uri": "urn:story:1",
                "headline": "Fire cuts power",
                "body_text": "The fire left 700,000 people without power.",
            },
            {
                "uri": "urn:story:2",
                "headline": "Mayor speaks",
                "body_text": "The mayor spoke to the press on March 12.",
            },
        ],
    )
