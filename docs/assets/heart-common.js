/* Helpers shared by the site's page scripts (self-audit.js, register.js): an element builder, dates, URL state,
   text matching and the CSV formula guard. Plain script, no build step, nothing evaluated from strings, so it runs
   under a strict Content-Security-Policy (script-src 'self'). In a browser it attaches to window.HEART.common; under
   Node (the unit tests in tests/js/) it is a CommonJS module. Load it before the page scripts that use it. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else { root.HEART = root.HEART || {}; root.HEART.common = api; }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var DAY_MS = 864e5;

  /* ---------- objects ---------- */
  function has(obj, key) { return obj !== null && obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key); }
  function dict() { return Object.create(null); }      // a map with no prototype: "__proto__" is just a key
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* ---------- the element builder (text only ever set as text, never as HTML) ---------- */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k === "hidden") node.hidden = true;
      else node.setAttribute(k, v === true ? "" : v);
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* ---------- dates ---------- */
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function isoDate(d) { return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate()); }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"];
  function longDate(d) { return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear(); }
  function isoFromDays(days) { return new Date(days * DAY_MS).toISOString().slice(0, 10); }   // days since 1970-01-01
  function ukFromDays(days) {
    var d = new Date(days * DAY_MS);
    return two(d.getUTCDate()) + "/" + two(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
  }

  /* ---------- URL state: a flat object <-> a query string, leaving out values equal to their defaults ----------
     spec: {name: {kind: "text" | "list" | "int" | "choice", def: default, choices: [...]}} */
  function readState(search, spec) {
    var p = new URLSearchParams(search || ""), out = {};
    Object.keys(spec).forEach(function (k) {
      var s = spec[k], raw = p.get(k);
      if (s.kind === "list") out[k] = raw ? raw.split(",").filter(Boolean) : [];
      else if (s.kind === "int") out[k] = /^\d+$/.test(raw || "") && +raw > 0 ? +raw : s.def;
      else if (s.kind === "choice") out[k] = s.choices.indexOf(raw) >= 0 ? raw : s.def;
      else out[k] = raw === null ? s.def : raw;
    });
    return out;
  }
  function writeState(state, spec) {
    var p = new URLSearchParams();
    Object.keys(spec).forEach(function (k) {
      var s = spec[k], v = state[k];
      if (s.kind === "list") { if (v && v.length) p.set(k, v.join(",")); }
      else if (v !== undefined && v !== null && v !== "" && v !== s.def) p.set(k, String(v));
    });
    var q = p.toString();
    return q ? "?" + q : "";
  }

  /* ---------- text matching: case, accents and punctuation do not matter ---------- */
  function norm(s) {
    return String(s).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'\u2019]/g, "")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* ---------- CSV: one rule for the formula guard, the same as macros/heart/render/opendata.py (_csv_value):
     a cell starting with = + - @, a tab or a carriage return would run as a formula in a spreadsheet, so it gets a
     leading apostrophe. Then RFC 4180 quoting. ---------- */
  var FORMULA_START = /^[=+\-@\t\r]/;
  function csvGuard(v) {
    var s = String(v === null || v === undefined ? "" : v);
    return FORMULA_START.test(s) ? "'" + s : s;
  }
  function csvCell(v) {
    var s = csvGuard(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csvText(rows) {      // UTF-8 byte-order mark and CRLF line ends: what Excel expects
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  /* ---------- a polite live region that announces the same words twice when asked twice ---------- */
  function announcer(region) {
    var timer = null;
    return function (msg) {
      region.textContent = "";
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { region.textContent = msg; }, 50);
    };
  }

  return { has: has, dict: dict, plural: plural, el: el, isoDate: isoDate, longDate: longDate,
           isoFromDays: isoFromDays, ukFromDays: ukFromDays, readState: readState, writeState: writeState,
           norm: norm, FORMULA_START: FORMULA_START, csvGuard: csvGuard, csvCell: csvCell, csvText: csvText,
           announcer: announcer };
});
