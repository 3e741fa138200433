// Unit tests of the self-audit's logic (docs/assets/self-audit.js), no browser (run: node --test tests/js/)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const SA = createRequire(import.meta.url)("../../docs/assets/self-audit.js");

const RATINGS = [{ id: "not-started", label: "Not started", definition: "Nothing yet." },
                 { id: "developing", label: "Developing", definition: "Some." },
                 { id: "established", label: "Established", definition: "In place.", met: true },
                 { id: "embedded", label: "Embedded", definition: "Sustained.", met: true }];
const DATA = {
  award: "Test Award", version: "1.1", ratings: RATINGS, unrated: { label: "No rating yet" },
  levels: [{ id: "bronze", name: "Bronze" }, { id: "silver", name: "Silver" }],
  areas: [{ id: "a", title: "Area A" }, { id: "b", title: "Area B" }],
  criteria: [{ id: "B1", level: "bronze", title: "One", areas: ["a"] },
             { id: "B2", level: "bronze", title: "Two", areas: ["a", "b"] },
             { id: "S1", level: "silver", title: "Three", areas: ["b"] },
             { id: "S1.2", level: "silver", title: "Four", areas: ["b"] }],
  history: [{ version: "1.1", changes: ["B2 now asks for minutes.", "Q7 was withdrawn.", "S1.2 added."] },
            { version: "1.0", changes: ["B1 first published."] }]
};
const ctx = () => SA.makeContext(DATA);
const answers = (obj) => Object.assign(Object.create(null), obj);

test("the scale comes from the data: labels, which ratings are met, the unrated label", () => {
  const s = ctx().scale;
  assert.equal(s.label("developing"), "Developing");
  assert.equal(s.label(""), "No rating yet");
  assert.equal(s.isMet("established"), true);
  assert.equal(s.isMet("developing"), false);
  assert.equal(s.isMet("constructor"), false);
  assert.equal(s.isRating("toString"), false);
  assert.equal(s.metText(), "established or embedded");
});

test("import: __proto__ and constructor are unknown criteria, reported, never kept or crashing", () => {
  const file = JSON.parse('{"__proto__": {"rating": "embedded", "note": "x"}, "constructor": {"rating": "developing"},' +
                          ' "toString": {"rating": "embedded"}, "B1": {"rating": "developing", "note": "n"}}');
  const r = SA.reconcile(ctx(), "1.1", file);
  assert.deepEqual(r.removed, ["__proto__", "constructor", "toString"]);
  assert.deepEqual(Object.keys(r.kept), ["B1"]);
  assert.equal(Object.getPrototypeOf(r.kept), null);
  assert.equal(({}).rating, undefined, "Object.prototype untouched");
  const msg = SA.reconcileMessage(r, "The file was", "1.1");
  assert.match(msg, /has no criteria with these ids: __proto__, constructor, toString\./);
  assert.match(msg, /Kept answers for 1 criterion\./);
});

test("import from an older version names removed, added, changed and unrecognised answers", () => {
  const r = SA.reconcile(ctx(), "1.0", { B1: { rating: "embedded", note: "" }, B2: { rating: "brilliant", note: "" },
                                       Q7: { rating: "developing", note: "" }, S1: "not an object" });
  assert.deepEqual(r.removed, ["Q7"]);
  assert.deepEqual(r.added, ["S1.2"]);
  assert.deepEqual(r.changed, ["B2"]);
  assert.deepEqual(r.invalid, ["B2", "S1"]);
  assert.deepEqual({ ...r.kept }, { B1: { rating: "embedded", note: "" } });
  assert.equal(r.sameVersion, false);
});

test("version order is numeric, and history between two versions either way round", () => {
  assert.equal(SA.cmpVersion("1.10", "1.9"), 1);
  assert.equal(SA.cmpVersion("1.0", "1"), 0);
  assert.equal(SA.cmpVersion("0.9", "1.0"), -1);
  const ids = ["B1", "B2", "S1", "S1.2", "Q7"];
  assert.deepEqual(SA.historyIds(DATA.history, "1.0", "1.1", ids), ["B2", "Q7", "S1.2"]);
  assert.deepEqual(SA.historyIds(DATA.history, "1.1", "1.0", ids), ["B2", "Q7", "S1.2"]);
  assert.deepEqual(SA.historyIds(DATA.history, "0.9", "1.1", ids), ["B2", "Q7", "S1.2", "B1"]);
});

test("progress per level and area, with met and gaps", () => {
  const a = answers({ B1: { rating: "embedded", note: "" }, B2: { rating: "developing", note: "" },
                      S1: { rating: "", note: "only a note" } });
  const p = SA.progress(ctx(), a);
  assert.deepEqual(p.all, { total: 4, rated: 2, met: 1, gaps: 3 });
  assert.deepEqual(p.levels.map((l) => [l.id, l.n.rated, l.n.met, l.n.gaps]), [["bronze", 2, 1, 1], ["silver", 0, 0, 2]]);
  assert.deepEqual(p.areas.map((l) => [l.id, l.n.total, l.n.met]), [["a", 2, 1], ["b", 3, 0]]);
  assert.equal(SA.progressText(p.levels[0].n), "2 of 2 criteria rated; 1 met; 1 gap.");
  assert.equal(SA.summaryText(p.all, ctx().scale),
               "You have rated 2 of 4 criteria. 1 criterion is established or embedded; 3 criteria are gaps.");
});

test("the plan holds only the chosen level's gaps, with ratings and notes; all levels on request", () => {
  const a = answers({ B1: { rating: "embedded", note: "done" }, B2: { rating: "developing", note: "Ask governors" },
                      S1: { rating: "", note: "silver note" } });
  const bronze = SA.planRows(ctx(), a, "bronze");
  assert.deepEqual(bronze.map((r) => [r.criterion.id, r.rating, r.note]), [["B2", "Developing", "Ask governors"]]);
  const silver = SA.planRows(ctx(), a, "silver");
  assert.deepEqual(silver.map((r) => [r.criterion.id, r.rating, r.note]),
                   [["S1", "No rating yet", "silver note"], ["S1.2", "No rating yet", ""]]);
  assert.deepEqual(SA.planRows(ctx(), a, "all").map((r) => r.criterion.id), ["B2", "S1", "S1.2"]);
  assert.equal(SA.levelName(ctx(), "all"), "all levels");
  assert.equal(SA.levelName(ctx(), "silver"), "Silver");
});

test("the level shown: the address first, then the stored choice, then the first level", () => {
  assert.equal(SA.pickLevel(ctx(), "#level-silver", "bronze"), "silver");
  assert.equal(SA.pickLevel(ctx(), "#sa-criterion-S1-2", "bronze"), "silver");
  assert.equal(SA.pickLevel(ctx(), "", "all"), "all");
  assert.equal(SA.pickLevel(ctx(), "#level-__proto__", "nonsense"), "bronze");
  assert.equal(SA.pickLevel(ctx(), "", null), "bronze");
});

test("files: parse errors are one message; export and CSV hold every criterion, notes formula-guarded", () => {
  for (const bad of ["not json", "[]", '{"answers": []}', '{"answers": 3}', "null"]) {
    assert.match(SA.parseAnswersFile(bad).error, /not a saved self-audit/);
  }
  const ok = SA.parseAnswersFile('\ufeff{"version": 1.0, "school": "Elm", "answers": {}}');
  assert.deepEqual([ok.version, ok.school], ["1", "Elm"]);
  const a = answers({ B1: { rating: "developing", note: "=HYPERLINK(1)" } });
  const out = SA.exportObject(ctx(), a, "Elm School", new Date(Date.UTC(2026, 0, 2)));
  assert.deepEqual(Object.keys(out.answers), ["B1", "B2", "S1", "S1.2"]);
  assert.deepEqual(out.answers.B2, { rating: null, note: "" });
  assert.equal(out.school, "Elm School");
  const rows = SA.csvRows(ctx(), a);
  assert.deepEqual(rows[1], ["B1", "Bronze", "One", "Developing", "=HYPERLINK(1)"]);
  assert.equal(SA.slug("HEART Award"), "heart-award");
  assert.equal(SA.safeId("S1.2"), "S1-2");
});

test("no function over 50 lines in the page scripts", () => {
  for (const f of ["self-audit.js", "register.js", "heart-common.js"]) {
    assert.deepEqual(longFunctions("docs/assets/" + f), [], f);
  }
  assert.deepEqual(longFunctions("docs/assets/self-audit.js", 25), ["historyIds: 26 lines"], "the check itself works");
});

export function longFunctions(path, max = 50) {
  // a named function runs from its `function name(` line until its braces balance (strings and regexps in these
  // files hold no unbalanced braces)
  const lines = readFileSync(new URL("../../" + path, import.meta.url), "utf8").split("\n");
  const long = [];
  lines.forEach((line, i) => {
    const m = /function (\w+)\s*\(/.exec(line);
    if (!m) return;
    let depth = 0, opened = false;
    for (let j = i; j < lines.length; j++) {
      const text = j === i ? lines[j].slice(m.index) : lines[j];
      for (const ch of text) {
        if (ch === "{") { depth++; opened = true; } else if (ch === "}") depth--;
      }
      if (opened && depth <= 0) {
        if (j - i + 1 > max) long.push(`${m[1]}: ${j - i + 1} lines`);
        return;
      }
    }
  });
  return long;
}
