"""The one reader of the YAML files a person writes: config.yaml, codebooks, citater.yaml,
published.yaml, staffing scenarios (and the project's own schema).

Every mistake is one line naming the file, line and column, never a traceback, a hang or a
`MemoryError`:

- a syntax error: `config.yaml line 7, column 3: not valid YAML: mapping values are not allowed here`;
- aliases (`*name`, which repeat what `&name` holds) may repeat a value, not multiply it: a
  document whose aliases add more than MAX_ALIAS_VALUES values to those written out is refused
  before anything is built from it (the "billion laughs": nine lines of ten aliases each stand
  for a billion values, and every reader that walks them, a schema check, a TODO search, hangs);
  an alias inside what its own anchor holds (a loop) is refused too. config.yaml shares its
  guideline entries and region names through aliases, so aliases as such stay allowed;
- nesting deeper than MAX_DEPTH levels (libyaml's composer recurses and crashes the interpreter
  at about 30,000);
- a file larger than MAX_BYTES, one that is not a regular file (a named pipe would block the
  read forever), or one that is not UTF-8.

The document is checked on the parser's event stream (no values are built, nothing is expanded),
then read with the safe loader: about 3 ms more for config.yaml. Cheap to import (no pandas): the
Snakefile checks config.yaml with it at every start.
"""

import os
import stat
from pathlib import Path

import yaml

from .errors import IngestError

# libyaml's safe loader where PyYAML was built with it: the same documents, read about ten times as fast
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_ALIAS_VALUES = 10_000  # values aliases may add to a document beyond those written out
MAX_DEPTH = 100  # levels of nesting (the shipped files use at most 6)
MAX_BYTES = 10 * 1024 * 1024  # the shipped files are at most 20 KB


class YamlError(IngestError):
    """A YAML file that cannot be read as written; the message is one line naming file, line and column."""


def _at(name, mark) -> str:
    return f"{name} line {mark.line + 1}, column {mark.column + 1}" if mark is not None else str(name)


def what_it_is(mode: int) -> str | None:
    """What a path that is not a regular file is, in words; None for a regular file."""
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]
    if stat.S_ISREG(mode):
        return None
    return next((words for test, words in kinds if test(mode)), "not a regular file")


def regular_file(path, advice: str, error=IngestError) -> os.stat_result:
    """The file's status; a path that is no regular file (a named pipe, a folder, a device) is
    refused without being opened, in one line ending in `advice`. The one check of every file a
    person points the pipeline to: exports, YAML files, the history tables."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as problem:
        raise error(f"{path}: cannot be read ({problem.strerror})") from None
    kind = what_it_is(info.st_mode)
    if kind:
        raise error(f"{path}: is {kind}, not a file; {advice}")
    return info


def read_text(path, limit: int = MAX_BYTES) -> str:
    """A person-written text file's text, refused (without opening it) when it is not a regular
    file, and when it is larger than `limit` bytes or not UTF-8."""
    info = regular_file(path, "point to a YAML file", YamlError)
    if info.st_size > limit:
        raise YamlError(f"{path}: {info.st_size:,} bytes is more than a YAML file a person writes "
                        f"(at most {limit:,}); is it the right file?")
    try:
        data = Path(path).read_bytes()[:limit + 1]
    except OSError as error:
        raise YamlError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise YamlError(f"{path} line {line}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None


def _checked_events(text: str, name) -> None:
    """Walk the document's parser events: a syntax error, nesting past MAX_DEPTH, an alias
    adding more than MAX_ALIAS_VALUES values or to what holds it, each raise YamlError."""
    loader = SAFE_LOADER(text)
    sizes: dict[str, int | None] = {}  # anchor -> how many values it stands for (None: still open)
    open_nodes: list[list] = []  # [anchor, values so far] of each collection being read
    added = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_nodes) >= MAX_DEPTH:
                    raise YamlError(f"{_at(name, event.start_mark)}: nested more than {MAX_DEPTH} levels deep; "
                                    "a settings file needs a few")
                if event.anchor:
                    sizes[event.anchor] = None
                open_nodes.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_nodes.pop()
                if anchor:
                    sizes[anchor] = size
            elif isinstance(event, yaml.ScalarEvent):
                size = 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes:
                    raise YamlError(f"{_at(name, event.start_mark)}: not valid YAML: *{event.anchor} names no "
                                    f"&{event.anchor} above it")
                size = sizes[event.anchor]
                if size is None:
                    raise YamlError(f"{_at(name, event.start_mark)}: *{event.anchor} stands inside what "
                                    f"&{event.anchor} holds, so it would hold itself without end; write the value out")
                added += size
                if added > MAX_ALIAS_VALUES:
                    raise YamlError(
                        f"{_at(name, event.start_mark)}: the aliases (*{event.anchor} and those before it) would "
                        f"repeat more than {MAX_ALIAS_VALUES:,} values; an alias may repeat a value, not multiply "
                        "the document (a 'billion laughs'): write the values out")
            else:
                continue
            if open_nodes:
                open_nodes[-1][1] += size
    except yaml.MarkedYAMLError as error:
        raise YamlError(syntax_message(name, error, text)) from None
    except yaml.YAMLError as error:
        raise YamlError(f"{name}: not valid YAML: {' '.join(str(error).split())}") from None
    finally:
        loader.dispose()


def syntax_message(name, error: yaml.MarkedYAMLError, text: str = "") -> str:
    """A YAML error as one line: `file line L, column C: not valid YAML: problem (context)`."""
    mark = error.problem_mark or error.context_mark
    problem = " ".join((error.problem or error.context or "").split())
    context = " ".join((error.context or "").split()) if error.problem else ""
    if problem == "but found another document":
        problem, context = "a second document (after ---) where the file holds one", ""
    elif context.startswith("found duplicate anchor"):
        problem, context = "an anchor (&name) defined a second time", context.partition("; ")[2]
    if context:
        context = f" ({context}" + (f" at line {error.context_mark.line + 1}" if error.context_mark else "") + ")"
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][:mark.column + 1]:
        context += "; indent with spaces, not tabs"
    return f"{_at(name, mark)}: not valid YAML: {problem or 'cannot be read'}{context}"


def parse_yaml(text: str, name):
    """The document in `text` (from the file `name`), checked as the module says; None when empty."""
    _checked_events(text, name)
    try:
        return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader)
    except yaml.MarkedYAMLError as error:  # a tag or key the safe loader cannot build
        raise YamlError(syntax_message(name, error, text)) from None
    except yaml.YAMLError as error:
        raise YamlError(f"{name}: not valid YAML: {' '.join(str(error).split())}") from None


def load_yaml(path):
    """A YAML file a person writes, read safely: every mistake a YamlError of one line."""
    return parse_yaml(read_text(path), path)


def load_mapping(path) -> dict:
    """A YAML file that must hold a mapping (key: value lines), or be empty ({})."""
    document = load_yaml(path)
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise YamlError(f"{path}: must hold key: value lines (a mapping), not a {type(document).__name__}")
    return document
