/* "A handout of my choice". On the library and situation pages, "Add to my handout" ticks are kept in this browser
   only (localStorage "heart-handout"); nothing is sent anywhere and no account is needed. The handout page takes the
   strategies from ?ids=a,b,c or from that list, fetches each strategy's own page from this site, and lays them out
   for print: the site name, its address and the date on every printed page, links printed as addresses. */
(function () {
  "use strict";
  if (window.heartHandoutLoaded) return;
  window.heartHandoutLoaded = true;
  var KEY = "heart-handout";

  function stored() {
    try { var v = JSON.parse(localStorage.getItem(KEY) || "[]"); return Array.isArray(v) ? v.filter(function (x) { return typeof x === "string"; }) : []; }
    catch (e) { return []; }
  }
  function save(ids) { try { localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* private mode: the URL still works */ } }

  // ---------------------------------------------------------------- ticking (library, situations)
  function setupPicks() {
    var picks = Array.prototype.slice.call(document.querySelectorAll("[data-heart-pick]"));
    var bars = Array.prototype.slice.call(document.querySelectorAll("[data-heart-handout-bar]"));
    if (!picks.length && !bars.length) return;
    function update() {
      var ids = stored();
      picks.forEach(function (p) { p.checked = ids.indexOf(p.value) >= 0; });
      bars.forEach(function (bar) {
        var count = bar.querySelector("[data-heart-handout-count]"), link = bar.querySelector("[data-heart-handout-link]");
        count.textContent = ids.length ? (ids.length === 1 ? "1 strategy" : ids.length + " strategies") + " in your handout."
                                       : "Tick \u201cAdd to my handout\u201d on any strategy to print your own handout.";
        link.href = bar.getAttribute("data-handout") + (ids.length ? "?ids=" + encodeURIComponent(ids.join(",")) : "");
        bar.classList.toggle("heart-handout-bar--has", ids.length > 0);
      });
    }
    picks.forEach(function (p) {
      p.addEventListener("change", function () {
        var ids = stored().filter(function (x) { return x !== p.value; });
        if (p.checked) ids.push(p.value);
        save(ids);
        update();
      });
    });
    window.addEventListener("storage", update);
    update();
    document.documentElement.classList.add("heart-picks-ready");
  }

  // ---------------------------------------------------------------- the handout page
  function setupHandout(box) {
    var titles = JSON.parse(box.getAttribute("data-titles") || "{}");
    var base = new URL(box.getAttribute("data-strategies"), window.location.href);      // .../strategies/
    var root = new URL("../", base);                                                      // the site root here
    var canonical = document.querySelector("link[rel=canonical]");
    var published = canonical ? new URL("../", canonical.href).href : root.href;          // the site's public address
    var siteName = (document.querySelector("meta[name=heart-site-name]") || {}).content
      || box.getAttribute("data-site-name") || document.title.split(" - ").pop();
    var status = box.querySelector("[data-heart-handout-status]");
    var items = box.querySelector("[data-heart-handout-items]");
    var printBtn = box.querySelector("[data-heart-print]"), clearBtn = box.querySelector("[data-heart-handout-clear]");
    var q = new URLSearchParams(window.location.search).get("ids");
    var ids = (q ? q.split(",") : stored()).filter(function (id, i, a) { return titles[id] && a.indexOf(id) === i; });
    var date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    var running = siteName + " \u00b7 " + published + " \u00b7 Printed " + date;
    box.querySelector("[data-heart-running]").textContent = running;
    document.documentElement.classList.add("heart-handout-page");
    // the same line at the top of every printed page (CSS string: quotes and backslashes escaped)
    // a constructed style sheet, not a <style> element: the Content-Security-Policy (style-src 'self') allows it
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync("@media print { @page { @top-left { content: \"" + running.replace(/[\\"]/g, "\\$&")
        .replace(/[<\n]/g, " ") + "\"; font-size: 9pt; } } }");
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    } catch (e) { /* an older browser: the running line printed above the first strategy still names the site */ }

    function publicUrl(href, from) {
      var u;
      try { u = new URL(href, from); } catch (e) { return href; }
      if (u.origin === root.origin && u.pathname.indexOf(root.pathname) === 0) {
        return published + u.pathname.slice(root.pathname.length) + u.hash;
      }
      return u.href;
    }
    function drop(article, headingText) {
      Array.prototype.forEach.call(article.querySelectorAll("h2"), function (h) {
        if (h.textContent.trim().indexOf(headingText) !== 0) return;
        var n = h.nextElementSibling;
        while (n && n.tagName !== "H2") { var next = n.nextElementSibling; n.remove(); n = next; }
        h.remove();
      });
    }
    function clean(doc, from) {
      var art = doc.querySelector("article.md-content__inner");
      if (!art) return null;
      art.querySelectorAll(".headerlink, .heart-breadcrumbs, nav, script, style, form, input, button, .md-source-file, .md-content__button, .heart-cited-by")
        .forEach(function (e) { e.remove(); });
      drop(art, "Linked award criteria");
      drop(art, "Related strategies");
      art.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      art.querySelectorAll("[for], [aria-controls], [aria-describedby], [aria-labelledby]").forEach(function (e) {
        ["for", "aria-controls", "aria-describedby", "aria-labelledby"].forEach(function (a) { e.removeAttribute(a); });
      });
      art.querySelectorAll("a[href]").forEach(function (a) {
        var url = publicUrl(a.getAttribute("href"), from);
        a.setAttribute("href", url);
        a.setAttribute("data-print-url", url);
      });
      var h1 = art.querySelector("h1");
      if (h1) { var h2 = doc.createElement("h2"); h2.className = "heart-handout__title"; h2.textContent = h1.textContent; h1.replaceWith(h2); }
      var section = document.createElement("section");
      section.className = "heart-handout__item";
      Array.prototype.slice.call(art.childNodes).forEach(function (n) { section.appendChild(document.importNode(n, true)); });
      return section;
    }

    if (!ids.length) {
      status.textContent = "Your handout is empty. Tick \u201cAdd to my handout\u201d on strategies in the library, then come back here.";
      return;
    }
    status.textContent = "Preparing " + ids.length + (ids.length === 1 ? " strategy" : " strategies") + "\u2026";
    Promise.all(ids.map(function (id) {
      var from = new URL(encodeURIComponent(id) + "/", base);
      return fetch(from.href, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) { return html ? clean(new DOMParser().parseFromString(html, "text/html"), from.href) : null; })
        .catch(function () { return null; });
    })).then(function (sections) {
      var ok = 0;
      sections.forEach(function (s) { if (s) { items.appendChild(s); ok++; } });
      status.textContent = "Your handout: " + ids.map(function (id) { return titles[id]; }).join(", ") + ". "
        + (ok < ids.length ? "Some strategies could not be loaded. " : "") + "Print it, or save it as a PDF from the print dialogue.";
      printBtn.hidden = false;
      clearBtn.hidden = false;
      box.setAttribute("data-ready", String(ok));
    });
    printBtn.addEventListener("click", function () { window.print(); });
    clearBtn.addEventListener("click", function () {
      save([]);
      items.textContent = "";
      printBtn.hidden = true;
      clearBtn.hidden = true;
      status.textContent = "Your list is cleared. Tick strategies in the library to start again.";
    });
  }

  function init() {
    setupPicks();
    var box = document.querySelector("[data-heart-handout]");
    if (box) setupHandout(box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
