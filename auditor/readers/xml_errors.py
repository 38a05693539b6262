"""Parse XML incrementally and turn parser failures into one clear line with file and line number."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from auditor.errors import AuditorError


def iterparse(path: str, tags: tuple[str, ...] | None = None) -> Iterator[tuple[str, etree._Element]]:
    """``(event, element)`` pairs of ``start``/``end`` events, never resolving entities or the network."""
    try:
        yield from etree.iterparse(
            path,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
    except etree.XMLSyntaxError as error:
        line = error.lineno or (error.position[0] if error.position else 0)
        message = " ".join((error.msg or str(error)).split(", line ")[0].split())  # libxml2 ends some with "\n"
        raise AuditorError(f"{path}:{line}: malformed XML ({message})") from None
    except OSError as error:
        raise AuditorError(f"{path}: cannot read ({error})") from None


def release(element: etree._Element) -> None:
    """Free a processed element and the siblings before it, so big files stay small in memory."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
