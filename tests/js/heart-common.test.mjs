// Unit tests of docs/assets/heart-common.js (run: node --test tests/js/)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const H = createRequire(import.meta.url)("../../docs/assets/heart-common.js");

test("CSV guard: a cell starting with = + - @ tab or CR gets an apostrophe, nothing else does", () => {
  for (const s of ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"]) {
    assert.equal(H.csvGuard(s), "'" + s, JSON.stringify(s));
  }
  for (const s of ["", "Plain", " =not first", "1=1", "'quoted", "O'Neil", "\nnewline first"]) {
    assert.equal(H.csvGuard(s), s, JSON.stringify(s));
  }
  assert.equal(H.csvGuard(null), "");
  assert.equal(H.csvGuard(undefined), "");
  assert.equal(H.csvGuard(12), "12");
});

test("CSV cells are quoted when they hold a comma, quote or line break; text has a BOM and CRLF", () => {
  assert.equal(H.csvCell('Say "hi", then go'), '"Say ""hi"", then go"');
  assert.equal(H.csvCell("two\nlines"), '"two\nlines"');
  assert.equal(H.csvCell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  assert.equal(H.csvCell("-1,2"), "\"'-1,2\"");
  assert.equal(H.csvText([["a", "b"], ["1", "=2"]]), "\ufeffa,b\r\n1,'=2\r\n");
});

test("URL state reads what it was given and writes only what differs from the defaults", () => {
  const spec = { search: { kind: "text", def: "" }, level: { kind: "list" },
                 sort: { kind: "choice", choices: ["name", "urn"], def: "name" }, page: { kind: "int", def: 1 } };
  assert.deepEqual(H.readState("", spec), { search: "", level: [], sort: "name", page: 1 });
  const st = H.readState("?search=st+anne%27s&level=gold,silver&sort=urn&page=3", spec);
  assert.deepEqual(st, { search: "st anne's", level: ["gold", "silver"], sort: "urn", page: 3 });
  assert.equal(H.writeState(st, spec), "?search=st+anne%27s&level=gold%2Csilver&sort=urn&page=3");
  assert.deepEqual(H.readState(H.writeState(st, spec), spec), st);
  assert.deepEqual(H.readState("?sort=evil&page=-2", spec), { search: "", level: [], sort: "name", page: 1 });
  assert.equal(H.writeState({ search: "", level: [], sort: "name", page: 1 }, spec), "");
});

test("text matching ignores case, accents and apostrophes", () => {
  assert.equal(H.norm("St Anne’s  CAFÉ-School"), "st annes cafe school");
  assert.equal(H.norm("<script>"), "script");
});

test("dates: days since 1970 as ISO and UK dates; long dates in UK English", () => {
  assert.equal(H.isoFromDays(0), "1970-01-01");
  assert.equal(H.isoFromDays(20454), "2026-01-01");
  assert.equal(H.ukFromDays(20454), "01/01/2026");
  assert.equal(H.longDate(new Date(2026, 1, 3)), "3 February 2026");
  assert.equal(H.isoDate(new Date(2026, 10, 23)), "2026-11-23");
});

test("dict() and has(): __proto__ and constructor are ordinary keys, never inherited", () => {
  const d = H.dict();
  assert.equal(H.has(d, "constructor"), false);
  assert.equal(H.has(d, "__proto__"), false);
  assert.equal(H.has({}, "toString"), false);
  assert.equal(H.has(JSON.parse('{"__proto__": 1}'), "__proto__"), true);
  assert.equal(H.plural(1, "school", "schools"), "1 school");
  assert.equal(H.plural(2, "school", "schools"), "2 schools");
});
