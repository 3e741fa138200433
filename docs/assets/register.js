/* The register of award holders: search, filters, sorting and pages over holders.json, which lists every current
   holder (sorted by name) and is loaded once. Rows are shown a page at a time (the table's data-page-size), so the
   work per change stays small at 25,000 schools. The state lives in the URL query
   (?search=&level=&phase=&la=&sort=&dir=&page=; not "q", which the theme's site search claims) so a view can be
   shared. Without JavaScript, or if the data cannot load, the page's own table and the local authority pages stay as
   they are. School names are only ever set as text, never as HTML. */
(function () {
  "use strict";
  var KEYS = ["name", "urn", "phase", "la", "level", "awarded", "until"];

  function norm(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f'\u2019]/g, "").replace(/[^a-z0-9]+/g, " ").trim();
  }
  function ukDate(days) {
    var d = new Date(days * 864e5);
    return ("0" + d.getUTCDate()).slice(-2) + "/" + ("0" + (d.getUTCMonth() + 1)).slice(-2) + "/" + d.getUTCFullYear();
  }
  function isoDate(days) { return new Date(days * 864e5).toISOString().slice(0, 10); }
  function el(tag, text) { var e = document.createElement(tag); if (text != null) e.textContent = text; return e; }
  function setTime(td, days) {
    td.firstChild.textContent = ukDate(days);
    td.firstChild.setAttribute("datetime", isoDate(days));
  }

  function setup(table, form, data) {
    var c = data.cols;
    var rows = c.urn.map(function (urn, i) {
      return { urn: urn, name: c.name[i], phase: c.phase[i], la: c.la[i], level: c.level[i], awarded: c.awarded[i],
               until: c.awarded[i] + c.days[i], due: c.due[i], rank: i, key: norm(c.name[i]) };
    });
    var phaseOrder = data.phases.map(function (p, i) { return i; })
      .sort(function (a, b) { return data.phases[a][1] < data.phases[b][1] ? -1 : 1; });
    var phaseRank = []; phaseOrder.forEach(function (p, i) { phaseRank[p] = i; });
    var sortValue = {
      name: function (r) { return r.rank; }, urn: function (r) { return +r.urn; },
      phase: function (r) { return phaseRank[r.phase]; }, la: function (r) { return r.la; },
      level: function (r) { return r.level; }, awarded: function (r) { return r.awarded; },
      until: function (r) { return r.until; }
    };
    var orders = {};   // column -> rows sorted ascending (ties by name), computed once per column
    function ordered(key) {
      if (!orders[key]) {   // a numeric sort of value * n + rank: no comparator calls, a few ms for 25,000 rows
        var f = sortValue[key], n = rows.length, keys = new Float64Array(n);
        for (var i = 0; i < n; i++) keys[i] = f(rows[i]) * n + i;
        keys.sort();
        orders[key] = Array.prototype.map.call(keys, function (k) { return rows[k % n]; });
      }
      return orders[key];
    }
    var PAGE = parseInt(table.getAttribute("data-page-size"), 10) || 50;
    var proto = el("tr");   // one row, cloned for each school shown
    proto.innerHTML = '<th scope="row"><a></a></th><td></td><td></td><td></td><td></td>' +
                      "<td><time></time></td><td><time></time><span></span></td>";

    var tbody = table.tBodies[0];
    var status = document.getElementById("register-count");
    var nav = document.getElementById("register-pages");
    var pageLabel = document.getElementById("register-page");
    var q = form.querySelector("#register-q"), la = form.querySelector("#register-la");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var ths = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var state = { sort: "name", dir: "asc", page: 1 };

    // sort buttons in the column headings
    ths.forEach(function (th, i) {
      var b = el("button", th.textContent), arrow = el("span");
      arrow.setAttribute("aria-hidden", "true");
      arrow.className = "heart-sort__arrow";
      b.appendChild(arrow);
      b.type = "button";
      b.className = "heart-sort";
      b.setAttribute("data-sort", KEYS[i]);
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        state.dir = state.sort === KEYS[i] && state.dir === "asc" ? "desc" : "asc";
        state.sort = KEYS[i];
        state.page = 1;
        render(true);
      });
    });

    function ticked(name) {
      return boxes.filter(function (b) { return b.name === name && b.checked; }).map(function (b) { return b.value; });
    }
    function indexes(list, ids) {
      return list.map(function (x, i) { return ids.indexOf(x[0]) >= 0 ? i : -1; }).filter(function (i) { return i >= 0; });
    }

    function render(push) {
      var levels = indexes(data.levels, ticked("level")), phases = indexes(data.phases, ticked("phase"));
      var laIndex = la.value ? data.las.indexOf(la.value) : -1;
      var text = norm(q.value), digits = /^\d+$/.test(q.value.trim()) ? q.value.trim() : "";
      var list = ordered(state.sort), hits = [];
      for (var i = 0; i < list.length; i++) {
        var r = list[i];
        if (levels.length && levels.indexOf(r.level) < 0) continue;
        if (phases.length && phases.indexOf(r.phase) < 0) continue;
        if (la.value && r.la !== laIndex) continue;
        if (text && r.key.indexOf(text) < 0 && !(digits && r.urn.indexOf(digits) === 0)) continue;
        hits.push(r);
      }
      if (state.dir === "desc") hits.reverse();
      var pages = Math.max(1, Math.ceil(hits.length / PAGE));
      state.page = Math.min(Math.max(1, state.page), pages);
      var start = (state.page - 1) * PAGE, shown = hits.slice(start, start + PAGE);

      var frag = document.createDocumentFragment();
      shown.forEach(function (r) {
        var tr = proto.cloneNode(true), c = tr.cells, a = c[0].firstChild;
        a.textContent = r.name;
        a.setAttribute("href", r.urn + "/");
        c[1].textContent = r.urn;
        c[2].textContent = data.phases[r.phase][1];
        c[3].textContent = data.las[r.la];
        c[4].textContent = data.levels[r.level][1];
        setTime(c[5], r.awarded);
        setTime(c[6], r.until);
        c[6].lastChild.textContent = r.due ? " (renewal due)" : "";
        frag.appendChild(tr);
      });
      tbody.textContent = "";
      tbody.appendChild(frag);

      ths.forEach(function (th, i) {
        var on = KEYS[i] === state.sort;
        if (on) th.setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
        th.querySelector(".heart-sort__arrow").textContent = on ? (state.dir === "asc" ? " \u25b2" : " \u25bc") : " \u21c5";
      });
      var n = rows.length.toLocaleString("en-GB"), m = hits.length.toLocaleString("en-GB");
      var range = shown.length ? " Showing " + (start + 1).toLocaleString("en-GB") + " to " +
        (start + shown.length).toLocaleString("en-GB") + "." : "";
      var filtered = levels.length || phases.length || la.value || text;
      status.textContent = filtered ? m + " of " + n + " current award holders match." + range
                                    : n + " current award holders." + range;
      nav.hidden = pages < 2;
      pageLabel.textContent = "Page " + state.page + " of " + pages;
      nav.querySelector("[data-page='-1']").disabled = state.page <= 1;
      nav.querySelector("[data-page='1']").disabled = state.page >= pages;

      if (push) {
        var p = new URLSearchParams();
        if (q.value.trim()) p.set("search", q.value.trim());
        ["level", "phase"].forEach(function (g) { var t = ticked(g); if (t.length) p.set(g, t.join(",")); });
        if (la.value) p.set("la", la.value);
        if (state.sort !== "name") p.set("sort", state.sort);
        if (state.dir !== "asc") p.set("dir", state.dir);
        if (state.page > 1) p.set("page", state.page);
        var s = p.toString();
        history.replaceState(null, "", window.location.pathname + (s ? "?" + s : "") + window.location.hash);
      }
    }

    // restore the state from the URL
    var params = new URLSearchParams(window.location.search);
    q.value = params.get("search") || "";
    boxes.forEach(function (b) { b.checked = (params.get(b.name) || "").split(",").indexOf(b.value) >= 0; });
    la.value = data.las.indexOf(params.get("la")) >= 0 ? params.get("la") : "";
    if (KEYS.indexOf(params.get("sort")) >= 0) state.sort = params.get("sort");
    if (params.get("dir") === "desc") state.dir = "desc";
    state.page = parseInt(params.get("page"), 10) || 1;

    function changed() { state.page = 1; render(true); }
    q.addEventListener("input", changed);
    la.addEventListener("change", changed);
    boxes.forEach(function (b) { b.addEventListener("change", changed); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.querySelector("[data-register-clear]").addEventListener("click", function () {
      q.value = ""; la.value = "";
      boxes.forEach(function (b) { b.checked = false; });
      changed();
    });
    Array.prototype.forEach.call(nav.querySelectorAll("[data-page]"), function (b) {
      b.addEventListener("click", function () {
        state.page += +b.getAttribute("data-page");
        render(true);
      });
    });
    form.hidden = false;
    render(false);
    table.setAttribute("data-ready", "true");
  }

  function init() {
    var table = document.getElementById("register-table"), form = document.getElementById("register-filter");
    if (!table || !form || !window.fetch || !window.URLSearchParams) return;
    fetch(table.getAttribute("data-src"))
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) { setup(table, form, data); })
      .catch(function () { /* keep the page's own table */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
