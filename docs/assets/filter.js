/* Filters for card and table lists. A form[data-filter-for=ID] holds checkbox groups; items in #ID carry
   data-<group>s="a b c". Within a group any ticked value matches; across groups all must match. The state lives in
   the URL query (?area=a,f&phase=primary) so a filtered view can be shared. Without JavaScript the full list shows. */
(function () {
  "use strict";
  function setup(form) {
    var list = document.getElementById(form.getAttribute("data-filter-for"));
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var status = document.getElementById(form.getAttribute("data-filter-for").replace("-list", "-count"));
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
    function apply(push) {
      var sel = chosen(), shown = 0;
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
        var any = groups.some(function (g) { return sel[g].length; });
        status.textContent = any ? ("Showing " + shown + " of " + items.length + " " + noun + ".")
                                 : ("Showing all " + items.length + " " + noun + ".");
      }
      if (push) {
        var params = new URLSearchParams(window.location.search);
        groups.forEach(function (g) { if (sel[g].length) params.set(g, sel[g].join(",")); else params.delete(g); });
        var q = params.toString();
        history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
      }
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
    form.hidden = false;
    apply(false);
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-filter-for]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
