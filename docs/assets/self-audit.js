/* The self-audit. The page's HTML (macros/heart/render/self_audit.py) already holds the form: a level chooser, jump
   links and one fieldset per criterion with the rating scale. This script enhances it: one level at a time (the
   choice is remembered in this browser), answers saved in localStorage (the key includes the award name; nothing
   is sent anywhere), progress per level and area, export and import of answers, a CSV, and the draft development
   plan for the chosen level (or all), printed landscape. The rating scale and the criteria come from the criteria
   JSON (award/criteria.json, built from data/scheme.yml), the one source of truth shared with the Python renderer.

   The first half is pure logic (no DOM; unit-tested under Node in tests/js/), the second half is the page. Needs
   heart-common.js loaded first. Nothing here evaluates strings, so it runs under script-src 'self'. */
(function (root, factory) {
  "use strict";
  var node = typeof module !== "undefined" && module.exports;
  if (!node && !(root.HEART && root.HEART.common)) return;    // heart-common.js must be declared first
  var api = factory(node ? require("./heart-common.js") : root.HEART.common);
  if (node) { module.exports = api; return; }
  root.HEART.selfAudit = api;
  if (typeof document !== "undefined") api.whenReady(document);
})(typeof self !== "undefined" ? self : this, function (H) {
  "use strict";
  var NOTE_MAX = 10000, SCHOOL_MAX = 200, FILE_MAX = 2 * 1024 * 1024;
  var PRINT_CLASS = "heart-sa-print-plan";
  var has = H.has, dict = H.dict, plural = H.plural;

  /* ================================================================ logic (no DOM) */
  function makeScale(ratings, unrated) {
    var list = (ratings || []).map(function (r) {
      return { id: String(r.id), label: String(r.label), definition: String(r.definition || ""), met: r.met === true };
    });
    var byId = dict();
    list.forEach(function (r) { byId[r.id] = r; });
    var none = unrated && unrated.label ? String(unrated.label) : "No rating yet";
    return {
      list: list, unratedLabel: none,
      isRating: function (id) { return has(byId, id); },
      isMet: function (id) { return has(byId, id) && byId[id].met; },
      label: function (id) { return has(byId, id) ? byId[id].label : none; },
      metText: function () {
        return list.filter(function (r) { return r.met; }).map(function (r) { return r.label.toLowerCase(); }).join(" or ");
      }
    };
  }

  /* The criteria file as one context object: criteria by id (own properties only), levels, areas, the scale. */
  function makeContext(data) {
    var criteria = Array.isArray(data.criteria) ? data.criteria : [];
    var byId = dict();
    criteria.forEach(function (c) { byId[String(c.id)] = c; });
    return { award: String(data.award || "Award"), version: String(data.version || ""), criteria: criteria,
             byId: byId, levels: data.levels || [], areas: data.areas || [], history: data.history || [],
             scale: makeScale(data.ratings, data.unrated) };
  }

  function cmpVersion(a, b) {
    var pa = String(a).split(/[.\-]/), pb = String(b).split(/[.\-]/);
    for (var i = 0; i < Math.max(pa.length, pb.length); i++) {
      var x = pa[i] || "0", y = pb[i] || "0";
      var nx = /^\d+$/.test(x) ? parseInt(x, 10) : NaN, ny = /^\d+$/.test(y) ? parseInt(y, 10) : NaN;
      if (!isNaN(nx) && !isNaN(ny)) { if (nx !== ny) return nx < ny ? -1 : 1; }
      else if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  function idPattern(knownIds) {
    var escaped = knownIds.map(function (id) { return String(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    escaped.sort(function (a, b) { return b.length - a.length; });
    return escaped.length ? new RegExp("(^|[^A-Za-z0-9])(" + escaped.join("|") + ")(?![A-Za-z0-9])", "g") : null;
  }

  /* Criterion ids the changelog names for versions after fromVersion, up to toVersion (either way round). */
  function historyIds(history, fromVersion, toVersion, knownIds) {
    var lo = fromVersion, hi = toVersion, out = [], re = idPattern(knownIds);
    if (cmpVersion(lo, hi) > 0) { lo = toVersion; hi = fromVersion; }
    function add(id) { if (id && out.indexOf(String(id)) < 0) out.push(String(id)); }
    function scan(item) {
      if (item === null || item === undefined) return;
      if (typeof item === "string") {
        if (!re) return;
        var m; re.lastIndex = 0;
        while ((m = re.exec(item))) add(m[2]);
      } else if (Array.isArray(item)) item.forEach(scan);
      else if (typeof item === "object") {
        ["id", "ids", "added", "removed", "changed", "criteria"].forEach(function (k) {
          if (typeof item[k] === "string") add(item[k]); else if (Array.isArray(item[k])) item[k].forEach(add);
        });
        ["text", "change", "summary"].forEach(function (k) { if (typeof item[k] === "string") scan(item[k]); });
      }
    }
    (history || []).forEach(function (entry) {
      if (!entry || entry.version === undefined) return;
      if (cmpVersion(entry.version, lo) <= 0 || cmpVersion(entry.version, hi) > 0) return;
      scan(entry.changes);
      ["added", "removed", "changed"].forEach(function (k) { if (Array.isArray(entry[k])) entry[k].forEach(add); });
    });
    return out;
  }

  function cleanAnswer(ctx, a) {      // null when the saved answer is not an object
    if (!a || typeof a !== "object" || Array.isArray(a)) return null;
    var rating = a.rating === null || a.rating === undefined ? "" : String(a.rating);
    var note = typeof a.note === "string" ? a.note.slice(0, NOTE_MAX) : "";
    return { rating: rating, note: note, known: !rating || ctx.scale.isRating(rating) };
  }

  /* Match saved answers to the current criteria, by own property only ("__proto__" and "constructor" are just
     unknown ids). knownIds: the criteria that existed when the answers were saved, if recorded. */
  function reconcile(ctx, fileVersion, fileAnswers, knownIds) {
    var kept = dict(), removed = [], invalid = [], added = [], changed = [];
    var own = fileAnswers && typeof fileAnswers === "object" ? Object.keys(fileAnswers) : [];
    var fileIds = own.concat(Array.isArray(knownIds) ? knownIds.map(String).filter(function (id) {
      return own.indexOf(id) < 0; }) : []);
    own.forEach(function (id) {
      if (!has(ctx.byId, id)) { removed.push(id); return; }
      var a = cleanAnswer(ctx, fileAnswers[id]);
      if (!a) { invalid.push(id); return; }
      if (!a.known) { invalid.push(id); a.rating = ""; }
      if (a.rating || a.note) kept[id] = { rating: a.rating, note: a.note };
    });
    var same = String(fileVersion) === ctx.version;
    if (!same) {
      ctx.criteria.forEach(function (c) { if (fileIds.indexOf(c.id) < 0) added.push(c.id); });
      historyIds(ctx.history, fileVersion, ctx.version, Object.keys(ctx.byId).concat(removed)).forEach(function (id) {
        if (has(ctx.byId, id) && fileIds.indexOf(id) >= 0 && changed.indexOf(id) < 0) changed.push(id);
      });
    }
    return { kept: kept, removed: removed, invalid: invalid, added: added, changed: changed, sameVersion: same,
             fileVersion: String(fileVersion) };
  }

  function reconcileMessage(r, what, version) {
    var parts = [];
    if (!r.sameVersion) parts.push(what + " saved against criteria version " + r.fileVersion + "; this site uses " +
                                   "version " + version + ".");
    parts.push("Kept answers for " + plural(Object.keys(r.kept).length, "criterion", "criteria") + ".");
    if (r.removed.length) parts.push((r.sameVersion ? "Not kept, because version " + version + " has no criteria " +
      "with these ids: " : "Removed since version " + r.fileVersion + ", so not kept: ") + r.removed.join(", ") + ".");
    if (r.added.length) parts.push("Added since version " + r.fileVersion + ", with no answer yet: " +
                                   r.added.join(", ") + ".");
    if (r.changed.length) parts.push("Changed since version " + r.fileVersion + ", so check these answers: " +
                                     r.changed.join(", ") + ".");
    if (r.invalid.length) parts.push("Ratings not recognised, so left without a rating: " + r.invalid.join(", ") + ".");
    return parts.join(" ");
  }

  function answerOf(answers, id) { return has(answers, id) ? answers[id] : { rating: "", note: "" }; }
  function hasAnswers(answers) {
    return Object.keys(answers).some(function (id) { return answers[id].rating || answers[id].note; });
  }

  function counts(list, answers, scale) {
    var rated = 0, met = 0;
    list.forEach(function (c) {
      var r = answerOf(answers, c.id).rating;
      if (r) rated++;
      if (scale.isMet(r)) met++;
    });
    return { total: list.length, rated: rated, met: met, gaps: list.length - met };
  }

  function inLevel(ctx, level) {
    return ctx.criteria.filter(function (c) { return level === "all" || c.level === level; });
  }

  function progress(ctx, answers) {
    return {
      all: counts(ctx.criteria, answers, ctx.scale),
      levels: ctx.levels.map(function (lv) {
        return { id: lv.id, title: lv.name, n: counts(inLevel(ctx, lv.id), answers, ctx.scale) };
      }).filter(function (row) { return row.n.total; }),
      areas: ctx.areas.map(function (ar) {
        var items = ctx.criteria.filter(function (c) { return (c.areas || []).indexOf(ar.id) >= 0; });
        return { id: ar.id, title: ar.title, n: counts(items, answers, ctx.scale) };
      }).filter(function (row) { return row.n.total; })
    };
  }

  function progressText(n) {
    return n.rated + " of " + plural(n.total, "criterion", "criteria") + " rated; " + n.met + " met; " +
      plural(n.gaps, "gap", "gaps") + ".";
  }

  function summaryText(n, scale) {
    return "You have rated " + n.rated + " of " + plural(n.total, "criterion", "criteria") + ". " +
      plural(n.met, "criterion is", "criteria are") + " " + scale.metText() + "; " +
      plural(n.gaps, "criterion is a gap", "criteria are gaps") + ".";
  }

  /* The plan: every criterion at the chosen level (or all) that is not rated met, with its rating and notes. */
  function planRows(ctx, answers, level) {
    return inLevel(ctx, level).filter(function (c) { return !ctx.scale.isMet(answerOf(answers, c.id).rating); })
      .map(function (c) {
        var a = answerOf(answers, c.id);
        return { criterion: c, rating: ctx.scale.label(a.rating), note: a.note || "" };
      });
  }

  function levelName(ctx, id) {
    if (id === "all") return "all levels";
    for (var i = 0; i < ctx.levels.length; i++) if (ctx.levels[i].id === id) return String(ctx.levels[i].name);
    return String(id || "");
  }

  function csvRows(ctx, answers) {
    var rows = [["id", "level", "title", "rating", "note"]];
    ctx.criteria.forEach(function (c) {
      var a = answerOf(answers, c.id);
      rows.push([c.id, levelName(ctx, c.level), c.title, a.rating ? ctx.scale.label(a.rating) : "", a.note || ""]);
    });
    return rows;
  }

  function exportObject(ctx, answers, school, now) {
    var all = {};
    ctx.criteria.forEach(function (c) {
      var a = answerOf(answers, c.id);
      all[c.id] = { rating: a.rating || null, note: a.note || "" };
    });
    return { award: ctx.award, version: ctx.version, saved: now.toISOString(), school: school || "", answers: all };
  }

  function storedRecord(ctx, answers, school, now) {   // what this browser keeps between visits
    var out = {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      if (a.rating || a.note) out[id] = { rating: a.rating || null, note: a.note || "" };
    });
    return { award: ctx.award, version: ctx.version, saved: now.toISOString(), school: school || "",
             criteria: ctx.criteria.map(function (c) { return c.id; }), answers: out };
  }

  /* A file chosen for import: {error} or {version, award, school, answers}. */
  function parseAnswersFile(text) {
    var parsed = null;
    try { parsed = JSON.parse(String(text).replace(/^\ufeff/, "")); } catch (e) { parsed = null; }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || !parsed.answers ||
        typeof parsed.answers !== "object" || Array.isArray(parsed.answers)) {
      return { error: "That file is not a saved self-audit. Choose a JSON file made with Export answers. " +
                      "Nothing was imported." };
    }
    var v = parsed.version;
    return { version: v === undefined || v === null ? "unknown" : String(v),
             award: typeof parsed.award === "string" ? parsed.award : "",
             school: typeof parsed.school === "string" ? parsed.school.slice(0, SCHOOL_MAX) : "",
             answers: parsed.answers };
  }

  /* Which level to show: a #level-x or #sa-criterion-y address first, then the stored choice, then the first. */
  function pickLevel(ctx, hash, stored) {
    var ids = ctx.levels.map(function (lv) { return String(lv.id); }).concat(["all"]);
    var m = /^#level-(.+)$/.exec(hash || "");
    if (m && ids.indexOf(m[1]) >= 0) return m[1];
    m = /^#sa-criterion-(.+)$/.exec(hash || "");
    if (m) {
      var hit = ctx.criteria.filter(function (c) { return safeId(c.id) === m[1]; })[0];
      if (hit) return String(hit.level);
    }
    if (stored && ids.indexOf(stored) >= 0) return stored;
    return ids[0];
  }

  function safeId(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "-"); }
  function slug(award) {
    return String(award).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "award";
  }

  /* ================================================================ the page (DOM) */
  function whenReady(doc) {
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", function () { boot(doc); });
    else boot(doc);
  }

  function boot(doc) {
    var root = doc.getElementById("self-audit-tool");
    if (!root || !root.getAttribute("data-criteria-url") || root.hasAttribute("data-ready")) return;
    root.setAttribute("data-ready", "loading");
    var say = H.announcer(doc.getElementById("sa-status"));
    var url = new URL(root.getAttribute("data-criteria-url"), doc.baseURI);
    if (!window.fetch || !window.Blob || !window.localStorage) {
      say("This browser cannot save your answers here. You can still rate each criterion and print the page.");
      return;
    }
    fetch(url.href, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("the criteria file answered " + r.status);
      return r.json();
    }).then(function (data) {
      if (!data || !Array.isArray(data.criteria) || !data.criteria.length) throw new Error("no criteria");
      start(doc, root, makeContext(data), url, say);
    }).catch(function (err) {
      if (window.console) console.error("self-audit:", err);
      say("Your answers cannot be saved on this page just now (the criteria could not be loaded). You can still " +
          "rate each criterion and print the page.");
    });
  }

  function start(doc, root, ctx, criteriaUrl, say) {
    var P = { doc: doc, root: root, ctx: ctx, say: say, answers: dict(), school: "", level: "",
              key: "heart-self-audit:" + ctx.award, levelKey: "heart-self-audit-level:" + ctx.award,
              siteRoot: new URL("../", criteriaUrl), storageOk: true, nodes: collectNodes(root, ctx) };
    P.get = function (id) { return doc.getElementById(id); };
    wireLevels(P);
    wireForm(P);
    wirePlan(P);
    wireTools(P);
    restore(P);
    ["sa-progress", "sa-plan-tools", "sa-tools"].forEach(function (id) { P.get(id).hidden = false; });
    P.get("sa-shortcuts").classList.add("heart-sa-shortcuts--ready");
    showLevel(P, pickLevel(ctx, window.location.hash, readLevel(P)), false);
    refresh(P);
    root.setAttribute("data-ready", "true");
  }

  /* The page's own fieldsets, by criterion id; any the criteria file no longer has are removed. */
  function collectNodes(root, ctx) {
    var nodes = dict();
    Array.prototype.forEach.call(root.querySelectorAll("fieldset.heart-sa-criterion"), function (fs) {
      var id = fs.getAttribute("data-criterion");
      if (!has(ctx.byId, id)) {
        var jump = root.querySelector('.heart-sa-jump a[href="#' + fs.id + '"]');
        if (jump) jump.parentNode.remove();
        fs.remove();
        return;
      }
      nodes[id] = { radios: Array.prototype.slice.call(fs.querySelectorAll("input[type=radio]")),
                    note: fs.querySelector("textarea") };
    });
    return nodes;
  }

  /* ---------- levels: tabs, remembered; jump links reveal their level ---------- */
  function readLevel(P) { try { return localStorage.getItem(P.levelKey); } catch (e) { return null; } }

  function showLevel(P, level, remember) {
    P.level = level;
    Array.prototype.forEach.call(P.root.querySelectorAll("section.heart-sa-level"), function (s) {
      s.hidden = !(level === "all" || s.getAttribute("data-level") === level);
    });
    Array.prototype.forEach.call(P.root.querySelectorAll(".heart-sa-tab"), function (a) {
      if (a.getAttribute("data-level") === level) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    P.get("sa-plan-button").textContent = "Print draft development plan for " + levelName(P.ctx, level);
    if (remember) { try { localStorage.setItem(P.levelKey, level); } catch (e) { /* not remembered */ } }
    if (!P.get("sa-plan").hidden) buildPlan(P);
  }

  function wireLevels(P) {
    P.root.addEventListener("click", function (e) {
      var tab = e.target.closest ? e.target.closest(".heart-sa-tab") : null;
      if (tab) {
        e.preventDefault();
        var level = tab.getAttribute("data-level");
        showLevel(P, level, true);
        history.replaceState(null, "", "#level-" + level);
        var first = P.root.querySelector("section.heart-sa-level:not([hidden]) h2");
        if (first) first.focus();
        return;
      }
      var jump = e.target.closest ? e.target.closest('a[href^="#sa-criterion-"]') : null;
      if (jump) revealFor(P, jump.getAttribute("href"));
    });
    window.addEventListener("hashchange", function () { revealFor(P, window.location.hash); });
  }

  function revealFor(P, hash) {     // an address inside a hidden level shows that level
    var target = /^#sa-criterion-/.test(hash || "") ? P.doc.getElementById(hash.slice(1)) : null;
    if (target && target.closest("section[hidden]")) showLevel(P, pickLevel(P.ctx, hash, P.level), true);
  }

  /* ---------- ratings and notes ---------- */
  function wireForm(P) {
    P.root.addEventListener("change", function (e) {
      var t = e.target, id = t.getAttribute && t.getAttribute("data-criterion");
      if (t.type !== "radio" || !id || !has(P.ctx.byId, id)) return;
      P.answers[id] = { rating: t.value, note: answerOf(P.answers, id).note || "" };
      save(P);
      refresh(P);
    });
    P.root.addEventListener("input", function (e) {
      var t = e.target, id = t.getAttribute && t.getAttribute("data-criterion");
      if (t.id === "sa-school") { P.school = t.value.slice(0, SCHOOL_MAX); save(P); return; }
      if (t.tagName !== "TEXTAREA" || !id || !has(P.ctx.byId, id)) return;
      P.answers[id] = { rating: answerOf(P.answers, id).rating || "", note: t.value.slice(0, NOTE_MAX) };
      save(P);
      if (!P.get("sa-plan").hidden) buildPlan(P);
    });
  }

  function save(P) {
    try {
      if (hasAnswers(P.answers) || P.school) {
        localStorage.setItem(P.key, JSON.stringify(storedRecord(P.ctx, P.answers, P.school, new Date())));
      } else localStorage.removeItem(P.key);
      P.storageOk = true;
    } catch (e) {
      if (P.storageOk) P.say("This browser is not letting the page save your answers. Export them to a file " +
                             "before you leave the page.");
      P.storageOk = false;
    }
  }

  function restore(P) {
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(P.key) || "null"); } catch (e) { stored = null; }
    if (!stored || typeof stored !== "object" || !stored.answers || typeof stored.answers !== "object") return;
    var r = reconcile(P.ctx, stored.version === undefined ? P.ctx.version : String(stored.version), stored.answers,
                      stored.criteria);
    P.answers = r.kept;
    P.school = typeof stored.school === "string" ? stored.school.slice(0, SCHOOL_MAX) : "";
    if (!r.sameVersion || r.removed.length || r.invalid.length) {
      save(P);
      P.say("The criteria have changed since you last used this page. " +
            reconcileMessage(r, "Your answers were", P.ctx.version));
    }
  }

  function showAnswers(P) {
    Object.keys(P.nodes).forEach(function (id) {
      var a = answerOf(P.answers, id), n = P.nodes[id];
      n.radios.forEach(function (r) { r.checked = r.value === (a.rating || ""); });
      if (n.note.value !== (a.note || "")) n.note.value = a.note || "";
    });
    var school = P.get("sa-school");
    if (school.value !== P.school) school.value = P.school;
  }

  function fillRows(P, body, rows) {
    body.textContent = "";
    rows.forEach(function (row) {
      var n = row.n;
      body.appendChild(H.el("tr", {}, [H.el("th", { scope: "row", text: row.title })].concat(
        [n.total, n.rated, n.met, n.gaps].map(function (x) { return H.el("td", { text: String(x) }); }))));
    });
  }

  function refresh(P) {
    showAnswers(P);
    var p = progress(P.ctx, P.answers);
    P.get("sa-summary").textContent = summaryText(p.all, P.ctx.scale);
    fillRows(P, P.get("sa-progress-levels"), p.levels);
    fillRows(P, P.get("sa-progress-areas"), p.areas);
    p.levels.forEach(function (row) {
      var line = P.root.querySelector('[data-progress-level="' + row.id + '"]');
      if (line) line.textContent = progressText(row.n);
    });
    if (!P.get("sa-plan").hidden) buildPlan(P);
  }

  /* ---------- the draft development plan ---------- */
  function link(P, u) {             // URLs in the JSON are root-relative: resolve them against this site's root
    if (!u) return null;
    return /^[a-z][a-z0-9+.\-]*:/i.test(u) ? u : new URL(String(u).replace(/^\//, ""), P.siteRoot).href;
  }

  function linkList(P, items) {
    if (!items || !items.length) return H.el("span", { "class": "heart-sa-none", text: "None suggested" });
    return H.el("ul", {}, items.map(function (it) {
      return H.el("li", {}, [it.url ? H.el("a", { href: link(P, it.url), text: it.title }) : it.title]);
    }));
  }

  var PLAN_HEAD = ["Criterion", "Your rating", "Your notes", "Suggested strategies", "Training modules", "Owner",
                   "By when", "Success measure"];

  function planRow(P, row) {
    var c = row.criterion, title = c.id + " " + c.title;
    var blank = function () { return H.el("td", { "class": "heart-sa-blank" }); };
    return H.el("tr", { "data-criterion": c.id }, [
      H.el("th", { scope: "row" }, [c.url ? H.el("a", { href: link(P, c.url), text: title }) : title]),
      H.el("td", { text: row.rating }),
      H.el("td", { "class": "heart-sa-plan-note", text: row.note }),
      H.el("td", {}, [linkList(P, c.strategies)]),
      H.el("td", {}, [linkList(P, c.modules)]),
      blank(), blank(), blank()
    ]);
  }

  function planMeta(P) {
    var school = P.school.trim();
    return H.el("dl", { "class": "heart-sa-plan-meta" }, [
      H.el("dt", { text: "School" }), H.el("dd", { text: school || "Not given" }),
      H.el("dt", { text: "Level" }), H.el("dd", { text: levelName(P.ctx, P.level).replace(/^all/, "All") }),
      H.el("dt", { text: "Drafted" }), H.el("dd", { text: H.longDate(new Date()) }),
      H.el("dt", { text: "Criteria" }), H.el("dd", { text: P.ctx.award + " self-audit, version " + P.ctx.version })
    ]);
  }

  function buildPlan(P) {
    var plan = P.get("sa-plan"), rows = planRows(P.ctx, P.answers, P.level);
    plan.textContent = "";
    plan.appendChild(H.el("h2", { id: "sa-plan-title", text: "Draft development plan" + (P.school.trim() ? ": " +
      P.school.trim() : "") }));
    plan.appendChild(planMeta(P));
    plan.appendChild(H.el("p", { text: "Every criterion at this level not yet rated " + P.ctx.scale.metText() +
      ", with your notes. For each one, agree who owns it, by when, and how you will know it has worked. Keep the " +
      "plan short: choose a few priorities to start with." }));
    if (!rows.length) {
      plan.appendChild(H.el("p", { text: "Every criterion here is rated " + P.ctx.scale.metText() + ", so there " +
        "are no gaps to plan for." }));
      return rows;
    }
    var caption = plural(rows.length, "criterion", "criteria") + " to plan for";
    plan.appendChild(H.el("div", { "class": "heart-sa-scroll", role: "region", tabindex: "0",
                                   "aria-label": caption + " (scrolls sideways on a small screen)" }, [
      H.el("table", { "class": "heart-sa-plan-table" }, [
        H.el("caption", { text: caption }),
        H.el("thead", {}, [H.el("tr", {}, PLAN_HEAD.map(function (h) { return H.el("th", { scope: "col", text: h }); }))]),
        H.el("tbody", {}, rows.map(function (row) { return planRow(P, row); }))
      ])]));
    return rows;
  }

  function printMode(P, on) {       // the plan prints on its own, landscape (apps.css: a named @page)
    P.doc.documentElement.classList.toggle(PRINT_CLASS, on);
  }

  function wirePlan(P) {
    window.addEventListener("afterprint", function () { printMode(P, false); });
    P.get("sa-plan-button").addEventListener("click", function () {
      var plan = P.get("sa-plan"), rows;
      plan.hidden = false;
      rows = buildPlan(P);
      plan.focus();
      P.say(rows.length ? "Draft development plan for " + levelName(P.ctx, P.level) + " ready below, with " +
        plural(rows.length, "criterion", "criteria") + " to plan for. Opening the print dialog."
        : "No gaps at " + levelName(P.ctx, P.level) + ": the plan is empty. Opening the print dialog.");
      printMode(P, true);
      window.print();
    });
  }

  /* ---------- files ---------- */
  function download(P, name, type, text) {
    var blobUrl = URL.createObjectURL(new Blob([text], { type: type }));
    var a = H.el("a", { href: blobUrl, download: name, hidden: true });
    P.doc.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(blobUrl); a.remove(); }, 2000);
  }

  function fileName(P, ext) { return slug(P.ctx.award) + "-self-audit-" + H.isoDate(new Date()) + "." + ext; }

  function wireTools(P) {
    P.get("sa-export").addEventListener("click", function () {
      var name = fileName(P, "json");
      download(P, name, "application/json",
               JSON.stringify(exportObject(P.ctx, P.answers, P.school, new Date()), null, 2) + "\n");
      P.say("Answers exported to " + name + ". Keep the file somewhere safe: it is the only copy outside this browser.");
    });
    P.get("sa-csv").addEventListener("click", function () {
      var name = fileName(P, "csv");
      download(P, name, "text/csv;charset=utf-8", H.csvText(csvRows(P.ctx, P.answers)));
      P.say("Answers exported as a spreadsheet to " + name + ".");
    });
    P.get("sa-clear").addEventListener("click", function () { clearAll(P); });
    P.get("sa-import").addEventListener("change", function () { importFile(P, P.get("sa-import")); });
  }

  function clearAll(P) {
    if (!hasAnswers(P.answers) && !P.school) { P.say("There are no answers to clear."); return; }
    if (!window.confirm("Clear all your self-audit answers from this browser? This cannot be undone. Export your " +
                        "answers first if you want to keep them.")) { P.say("Nothing was cleared."); return; }
    P.answers = dict();
    P.school = "";
    save(P);
    P.get("sa-plan").hidden = true;
    P.get("sa-plan").textContent = "";
    refresh(P);
    P.say("All answers cleared from this browser.");
  }

  function importFile(P, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    function done(msg) { input.value = ""; P.say(msg); }
    if (file.size > FILE_MAX) { done("That file is too large to be saved self-audit answers. Nothing was imported."); return; }
    var reader = new FileReader();
    reader.onerror = function () { done("That file could not be read. Nothing was imported."); };
    reader.onload = function () { done(applyImport(P, parseAnswersFile(reader.result), file.name)); };
    reader.readAsText(file);
  }

  function applyImport(P, parsed, name) {
    if (parsed.error) return parsed.error;
    if ((hasAnswers(P.answers) || P.school) &&
        !window.confirm("Replace the answers in this browser with the answers in " + name + "?")) {
      return "Import cancelled: your answers are unchanged.";
    }
    var r = reconcile(P.ctx, parsed.version, parsed.answers);
    P.answers = r.kept;
    P.school = parsed.school;
    save(P);
    refresh(P);
    var msg = "Imported " + name + ". " + reconcileMessage(r, "The file was", P.ctx.version);
    if (parsed.award && parsed.award !== P.ctx.award) {
      msg = "This file was saved for " + parsed.award + ", not the " + P.ctx.award + ": answers were matched by " +
            "criterion id. " + msg;
    }
    return msg;
  }

  return { makeScale: makeScale, makeContext: makeContext, cmpVersion: cmpVersion, historyIds: historyIds,
           reconcile: reconcile, reconcileMessage: reconcileMessage, counts: counts, progress: progress,
           progressText: progressText, summaryText: summaryText, planRows: planRows, levelName: levelName,
           csvRows: csvRows, exportObject: exportObject, storedRecord: storedRecord,
           parseAnswersFile: parseAnswersFile, pickLevel: pickLevel, safeId: safeId, slug: slug,
           whenReady: whenReady, NOTE_MAX: NOTE_MAX };
});
