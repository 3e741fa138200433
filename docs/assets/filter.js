/* Filters for card lists (the strategy library). A form[data-filter-for=ID] holds checkbox groups; items in #ID carry
   data-<group>s="a b c". Within a group any ticked value matches; across groups all must match. The state lives in
   the URL query (?role=teachers&cost=free) so a filtered view can be shared. Without JavaScript the full list shows.
   On a phone the form is collapsed behind a "Filters (n selected)" button; every selected filter also shows as a
   removable tag above the results (the GOV.UK / MoJ filter pattern). Space for the button and tags is reserved in
   CSS, so nothing moves when this script starts. */
(function () {
  "use strict";
  if (window.heartFilterLoaded) return;
  window.heartFilterLoaded = true;
  var NARROW = window.matchMedia("(max-width: 59.9375em)");

  function setup(form) {
    var listId = form.getAttribute("data-filter-for");
    var list = document.getElementById(listId);
    if (!list) return;
    var lib = form.closest("[data-heart-lib]") || document;
    var items = Array.prototype.slice.call(list.children);
    var status = document.getElementById(listId.replace("-list", "-count"));
    var toggle = lib.querySelector("[data-heart-filter-toggle]");
    var chosenList = lib.querySelector("[data-heart-chosen]");
    var noun = status ? (status.getAttribute("data-noun") || "strategies") : "strategies";
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var groups = [];
    boxes.forEach(function (b) { if (groups.indexOf(b.name) < 0) groups.push(b.name); });

    function chosen() {
      var out = {};
      groups.forEach(function (g) {
        out[g] = boxes.filter(function (b) { return b.name === g && b.checked; }).map(function (b) { return b.value; });
      });
      return out;
    }
    function label(b) {
      var legend = b.closest("fieldset") ? b.closest("fieldset").querySelector("legend").textContent : b.name;
      return { group: legend, text: b.getAttribute("data-label") || b.value };
    }
    function showTags() {
      if (!chosenList) return;
      chosenList.textContent = "";
      boxes.filter(function (b) { return b.checked; }).forEach(function (b) {
        var l = label(b), li = document.createElement("li"), btn = document.createElement("button");
        btn.type = "button";
        btn.className = "heart-chosen__tag";
        btn.setAttribute("aria-label", "Remove filter " + l.group + ": " + l.text);
        btn.textContent = l.text;
        var x = document.createElement("span");
        x.setAttribute("aria-hidden", "true");
        x.textContent = " \u00d7";
        btn.appendChild(x);
        btn.addEventListener("click", function () {
          b.checked = false;
          apply(true);
          var next = chosenList.querySelector("button");
          (next || toggle || status).focus();
        });
        li.appendChild(btn);
        chosenList.appendChild(li);
      });
    }
    function apply(push) {
      var sel = chosen(), shown = 0, n = 0;
      groups.forEach(function (g) { n += sel[g].length; });
      items.forEach(function (item) {
        var ok = groups.every(function (g) {
          if (!sel[g].length) return true;
          var have = (item.getAttribute("data-" + g + "s") || "").split(" ");
          return sel[g].some(function (v) { return have.indexOf(v) >= 0; });
        });
        item.hidden = !ok;
        if (ok) shown++;
      });
      if (status) {
        status.textContent = n ? ("Showing " + shown + " of " + items.length + " " + noun + ".")
                               : ("Showing all " + items.length + " " + noun + ".");
      }
      if (toggle) toggle.textContent = "Filters (" + n + " selected)";
      showTags();
      if (push) {
        var params = new URLSearchParams(window.location.search);
        groups.forEach(function (g) { if (sel[g].length) params.set(g, sel[g].join(",")); else params.delete(g); });
        var q = params.toString();
        history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
      }
    }
    function setOpen(open) {
      form.hidden = !open;
      if (toggle) toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    var params = new URLSearchParams(window.location.search);
    boxes.forEach(function (b) {
      var wanted = (params.get(b.name) || "").split(",");
      b.checked = wanted.indexOf(b.value) >= 0;
      b.addEventListener("change", function () { apply(true); });
    });
    var clear = form.querySelector("[data-filter-clear]");
    if (clear) clear.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      apply(true);
    });
    if (toggle) toggle.addEventListener("click", function () {
      var open = form.hidden;
      setOpen(open);
      if (open) { var first = form.querySelector("input"); if (first) first.focus(); }
    });
    function layout() { setOpen(!NARROW.matches); }
    if (NARROW.addEventListener) NARROW.addEventListener("change", layout);
    layout();
    apply(false);
    lib.classList.add("heart-lib--ready");
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-filter-for]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
