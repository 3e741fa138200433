// Unit tests of the register's search, filter, sort and paging logic (docs/assets/register.js), no browser
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const R = createRequire(import.meta.url)("../../docs/assets/register.js");

// holders.json's shape: sorted by name, columns; phase/la/level index the lists
const DATA = {
  levels: [["bronze", "Bronze"], ["silver", "Silver"], ["gold", "Gold"]],
  phases: [["nursery", "Nursery"], ["primary", "Primary"], ["secondary", "Secondary"]],
  las: ["Ealing", "Harrow", "Hillingdon"],
  cols: { urn: ["100003", "100001", "100009", "100002"],
          name: ["Cedar Academy", "Elm Primary", "St Anne’s Catholic Primary", "Zed Nursery"],
          phase: [2, 1, 1, 0], la: [2, 0, 2, 1], level: [2, 0, 1, 0],
          awarded: [20485, 20000, 20454, 20300], days: [1096, 1096, 1096, 1096], due: [0, 1, 0, 0] }
};
const rows = R.makeRows(DATA);
const values = R.sortValues(DATA);
const urns = (list) => list.map((r) => r.urn);
const run = (state, sort = "name", dir = "asc") =>
  urns(R.filterRows(R.sortRows(rows, values[sort]), R.query(DATA, state), dir));

test("rows keep holders.json's name order and work out valid-until", () => {
  assert.deepEqual(urns(rows), ["100003", "100001", "100009", "100002"]);
  assert.equal(rows[0].until, 20485 + 1096);
  assert.equal(rows[2].key, "st annes catholic primary");
});

test("filters: level, phase, local authority, and search by name (any case, accents) or URN prefix", () => {
  assert.deepEqual(run({}), ["100003", "100001", "100009", "100002"]);
  assert.deepEqual(run({ level: ["bronze"] }), ["100001", "100002"]);
  assert.deepEqual(run({ level: ["silver", "gold"], phase: ["primary"] }), ["100009"]);
  assert.deepEqual(run({ la: "Hillingdon" }), ["100003", "100009"]);
  assert.deepEqual(run({ la: "Nowhere" }), []);
  assert.deepEqual(run({ search: "ST ANNES" }), ["100009"]);
  assert.deepEqual(run({ search: "anne's" }), ["100009"]);
  assert.deepEqual(run({ search: "10000" }), ["100003", "100001", "100009", "100002"]);
  assert.deepEqual(run({ search: "000" }), []);            // digits match a URN from its start only
  assert.deepEqual(run({ search: "primary", phase: ["nursery"] }), []);
  assert.equal(R.isFiltered(R.query(DATA, {})), false);
  assert.equal(R.isFiltered(R.query(DATA, { search: "  " })), false);
  assert.equal(R.isFiltered(R.query(DATA, { la: "Ealing" })), true);
});

test("sorting by any column, ties by name, either direction", () => {
  assert.deepEqual(run({}, "urn"), ["100001", "100002", "100003", "100009"]);
  assert.deepEqual(run({}, "urn", "desc"), ["100009", "100003", "100002", "100001"]);
  assert.deepEqual(run({}, "level"), ["100001", "100002", "100009", "100003"]);
  assert.deepEqual(run({}, "phase"), ["100002", "100001", "100009", "100003"]);   // by label: Nursery, Primary, ...
  assert.deepEqual(run({}, "until"), ["100001", "100002", "100009", "100003"]);
  assert.deepEqual(run({ level: ["bronze"] }, "awarded", "desc"), ["100002", "100001"]);
});

test("pages: clamped to the range, with the slice to show", () => {
  assert.deepEqual(R.paginate(120, 1, 50), { page: 1, pages: 3, start: 0, end: 50 });
  assert.deepEqual(R.paginate(120, 3, 50), { page: 3, pages: 3, start: 100, end: 120 });
  assert.deepEqual(R.paginate(120, 9, 50), { page: 3, pages: 3, start: 100, end: 120 });
  assert.deepEqual(R.paginate(0, 2, 50), { page: 1, pages: 1, start: 0, end: 0 });
});

test("the count, and where to look when nothing matches", () => {
  const pg = R.paginate(4, 1, 50);
  assert.equal(R.countText(25000, 25000, false, R.paginate(25000, 2, 50)),
               "25,000 current award holders. Showing 51 to 100.");
  assert.equal(R.countText(4, 2, true, R.paginate(2, 1, 50)), "2 of 4 current award holders match. Showing 1 to 2.");
  assert.equal(R.countText(4, 0, true, pg), "No current award holder matches (of 4).");
  assert.equal(R.elsewhereText({ past: 2, participating: 1 }),
               "The school may not hold the award now. The register also lists 2 past holders (awards that have " +
               "lapsed) and 1 participating school (no level yet), below.");
  assert.equal(R.elsewhereText({ past: 1, participating: 0 }).includes("1 past holder (awards"), true);
  assert.equal(R.elsewhereText({}), "");
});

test("URL state keys are the register's own (not q, which the site search claims)", () => {
  assert.deepEqual(Object.keys(R.STATE), ["search", "level", "phase", "la", "sort", "dir", "page"]);
});
