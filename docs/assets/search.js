/* Site search in the header box, over the Pagefind index written after the build (macros/search_hooks.py).
   Everyday wording: the query is lower-cased, possessives ("child's") and hyphens ("co-regulation") are handled,
   small words are dropped, misspelt words are corrected against the site's own vocabulary (pagefind/heart-words.json),
   and each word is searched on its own as well as together, so a long sentence still finds the pages that share most
   of its words. Nothing leaves the browser: the index is loaded from this site on first use. */
(function () {
  "use strict";
  var box = document.querySelector("[data-heart-search]");
  if (!box) return;
  var input = box.querySelector("[data-heart-search-input]");
  var form = box.querySelector("[data-heart-search-form]");
  var list = box.querySelector("#heart-search-results");
  var status = box.querySelector("#heart-search-status");
  var toggle = document.getElementById("__search");
  var root = new URL((box.getAttribute("data-root") || ".") + "/", window.location.href);
  var engine = null, words = null, stop = {}, seq = 0, timer = null;
  var MAX = 8;

  function load() {
    if (engine) return engine;
    engine = Promise.all([
      import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () { return pf; });
      }),
      fetch(new URL("pagefind/heart-words.json", root).href).then(function (r) { return r.json(); })
        .then(function (v) { words = v.words; v.stop.forEach(function (w) { stop[w] = true; }); })
        .catch(function () { words = []; })
    ]).then(function (r) { return r[0]; });
    return engine;
  }

  function open(on) {
    if (toggle && toggle.checked !== on) { toggle.checked = on; toggle.dispatchEvent(new Event("change")); }
  }

  // ---------------------------------------------------------------- query words
  function normalise(q) {
    return q.toLowerCase().replace(/[\u2018\u2019`]/g, "'").replace(/'s\b/g, "").replace(/s'(?=\s|$)/g, "s")
      .replace(/[^a-z0-9\u00c0-\u024f]+/g, " ").trim();
  }
  function distance(a, b, max) {          // Damerau-Levenshtein (adjacent swaps), early exit above max
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var best = max + 1;
      for (j = 1; j <= b.length; j++) {
        var c = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + c);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        if (d[i][j] < best) best = d[i][j];
      }
      if (best > max) return max + 1;
    }
    return d[a.length][b.length];
  }
  function known(w) {
    if (!words || !words.length) return true;
    for (var i = 0; i < words.length; i++) {
      var v = words[i];
      if (v === w || (v.indexOf(w) === 0 && w.length >= 3) || (w.indexOf(v) === 0 && v.length >= 4 && w.length - v.length <= 3)) return true;
    }
    return false;
  }
  function correct(w) {
    if (w.length < 4 || /[0-9]/.test(w) || known(w)) return w;
    var max = w.length < 6 ? 1 : w.length < 9 ? 2 : 3, best = null, bestD = max + 1;
    words.forEach(function (v) {
      var d = distance(w, v, max);
      if (d < bestD || (d === bestD && best && v[0] === w[0] && best[0] !== w[0])) { best = v; bestD = d; }
    });
    return best && bestD <= max ? best : w;
  }
  function terms(q) {
    var all = normalise(q).split(" ").filter(Boolean);
    var kept = all.filter(function (w) { return !stop[w] && (w.length > 1 || /[0-9]/.test(w)); });
    return (kept.length ? kept : all).filter(function (w, i, a) { return a.indexOf(w) === i; });
  }
  // a word the index hardly knows is corrected to the nearest word the site uses, when that finds more
  function corrected(pf, ws) {
    return Promise.all(ws.map(function (w) {
      return pf.search(w).then(function (r) {
        var n = r && r.results ? r.results.length : 0;
        if (n >= 3) return { w: w, r: r };
        var c = correct(w);
        if (c === w) return { w: w, r: r };
        return pf.search(c).then(function (r2) {
          return r2 && r2.results && r2.results.length > n ? { w: c, r: r2 } : { w: w, r: r };
        });
      });
    }));
  }

  // ---------------------------------------------------------------- ranking
  function search(pf, ws, single) {
    return pf.search(ws.join(" ")).then(function (all) {
      var res = [all].concat(ws.length > 1 ? single : []);
      var pages = {};
      function add(r, key, weight) {
        var p = pages[r.id] || (pages[r.id] = { r: r, score: 0, hits: {} });
        p.score += r.score * weight;
        p.hits[key] = true;
      }
      (res[0] && res[0].results || []).forEach(function (r) { add(r, "*", 2); });
      res.slice(1).forEach(function (one, i) {
        (one && one.results || []).forEach(function (r) { add(r, ws[i], 1); });
      });
      var ranked = Object.keys(pages).map(function (k) {
        var p = pages[k], n = Object.keys(p.hits).filter(function (h) { return h !== "*"; }).length;
        var share = ws.length > 1 ? n / ws.length : 1;
        p.rank = p.score * (0.25 + share * share) * (p.hits["*"] ? 2 : 1);
        return p;
      });
      ranked.sort(function (a, b) { return b.rank - a.rank; });
      return ranked;
    });
  }

  // ---------------------------------------------------------------- results
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function marked(excerpt) {            // Pagefind's excerpt: text with <mark>; keep only those two
    var t = document.createElement("template"), out = el("p", "heart-search__excerpt");
    t.innerHTML = excerpt || "";
    Array.prototype.forEach.call(t.content.childNodes, function (n) {
      if (n.nodeType === 3) out.appendChild(document.createTextNode(n.textContent));
      else if (n.nodeName === "MARK") out.appendChild(el("mark", "", n.textContent));
      else out.appendChild(document.createTextNode(n.textContent || ""));
    });
    return out;
  }
  function why(meta, ws) {
    function find(field) {
      return (meta[field] || "").split(" | ").filter(function (phrase) {
        var p = " " + normalise(phrase) + " ";
        return phrase && ws.some(function (w) { return w.length > 2 && p.indexOf(" " + w) >= 0; });
      }).slice(0, 2);
    }
    var n = find("noticed"), k = find("keywords");
    if (n.length) return "What you might notice: " + n.map(function (x) { return "\u201c" + x + "\u201d"; }).join(", ");
    if (k.length) return "Matches: " + k.join(", ");
    return "";
  }
  function render(items, ws, shownQuery) {
    list.textContent = "";
    items.forEach(function (d) {
      var meta = d.meta || {}, li = el("li", "md-search-result__item"), a = el("a", "md-search-result__link");
      a.href = d.url;
      var art = el("article", "md-search-result__article md-typeset heart-search__hit");
      art.appendChild(el("span", "heart-search__kind", meta.kind || "Page"));
      art.appendChild(el("h2", "heart-search__title", meta.title || d.url));
      if (meta.summary) art.appendChild(el("p", "heart-search__summary", meta.summary));
      if (meta.facts) art.appendChild(el("p", "heart-search__facts", meta.facts));
      var reason = why(meta, ws);
      if (reason) art.appendChild(el("p", "heart-search__why", reason));
      else if (meta.kind !== "Situation") art.appendChild(marked(d.excerpt));
      a.appendChild(art);
      li.appendChild(a);
      list.appendChild(li);
    });
    var note = shownQuery ? " (searched for \u201c" + shownQuery + "\u201d)" : "";
    status.textContent = items.length ? (items.length === 1 ? "1 result" : items.length + " results") + note
                                      : "No results" + note + ". Try other words, or browse the strategy library.";
  }

  function run() {
    var q = input.value, my = ++seq;
    if (!q.trim()) { list.textContent = ""; list.removeAttribute("data-for"); status.textContent = "Type a few words: what you are seeing, a strategy, a name."; return; }
    status.textContent = "Searching\u2026";
    load().then(function (pf) {
      var typed = terms(q), ws;
      if (!typed.length) return;
      return corrected(pf, typed).then(function (found) {
        ws = found.map(function (f) { return f.w; });
        return search(pf, ws, found.map(function (f) { return f.r; }));
      }).then(function (ranked) {
        return Promise.all(ranked.slice(0, MAX).map(function (p) { return p.r.data(); }));
      }).then(function (items) {
        if (my !== seq) return;
        var changed = ws.join(" ") !== typed.join(" ");
        render(items, ws, changed ? ws.join(" ") : "");
        list.setAttribute("data-for", q);
      });
    }).catch(function () {
      if (my === seq) status.textContent = "Search is not available right now: browse the strategy library instead.";
    });
  }

  input.addEventListener("focus", function () { open(true); load(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(function () { run(); input.focus(); }, 0); });
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked && document.activeElement !== input) input.focus(); });

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && !e.ctrlKey && !e.metaKey && !e.altKey && (e.key === "/" || e.key === "s" || e.key === "f")) {
      e.preventDefault(); open(true); input.focus(); input.select(); return;
    }
    if (!box.contains(t)) return;
    if (e.key === "Escape") { open(false); input.blur(); return; }
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      var all = links(); if (!all.length) return;
      e.preventDefault();
      var i = all.indexOf(t);
      if (e.key === "ArrowDown") (i < 0 ? all[0] : all[Math.min(i + 1, all.length - 1)]).focus();
      else if (i <= 0) input.focus(); else all[i - 1].focus();
    }
  });
})();
