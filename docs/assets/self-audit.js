/* Interactive self-audit. On a page with div#self-audit-tool[data-criteria-url] it loads the criteria JSON (relative
   to the page), hides the no-JavaScript checklist (#self-audit-checklist) and builds a form: one fieldset of radio
   buttons and a notes box per criterion, progress by level and by area, and buttons to export and import answers,
   export a CSV, clear everything and print a draft development plan. Answers live in localStorage only (the key
   includes the award name); nothing is sent anywhere. On every other page the script does nothing.
   A criterion is a gap (it goes into the plan) unless it is rated established or embedded. */
(function () {
  "use strict";
  var RATINGS = [["", "No rating yet"], ["not-started", "Not started"], ["developing", "Developing"],
                 ["established", "Established"], ["embedded", "Embedded"]];
  var MET = ["established", "embedded"];
  var NOTE_MAX = 10000;
  var FILE_MAX = 2 * 1024 * 1024;
  var PRINT_CLASS = "heart-sa-print-plan";

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
  function safeId(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "-"); }
  function ratingLabel(value) {
    for (var i = 0; i < RATINGS.length; i++) if (RATINGS[i][0] === value) return RATINGS[i][1];
    return RATINGS[0][1];
  }
  function isRating(value) { return RATINGS.some(function (r) { return r[0] && r[0] === value; }); }
  function isMet(value) { return MET.indexOf(value) >= 0; }
  function listText(ids) { return ids.join(", "); }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
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
  function isoDate(d) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function longDate(d) {
    try { return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }); }
    catch (e) { return isoDate(d); }
  }

  function setup(root) {
    var checklist = document.getElementById("self-audit-checklist");
    var loading = el("p", { "class": "heart-sa-loading", text: "Loading the interactive self-audit…" });
    root.appendChild(loading);
    var url = new URL(root.getAttribute("data-criteria-url"), document.baseURI);
    if (!window.fetch || !window.Blob) return fail("this browser is too old for it");
    fetch(url.href, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("the criteria file answered " + r.status);
      return r.json();
    }).then(function (data) {
      if (!data || !Array.isArray(data.criteria) || !data.criteria.length) throw new Error("the criteria file is empty");
      start(root, checklist, data, url);
    }).catch(function (err) {
      if (window.console) console.error("self-audit:", err);
      fail("the criteria could not be loaded");
    });

    function fail(why) {
      root.textContent = "";
      root.appendChild(el("p", { "class": "heart-sa-error", text: "The interactive self-audit is not available (" + why +
        "). Use the printable checklist below instead." }));
    }
  }

  function start(root, checklist, data, criteriaUrl) {
    var award = String(data.award || root.getAttribute("data-award") || "Award");
    var version = String(data.version || root.getAttribute("data-version") || "");
    var key = "heart-self-audit:" + award;
    var siteRoot = new URL("../", criteriaUrl);   // criteria.json lives at <site>/award/criteria.json
    var criteria = data.criteria, levels = data.levels || [], areas = data.areas || [];
    var byId = {};
    criteria.forEach(function (c) { byId[c.id] = c; });
    var answers = {};            // id -> {rating: "" | value, note: ""}
    var storageOk = true;
    var nodes = {};              // id -> {radios: [], note: textarea}

    function link(u) {           // URLs in the JSON are root-relative: resolve them against this site's root
      if (!u) return null;
      return /^[a-z][a-z0-9+.\-]*:/i.test(u) ? u : new URL(String(u).replace(/^\//, ""), siteRoot).href;
    }
    function answer(id) { return answers[id] || { rating: "", note: "" }; }
    function hasAnswers() {
      return Object.keys(answers).some(function (id) { return answers[id].rating || answers[id].note; });
    }

    /* ---------- storage ---------- */
    function compact() {
      var out = {};
      Object.keys(answers).forEach(function (id) {
        var a = answers[id];
        if (a.rating || a.note) out[id] = { rating: a.rating || null, note: a.note || "" };
      });
      return out;
    }
    function save() {
      try {
        if (hasAnswers()) {
          localStorage.setItem(key, JSON.stringify({ award: award, version: version, saved: new Date().toISOString(),
            criteria: criteria.map(function (c) { return c.id; }), answers: compact() }));
        } else {
          localStorage.removeItem(key);
        }
        storageOk = true;
      } catch (e) {
        if (storageOk) announce("This browser is not letting the page save your answers. Export them to a file " +
                                "before you leave the page.");
        storageOk = false;
      }
    }
    function loadStored() {
      try { var raw = localStorage.getItem(key); return raw ? JSON.parse(raw) : null; }
      catch (e) { return null; }
    }

    /* ---------- versions: what changed between the file's version and this one ---------- */
    function historyIds(fromVersion, knownIds) {
      var lo = fromVersion, hi = version, out = [];
      if (cmpVersion(lo, hi) > 0) { lo = version; hi = fromVersion; }
      var escaped = knownIds.map(function (id) { return String(id).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
      escaped.sort(function (a, b) { return b.length - a.length; });
      var re = escaped.length ? new RegExp("(^|[^A-Za-z0-9])(" + escaped.join("|") + ")(?![A-Za-z0-9])", "g") : null;
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
      (data.history || []).forEach(function (entry) {
        if (!entry || entry.version === undefined) return;
        if (cmpVersion(entry.version, lo) > 0 && cmpVersion(entry.version, hi) <= 0) {
          scan(entry.changes);
          ["added", "removed", "changed"].forEach(function (k) { if (Array.isArray(entry[k])) entry[k].forEach(add); });
        }
      });
      return out;
    }

    /* Match a saved set of answers to the current criteria. Returns what was kept and what did not match. */
    function reconcile(fileVersion, fileAnswers, knownIds) {
      var kept = {}, removed = [], invalid = [], added = [], changed = [];
      var fileIds = Object.keys(fileAnswers || {});
      if (Array.isArray(knownIds)) {   // the criteria that existed when the answers were saved
        fileIds = fileIds.concat(knownIds.map(String).filter(function (id) { return fileIds.indexOf(id) < 0; }));
      }
      Object.keys(fileAnswers || {}).forEach(function (id) {
        var a = fileAnswers[id];
        if (!byId[id]) { removed.push(id); return; }
        if (!a || typeof a !== "object") { invalid.push(id); return; }
        var rating = a.rating === null || a.rating === undefined ? "" : String(a.rating);
        if (rating && !isRating(rating)) { invalid.push(id); rating = ""; }
        var note = typeof a.note === "string" ? a.note.slice(0, NOTE_MAX) : "";
        if (rating || note) kept[id] = { rating: rating, note: note };
      });
      var sameVersion = String(fileVersion) === version;
      if (!sameVersion) {
        criteria.forEach(function (c) { if (fileIds.indexOf(c.id) < 0) added.push(c.id); });
        var known = Object.keys(byId).concat(removed);
        historyIds(fileVersion, known).forEach(function (id) {
          if (byId[id] && fileIds.indexOf(id) >= 0 && changed.indexOf(id) < 0) changed.push(id);
        });
      }
      return { kept: kept, removed: removed, invalid: invalid, added: added, changed: changed,
               sameVersion: sameVersion, fileVersion: String(fileVersion) };
    }
    function reconcileMessage(r, what) {
      var parts = [];
      if (!r.sameVersion) parts.push(what + " saved against criteria version " + r.fileVersion + "; this site uses version " +
                                     version + ".");
      parts.push("Kept answers for " + plural(Object.keys(r.kept).length, "criterion", "criteria") + ".");
      if (r.removed.length) parts.push((r.sameVersion ? "Not kept, because version " + version + " has no criteria " +
        "with these ids: " : "Removed since version " + r.fileVersion + ", so not kept: ") + listText(r.removed) + ".");
      if (r.added.length) parts.push("Added since version " + r.fileVersion + ", with no answer yet: " +
                                     listText(r.added) + ".");
      if (r.changed.length) parts.push("Changed since version " + r.fileVersion + ", so check these answers: " +
                                       listText(r.changed) + ".");
      if (r.invalid.length) parts.push("Ratings not recognised, so left without a rating: " + listText(r.invalid) + ".");
      return parts.join(" ");
    }

    /* ---------- building the form ---------- */
    root.textContent = "";
    var status = el("div", { "class": "heart-sa-status", role: "status", "aria-live": "polite", id: "sa-status" });
    function announce(msg) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = msg; }, 50);
    }

    var exportBtn = el("button", { type: "button", "class": "heart-sa-button", text: "Export answers" });
    var csvBtn = el("button", { type: "button", "class": "heart-sa-button", text: "Export CSV" });
    var planBtn = el("button", { type: "button", "class": "heart-sa-button heart-sa-button--primary",
                                 text: "Print draft development plan" });
    var clearBtn = el("button", { type: "button", "class": "heart-sa-button", text: "Clear all answers" });
    var fileInput = el("input", { type: "file", id: "sa-import", accept: ".json,application/json",
                                  "aria-describedby": "sa-import-hint" });

    root.appendChild(el("section", { "class": "heart-sa-tools", "aria-labelledby": "sa-tools-title" }, [
      el("h2", { id: "sa-tools-title", text: "Your answers" }),
      el("p", { text: "Your answers are saved in this browser as you go and are never sent anywhere. They stay until " +
        "you clear them or clear your browser's data. To keep a copy, share it with colleagues or carry on in another " +
        "browser, export your answers to a file and import that file later." }),
      el("div", { "class": "heart-sa-actions" }, [exportBtn, csvBtn, planBtn, clearBtn]),
      el("div", { "class": "heart-sa-import" }, [
        el("label", { "for": "sa-import", text: "Import answers from a file" }),
        el("p", { id: "sa-import-hint", "class": "heart-sa-hint", text: "Choose a JSON file saved with Export " +
          "answers. It replaces the answers in this browser. Answers saved against an older version of the criteria " +
          "are matched to the current criteria, and you are told which criteria were added, removed or changed." }),
        fileInput
      ]),
      status
    ]));

    var summary = el("p", { id: "sa-summary" });
    var levelBody = el("tbody"), areaBody = el("tbody");
    function progressTable(caption, first, body) {
      return el("table", { "class": "heart-sa-progress" }, [
        el("caption", { text: caption }),
        el("thead", {}, [el("tr", {}, [first, "Criteria", "Rated", "Established or embedded", "Gaps"].map(function (h) {
          return el("th", { scope: "col", text: h });
        }))]),
        body
      ]);
    }
    root.appendChild(el("section", { "class": "heart-sa-progress-section", "aria-labelledby": "sa-progress-title" }, [
      el("h2", { id: "sa-progress-title", text: "Progress" }),
      summary,
      el("div", { "class": "heart-sa-progress-tables" }, [
        progressTable("Progress by level", "Level", levelBody),
        progressTable("Progress by area", "Area", areaBody)
      ])
    ]));

    function criterionFieldset(c) {
      var sid = safeId(c.id);
      var radios = [];
      var ratingRow = el("div", { "class": "heart-sa-ratings" }, RATINGS.map(function (r) {
        var rid = "sa-" + sid + "-" + (r[0] || "none");
        var input = el("input", { type: "radio", id: rid, name: "sa-rating-" + sid, value: r[0],
                                  "data-criterion": c.id });
        radios.push(input);
        return el("span", { "class": "heart-sa-rating" + (r[0] ? "" : " heart-sa-rating--none") },
                  [input, el("label", { "for": rid, text: r[1] })]);
      }));
      var note = el("textarea", { id: "sa-note-" + sid, rows: "2", maxlength: String(NOTE_MAX),
                                  "data-criterion": c.id });
      nodes[c.id] = { radios: radios, note: note };
      var more = c.url ? el("a", { href: link(c.url), text: "Read " + c.id + " in full" }) : null;
      return el("fieldset", { "class": "heart-sa-criterion", id: "sa-criterion-" + sid }, [
        el("legend", {}, [el("span", { "class": "heart-sa-id", text: c.id }), " " + c.title]),
        c.statement ? el("p", { "class": "heart-sa-statement" }, [c.statement + " ", more]) : null,
        ratingRow,
        el("div", { "class": "heart-sa-note" }, [
          el("label", { "for": "sa-note-" + sid, text: "Notes on " + c.id + " (optional)" }), note
        ])
      ]);
    }
    var levelIds = levels.map(function (lv) { return lv.id; });
    var groups = levels.map(function (lv) {
      return { id: lv.id, title: lv.name + (lv.focus ? ": " + lv.focus : ""), items: criteria.filter(function (c) {
        return c.level === lv.id;
      }) };
    });
    var orphans = criteria.filter(function (c) { return levelIds.indexOf(c.level) < 0; });
    if (orphans.length) groups.push({ id: "other", title: "Other criteria", items: orphans });
    groups.forEach(function (g) {
      if (!g.items.length) return;
      var hid = "sa-level-" + safeId(g.id);
      root.appendChild(el("section", { "class": "heart-sa-level", "aria-labelledby": hid },
        [el("h2", { id: hid, text: g.title })].concat(g.items.map(criterionFieldset))));
    });

    var plan = el("section", { "class": "heart-sa-plan", id: "sa-plan", "aria-labelledby": "sa-plan-title",
                               tabindex: "-1", hidden: true });
    root.appendChild(plan);

    /* ---------- showing state ---------- */
    function showAnswers() {
      criteria.forEach(function (c) {
        var a = answer(c.id), n = nodes[c.id];
        n.radios.forEach(function (r) { r.checked = r.value === (a.rating || ""); });
        n.note.value = a.note || "";
      });
    }
    function counts(list) {
      var rated = 0, met = 0;
      list.forEach(function (c) { var r = answer(c.id).rating; if (r) rated++; if (isMet(r)) met++; });
      return [list.length, rated, met, list.length - met];
    }
    function fillRows(body, rows) {
      body.textContent = "";
      rows.forEach(function (row) {
        var n = counts(row.items);
        body.appendChild(el("tr", {}, [el("th", { scope: "row", text: row.title })].concat(n.map(function (x) {
          return el("td", { text: String(x) });
        }))));
      });
    }
    function showProgress() {
      var n = counts(criteria);
      summary.textContent = "You have rated " + n[1] + " of " + plural(n[0], "criterion", "criteria") + ". " +
        plural(n[2], "criterion is", "criteria are") + " established or embedded; " +
        plural(n[3], "criterion is a gap", "criteria are gaps") + ".";
      fillRows(levelBody, groups.filter(function (g) { return g.items.length; }).map(function (g) {
        return { title: g.title.split(":")[0], items: g.items };
      }));
      fillRows(areaBody, areas.map(function (ar) {
        return { title: ar.title, items: criteria.filter(function (c) { return (c.areas || []).indexOf(ar.id) >= 0; }) };
      }).filter(function (row) { return row.items.length; }));
    }
    function refresh() {
      showAnswers();
      showProgress();
      if (!plan.hidden) buildPlan();
    }

    /* ---------- the draft development plan ---------- */
    function linkList(items) {
      if (!items || !items.length) return el("span", { "class": "heart-sa-none", text: "None suggested" });
      return el("ul", {}, items.map(function (it) {
        return el("li", {}, [it.url ? el("a", { href: link(it.url), text: it.title }) : el("span", { text: it.title })]);
      }));
    }
    function gaps() { return criteria.filter(function (c) { return !isMet(answer(c.id).rating); }); }
    function buildPlan() {
      var list = gaps();
      plan.textContent = "";
      plan.appendChild(el("h2", { id: "sa-plan-title", text: "Draft development plan" }));
      plan.appendChild(el("p", { "class": "heart-sa-plan-meta", text: award + " self-audit, criteria version " + version +
        ". Drafted " + longDate(new Date()) + "." }));
      plan.appendChild(el("p", { text: "This plan lists every criterion not yet rated established or embedded: those " +
        "rated not started or developing, and those with no rating yet. For each one, agree who owns it, by when, " +
        "and how you will know it has worked. Keep the plan short: choose a few priorities to start with." }));
      if (!list.length) {
        plan.appendChild(el("p", { text: "Every criterion is rated established or embedded, so there are no gaps to plan for." }));
        return list;
      }
      var head = ["Criterion", "Your rating", "Suggested strategies", "Training modules", "Owner", "Date",
                  "Success measure"];
      plan.appendChild(el("table", { "class": "heart-sa-plan-table" }, [
        el("caption", { text: plural(list.length, "criterion", "criteria") + " to plan for" }),
        el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
        el("tbody", {}, list.map(function (c) {
          var title = c.id + " " + c.title;
          return el("tr", { "data-criterion": c.id }, [
            el("th", { scope: "row" }, [c.url ? el("a", { href: link(c.url), text: title }) : title]),
            el("td", { text: ratingLabel(answer(c.id).rating) }),
            el("td", {}, [linkList(c.strategies)]),
            el("td", {}, [linkList(c.modules)]),
            el("td", { "class": "heart-sa-blank" }), el("td", { "class": "heart-sa-blank" }),
            el("td", { "class": "heart-sa-blank" })
          ]);
        }))
      ]));
      return list;
    }
    function printMode(on) {        // landscape pages for the plan only: an @page rule cannot be scoped to a class
      var style = document.getElementById("sa-plan-page");
      document.documentElement.classList.toggle(PRINT_CLASS, on);
      if (on && !style) document.head.appendChild(el("style", { id: "sa-plan-page", media: "print",
                                                                text: "@page { size: A4 landscape; margin: 12mm; }" }));
      if (!on && style) style.remove();
    }
    window.addEventListener("afterprint", function () { printMode(false); });

    /* ---------- files ---------- */
    function slug() { return award.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "award"; }
    function download(name, type, text) {
      var blobUrl = URL.createObjectURL(new Blob([text], { type: type }));
      var a = el("a", { href: blobUrl, download: name, hidden: true });
      document.body.appendChild(a);
      a.click();
      window.setTimeout(function () { URL.revokeObjectURL(blobUrl); a.remove(); }, 2000);
    }
    function csvCell(v) {
      var s = String(v === null || v === undefined ? "" : v);
      if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;        // keep spreadsheets from running notes as formulas
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    function levelName(id) {
      for (var i = 0; i < levels.length; i++) if (levels[i].id === id) return levels[i].name;
      return id || "";
    }

    exportBtn.addEventListener("click", function () {
      var all = {};
      criteria.forEach(function (c) { var a = answer(c.id); all[c.id] = { rating: a.rating || null, note: a.note || "" }; });
      var name = slug() + "-self-audit-" + isoDate(new Date()) + ".json";
      download(name, "application/json", JSON.stringify({ award: award, version: version,
        saved: new Date().toISOString(), answers: all }, null, 2) + "\n");
      announce("Answers exported to " + name + ". Keep the file somewhere safe: it is the only copy outside this browser.");
    });
    csvBtn.addEventListener("click", function () {
      var rows = [["id", "level", "title", "rating", "note"]];
      criteria.forEach(function (c) {
        var a = answer(c.id);
        rows.push([c.id, levelName(c.level), c.title, a.rating ? ratingLabel(a.rating) : "", a.note || ""]);
      });
      var name = slug() + "-self-audit-" + isoDate(new Date()) + ".csv";
      download(name, "text/csv;charset=utf-8", "\ufeff" + rows.map(function (r) {
        return r.map(csvCell).join(",");
      }).join("\r\n") + "\r\n");
      announce("Answers exported as a spreadsheet to " + name + ".");
    });
    clearBtn.addEventListener("click", function () {
      if (!hasAnswers()) { announce("There are no answers to clear."); return; }
      if (!window.confirm("Clear all your self-audit answers from this browser? This cannot be undone. Export your " +
                          "answers first if you want to keep them.")) {
        announce("Nothing was cleared.");
        return;
      }
      answers = {};
      save();
      plan.hidden = true;
      plan.textContent = "";
      refresh();
      announce("All answers cleared from this browser.");
    });
    planBtn.addEventListener("click", function () {
      var list = buildPlan();
      plan.hidden = false;
      plan.focus();
      announce(list.length ? "Draft development plan ready below the criteria, with " +
        plural(list.length, "criterion", "criteria") + " to plan for. Opening the print dialog."
        : "Every criterion is rated established or embedded: the plan has no gaps. Opening the print dialog.");
      printMode(true);
      window.print();
    });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      function done(msg) { fileInput.value = ""; announce(msg); }
      if (file.size > FILE_MAX) { done("That file is too large to be saved self-audit answers. Nothing was imported."); return; }
      var reader = new FileReader();
      reader.onerror = function () { done("That file could not be read. Nothing was imported."); };
      reader.onload = function () {
        var parsed = null;
        try { parsed = JSON.parse(String(reader.result).replace(/^\ufeff/, "")); } catch (e) { parsed = null; }
        if (!parsed || typeof parsed !== "object" || !parsed.answers || typeof parsed.answers !== "object" ||
            Array.isArray(parsed.answers)) {
          done("That file is not a saved self-audit. Choose a JSON file made with Export answers. Nothing was imported.");
          return;
        }
        if (hasAnswers() && !window.confirm("Replace the answers in this browser with the answers in " + file.name + "?")) {
          done("Import cancelled: your answers are unchanged.");
          return;
        }
        var fileVersion = parsed.version === undefined || parsed.version === null ? "unknown" : String(parsed.version);
        var r = reconcile(fileVersion, parsed.answers);
        answers = r.kept;
        save();
        refresh();
        var msg = "Imported " + file.name + ". " + reconcileMessage(r, "The file was");
        if (parsed.award && String(parsed.award) !== award) {
          msg = "This file was saved for " + parsed.award + ", not the " + award + ": answers were matched by " +
                "criterion id. " + msg;
        }
        done(msg);
      };
      reader.readAsText(file);
    });

    root.addEventListener("change", function (e) {
      var t = e.target;
      if (t.type !== "radio" || !t.getAttribute("data-criterion")) return;
      var id = t.getAttribute("data-criterion");
      var a = answer(id);
      answers[id] = { rating: t.value, note: a.note || "" };
      save();
      showProgress();
      if (!plan.hidden) buildPlan();
    });
    root.addEventListener("input", function (e) {
      var t = e.target;
      if (t.tagName !== "TEXTAREA" || !t.getAttribute("data-criterion")) return;
      var id = t.getAttribute("data-criterion");
      answers[id] = { rating: answer(id).rating || "", note: t.value.slice(0, NOTE_MAX) };
      save();
    });

    /* ---------- start from what this browser saved ---------- */
    var stored = loadStored();
    if (stored && stored.answers && typeof stored.answers === "object") {
      var r = reconcile(stored.version === undefined ? version : String(stored.version), stored.answers,
                        stored.criteria);
      answers = r.kept;
      if (!r.sameVersion || r.removed.length || r.invalid.length) {
        save();
        announce("The criteria have changed since you last used this page. " + reconcileMessage(r, "Your answers were"));
      }
    }
    if (checklist) checklist.hidden = true;
    refresh();
  }

  function init() {
    var root = document.getElementById("self-audit-tool");
    if (!root || !root.getAttribute("data-criteria-url")) return;
    setup(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
