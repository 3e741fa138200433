/* The register of award holders. The page's HTML already lists the first holders (macros/heart/render/register.py);
   this script loads holders.json (every current holder, sorted by name, column-oriented) and adds search, filters,
   sorting and pages over it. Rows are shown a page at a time (the table's data-page-size), so the work per change
   stays small at 25,000 schools. The state lives in the URL query (?search=&level=&phase=&la=&sort=&dir=&page=;
   not "q", which the theme's site search claims) so a view can be shared. When nothing matches, it points to the
   past holders and participating schools. On a school's entry page it adds a "Copy" button to the badge snippet.
   Without JavaScript, or if the data cannot load, the page's own HTML stays as it is. School names are only ever
   set as text, never as HTML.

   The first half is pure logic (no DOM; unit-tested under Node in tests/js/), the second half is the page. Needs
   heart-common.js loaded first. */
(function (root, factory) {
  "use strict";
  var node = typeof module !== "undefined" && module.exports;
  if (!node && !(root.HEART && root.HEART.common)) return;    // heart-common.js must be declared first
  var api = factory(node ? require("./heart-common.js") : root.HEART.common);
  if (node) { module.exports = api; return; }
  root.HEART.register = api;
  if (typeof document !== "undefined") api.whenReady(document);
})(typeof self !== "undefined" ? self : this, function (H) {
  "use strict";
  var KEYS = ["name", "urn", "phase", "la", "level", "awarded", "until"];
  var STATE = { search: { kind: "text", def: "" }, level: { kind: "list" }, phase: { kind: "list" },
                la: { kind: "text", def: "" }, sort: { kind: "choice", choices: KEYS, def: "name" },
                dir: { kind: "choice", choices: ["asc", "desc"], def: "asc" }, page: { kind: "int", def: 1 } };

  /* ================================================================ logic (no DOM) */
  function makeRows(data) {
    var c = data.cols;
    return c.urn.map(function (urn, i) {
      return { urn: urn, name: c.name[i], phase: c.phase[i], la: c.la[i], level: c.level[i], awarded: c.awarded[i],
               until: c.awarded[i] + c.days[i], due: c.due[i], rank: i, key: H.norm(c.name[i]) };
    });
  }

  function sortValues(data) {
    var byLabel = data.phases.map(function (p, i) { return i; })
      .sort(function (a, b) { return data.phases[a][1] < data.phases[b][1] ? -1 : 1; });
    var phaseRank = [];
    byLabel.forEach(function (p, i) { phaseRank[p] = i; });
    return {
      name: function (r) { return r.rank; }, urn: function (r) { return +r.urn; },
      phase: function (r) { return phaseRank[r.phase]; }, la: function (r) { return r.la; },
      level: function (r) { return r.level; }, awarded: function (r) { return r.awarded; },
      until: function (r) { return r.until; }
    };
  }

  /* Rows sorted ascending by one column, ties by name: a numeric sort of value * n + rank, no comparator calls
     (a few ms for 25,000 rows). */
  function sortRows(rows, valueOf) {
    var n = rows.length, keys = new Float64Array(n);
    for (var i = 0; i < n; i++) keys[i] = valueOf(rows[i]) * n + i;
    keys.sort();
    return Array.prototype.map.call(keys, function (k) { return rows[k % n]; });
  }

  function indexesOf(list, ids) {
    return list.map(function (x, i) { return ids.indexOf(x[0]) >= 0 ? i : -1; }).filter(function (i) { return i >= 0; });
  }

  /* What the user asked for, as indexes into holders.json's lists. */
  function query(data, state) {
    var raw = String(state.search || "").trim();
    return { levels: indexesOf(data.levels, state.level || []), phases: indexesOf(data.phases, state.phase || []),
             la: state.la ? data.las.indexOf(state.la) : -1, hasLa: !!state.la, text: H.norm(raw),
             digits: /^\d+$/.test(raw) ? raw : "" };
  }

  function isFiltered(q) { return !!(q.levels.length || q.phases.length || q.hasLa || q.text); }

  function matches(r, q) {
    if (q.levels.length && q.levels.indexOf(r.level) < 0) return false;
    if (q.phases.length && q.phases.indexOf(r.phase) < 0) return false;
    if (q.hasLa && r.la !== q.la) return false;
    return !q.text || r.key.indexOf(q.text) >= 0 || !!(q.digits && r.urn.indexOf(q.digits) === 0);
  }

  function filterRows(sorted, q, dir) {
    var hits = [];
    for (var i = 0; i < sorted.length; i++) if (matches(sorted[i], q)) hits.push(sorted[i]);
    if (dir === "desc") hits.reverse();
    return hits;
  }

  function paginate(count, page, size) {
    var pages = Math.max(1, Math.ceil(count / size));
    var p = Math.min(Math.max(1, page || 1), pages);
    return { page: p, pages: pages, start: (p - 1) * size, end: Math.min(count, p * size) };
  }

  function fmt(n) { return n.toLocaleString("en-GB"); }

  function countText(total, hits, filtered, pg) {
    var range = hits ? " Showing " + fmt(pg.start + 1) + " to " + fmt(pg.end) + "." : "";
    if (!filtered) return fmt(total) + " current award holders." + range;
    if (!hits) return "No current award holder matches (of " + fmt(total) + ").";
    return fmt(hits) + " of " + fmt(total) + " current award holders match." + range;
  }

  /* When nothing matches: where else the school may be. others: {past: n, participating: n}. */
  function elsewhereText(others) {
    var past = others.past || 0, part = others.participating || 0;
    if (!past && !part) return "";
    var bits = [];
    if (past) bits.push(H.plural(past, "past holder", "past holders") + " (awards that have lapsed)");
    if (part) bits.push(H.plural(part, "participating school", "participating schools") + " (no level yet)");
    return "The school may not hold the award now. The register also lists " + bits.join(" and ") + ", below.";
  }

  /* ================================================================ the page (DOM) */
  function whenReady(doc) {
    var go = function () { initRegister(doc); initCopy(doc); };
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", go); else go();
  }

  function initRegister(doc) {
    var table = doc.getElementById("register-table"), form = doc.getElementById("register-filter");
    if (!table || !form || table.hasAttribute("data-ready") || !window.fetch || !window.URLSearchParams) return;
    table.setAttribute("data-ready", "loading");
    fetch(table.getAttribute("data-src"))
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) { setup(doc, table, form, data); })
      .catch(function () { table.removeAttribute("data-ready"); /* keep the page's own table */ });
  }

  function setup(doc, table, form, data) {
    var R = { doc: doc, table: table, form: form, data: data, rows: makeRows(data), orders: {},
              values: sortValues(data), size: parseInt(table.getAttribute("data-page-size"), 10) || 50,
              others: { past: +table.getAttribute("data-past") || 0,
                        participating: +table.getAttribute("data-participating") || 0 },
              q: form.querySelector("#register-q"), la: form.querySelector("#register-la"),
              boxes: Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]")),
              ths: Array.prototype.slice.call(table.tHead.rows[0].cells), proto: protoRow(table) };
    R.state = H.readState(window.location.search, STATE);
    restoreControls(R);
    addSortButtons(R);
    wireControls(R);
    Array.prototype.forEach.call(form.querySelectorAll("input, select, button"), function (c) { c.disabled = false; });
    render(R, false);
    table.setAttribute("data-ready", "true");
  }

  function protoRow(table) {        // one row, cloned for each school shown; the labels show on a phone
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
    var tr = table.ownerDocument.createElement("tr");
    labels.forEach(function (label, i) {
      var cell = table.ownerDocument.createElement(i ? "td" : "th");
      if (!i) { cell.scope = "row"; cell.appendChild(table.ownerDocument.createElement("a")); }
      if (i >= 5) cell.appendChild(table.ownerDocument.createElement("time"));
      if (i === 6) cell.appendChild(table.ownerDocument.createElement("span"));
      cell.setAttribute("data-label", label);
      cell.className = "heart-reg__" + KEYS[i];
      tr.appendChild(cell);
    });
    return tr;
  }

  function ordered(R, key) {
    if (!R.orders[key]) R.orders[key] = sortRows(R.rows, R.values[key]);
    return R.orders[key];
  }

  function restoreControls(R) {
    R.q.value = R.state.search;
    R.boxes.forEach(function (b) { b.checked = (R.state[b.name] || []).indexOf(b.value) >= 0; });
    if (R.data.las.indexOf(R.state.la) < 0) R.state.la = "";
    R.la.value = R.state.la;
    var more = R.form.querySelector("#register-more");      // a shared view with those filters shows them
    if (more && (R.state.la || (R.state.phase || []).length)) more.open = true;
  }

  function readControls(R) {
    R.state.search = R.q.value;
    R.state.la = R.la.value;
    ["level", "phase"].forEach(function (g) {
      R.state[g] = R.boxes.filter(function (b) { return b.name === g && b.checked; }).map(function (b) { return b.value; });
    });
  }

  function addSortButtons(R) {
    R.ths.forEach(function (th, i) {
      var b = H.el("button", { type: "button", "class": "heart-sort", "data-sort": KEYS[i] }, [th.textContent,
                H.el("span", { "aria-hidden": "true", "class": "heart-sort__arrow" })]);
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        R.state.dir = R.state.sort === KEYS[i] && R.state.dir === "asc" ? "desc" : "asc";
        R.state.sort = KEYS[i];
        R.state.page = 1;
        render(R, true);
      });
    });
  }

  function wireControls(R) {
    function changed() { R.state.page = 1; render(R, true); }
    R.q.addEventListener("input", changed);
    R.la.addEventListener("change", changed);
    R.boxes.forEach(function (b) { b.addEventListener("change", changed); });
    R.form.addEventListener("submit", function (e) { e.preventDefault(); });
    R.form.querySelector("[data-register-clear]").addEventListener("click", function () {
      R.q.value = ""; R.la.value = "";
      R.boxes.forEach(function (b) { b.checked = false; });
      changed();
    });
    var nav = R.doc.getElementById("register-pages");
    Array.prototype.forEach.call(nav.querySelectorAll("[data-page]"), function (b) {
      b.addEventListener("click", function () { R.state.page += +b.getAttribute("data-page"); render(R, true); });
    });
  }

  function setTime(cell, days) {
    var t = cell.querySelector("time");
    t.textContent = H.ukFromDays(days);
    t.setAttribute("datetime", H.isoFromDays(days));
  }

  function fillRow(R, r) {
    var tr = R.proto.cloneNode(true), c = tr.cells, d = R.data;
    c[0].firstChild.textContent = r.name;
    c[0].firstChild.setAttribute("href", r.urn + "/");
    c[1].textContent = r.urn;
    c[2].textContent = d.phases[r.phase][1];
    c[3].textContent = d.las[r.la];
    c[4].textContent = d.levels[r.level][1];
    setTime(c[5], r.awarded);
    setTime(c[6], r.until);
    c[6].lastChild.textContent = r.due ? " (renewal due)" : "";
    return tr;
  }

  function render(R, push) {
    readControls(R);
    var q = query(R.data, R.state), hits = filterRows(ordered(R, R.state.sort), q, R.state.dir);
    var pg = paginate(hits.length, R.state.page, R.size);
    R.state.page = pg.page;
    var frag = R.doc.createDocumentFragment();
    hits.slice(pg.start, pg.end).forEach(function (r) { frag.appendChild(fillRow(R, r)); });
    var tbody = R.table.tBodies[0];
    tbody.textContent = "";
    tbody.appendChild(frag);
    showSort(R);
    showStatus(R, hits.length, isFiltered(q), pg);
    if (push) history.replaceState(null, "", window.location.pathname + H.writeState(R.state, STATE) +
                                   window.location.hash);
  }

  function showSort(R) {
    R.ths.forEach(function (th, i) {
      var on = KEYS[i] === R.state.sort;
      if (on) th.setAttribute("aria-sort", R.state.dir === "asc" ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
      th.querySelector(".heart-sort__arrow").textContent = on ? (R.state.dir === "asc" ? " \u25b2" : " \u25bc")
                                                              : " \u21c5";
    });
  }

  function showStatus(R, hits, filtered, pg) {
    var status = R.doc.getElementById("register-count"), none = R.doc.getElementById("register-none");
    var elsewhere = !hits && filtered ? elsewhereText(R.others) : "";
    status.textContent = countText(R.rows.length, hits, filtered, pg) + (elsewhere ? " " + elsewhere : "");
    if (none) none.hidden = !(filtered && !hits);
    R.table.hidden = !hits && filtered;
    var nav = R.doc.getElementById("register-pages");
    nav.hidden = pg.pages < 2;
    R.doc.getElementById("register-page").textContent = "Page " + pg.page + " of " + pg.pages;
    nav.querySelector("[data-page='-1']").disabled = pg.page <= 1;
    nav.querySelector("[data-page='1']").disabled = pg.page >= pg.pages;
  }

  /* ---------- the badge snippet's Copy button (a school's entry page) ---------- */
  function initCopy(doc) {
    var code = doc.querySelector(".heart-badge-snippet code"), slot = doc.getElementById("badge-copy");
    if (!code || !slot || slot.hasAttribute("data-ready")) return;
    slot.setAttribute("data-ready", "true");
    var live = H.el("span", { "class": "heart-copy-status", role: "status", "aria-live": "polite" });
    var button = H.el("button", { type: "button", "class": "md-button heart-copy", text: "Copy the HTML" });
    slot.appendChild(button);
    slot.appendChild(live);
    var say = H.announcer(live);
    button.addEventListener("click", function () {
      copyText(doc, code).then(function () { say("Copied"); },
        function () { say("Could not copy: the HTML is selected, so press Ctrl+C (or Cmd+C) to copy it."); });
    });
  }

  function copyText(doc, code) {
    var text = code.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(doc, code); });
    }
    return legacyCopy(doc, code);
  }

  function legacyCopy(doc, code) {   // select the snippet; execCommand copies it where the Clipboard API is missing
    var range = doc.createRange(), sel = window.getSelection();
    range.selectNodeContents(code);
    sel.removeAllRanges();
    sel.addRange(range);
    var ok = false;
    try { ok = doc.execCommand("copy"); } catch (e) { ok = false; }
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  return { KEYS: KEYS, STATE: STATE, makeRows: makeRows, sortValues: sortValues, sortRows: sortRows, query: query,
           isFiltered: isFiltered, matches: matches, filterRows: filterRows, paginate: paginate,
           countText: countText, elsewhereText: elsewhereText, whenReady: whenReady };
});
