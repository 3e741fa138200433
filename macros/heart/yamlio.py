"""YAML reading that remembers where each value came from, so errors can name the line, and refuses YAML that lies.

Refused, each with the line: a key given twice in one mapping (YAML would silently keep the last); aliases and
merge keys (``*name``, ``<<:``: one edit would change two schools, and the importer would make it permanent); dates
that do not exist (``2026-02-30``, year ``0000``). Every string is NFC-normalised, so two spellings of "Köln" are one.

Uses libyaml (CSafeLoader) when present: on a 25,000-school file it is about three times faster than the pure-Python
loader. Values are constructed by PyYAML's safe constructor, so YAML 1.1 rules apply (``012345`` is an int, ``NO`` is
False); the typed models reject such values with a message saying to quote them.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader

MAX_SHOWN = 60


def shorten(value: Any, limit: int = MAX_SHOWN) -> str:
    """repr() of a value, cut to ``limit`` characters: no input can make a message huge."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Loader(_Base):
    """PyYAML's safe loader (libyaml when present) with the refusals described above."""

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(None, None, f"the value anchored at line {node.start_mark.line + 1} (&name) is "
                                   "repeated by an alias (*name); aliases let one edit change two entries: write "
                                   "each value out in full", node.start_mark)
        return super().construct_object(node, deep)

    def flatten_mapping(self, node):
        for key, _ in node.value:
            if key.tag == "tag:yaml.org,2002:merge":
                raise ConstructorError(None, None, "a merge key (<<) copies fields from elsewhere; write the fields "
                                       "out in full", key.start_mark)

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):
            seen: dict = {}
            for key_node, _ in node.value:
                key = self.constructed_objects.get(key_node, key_node.value)
                if key in seen:
                    raise ConstructorError(None, None, f"the key {shorten(key)} appears twice in this mapping (first "
                                           f"at line {seen[key]}); YAML would keep only the last: remove one",
                                           key_node.start_mark)
                seen[key] = key_node.start_mark.line + 1
        return mapping

    def construct_yaml_str(self, node):
        value = super().construct_yaml_str(node)
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, f"{shorten(node.value)} is not a real date ({exc}); write an existing "
                                   "date as YYYY-MM-DD", node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_yaml_str)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class Located:
    """A parsed YAML document plus its node tree, for looking up line numbers of a field path."""

    def __init__(self, data: Any, node: yaml.Node | None, line_offset: int = 0):
        self.data = data
        self.node = node
        self.line_offset = line_offset

    def line_of(self, path: tuple) -> int | None:
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == str(key):
                        node, line = v, k.start_mark.line + 1
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return None if line is None else line + self.line_offset


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def parse(text: str, line_offset: int = 0) -> Located:
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + line_offset if mark else None
        if isinstance(exc, ConstructorError) and exc.problem and not exc.context:
            raise YamlSyntaxError(line, exc.problem) from None
        raise YamlSyntaxError(line, f"this is not valid YAML ({exc.problem or exc}); check indentation and quotes") from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(None, f"this is not valid YAML ({exc})") from None
    return Located(data, node, line_offset)


def read(path: Path) -> Located:
    return parse(path.read_text(encoding="utf-8"))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter YAML, body, line number where the body starts)."""
    if not text.startswith("---"):
        return None, text, 1
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return None, text, 1
