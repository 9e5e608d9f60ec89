// Filters and sorting for the tables of the touchpoint catalogue
// (/touchpoints/) and the opportunity backlog (/opportunities/).
// A filter section names what it filters in `data-filters`: a table, or an
// element holding tables. Without this script the filters are links (in
// <noscript>) and the tables show every row. With it: the select boxes of
// the section's `form.catalogue-filter` (each named after the row
// attribute `data-<name>` it compares) narrow the rows in place, a status
// line says how many rows are shown, the choice is kept in the address
// (?channel=online&stage=purchase) so it can be shared, groups
// (`data-filter-group`) without a shown row are hidden and their
// `data-count` updated, and every column header sorts its table (again:
// reverse order).
(function () {
  "use strict";
  var slice = function (list) { return Array.prototype.slice.call(list); };
  var legacy = document.getElementById("catalogue-filters");
  // A catalogue template written before `data-filters` names no target.
  if (legacy && !legacy.hasAttribute("data-filters")) legacy.setAttribute("data-filters", "catalogue");
  slice(document.querySelectorAll("[data-filters]")).forEach(setUp);

  function setUp(section) {
    var target = document.getElementById(section.getAttribute("data-filters"));
    if (!target) return;
    var tables = (target.tagName === "TABLE" ? [target] : slice(target.querySelectorAll("table")))
      .filter(function (table) { return table.tBodies.length; });
    if (!tables.length) return;
    var rows = [];
    tables.forEach(function (table) {
      slice(table.tBodies[0].rows).forEach(function (row, i) {
        row.dataset.index = String(i);
        rows.push(row);
      });
    });
    var groups = slice(target.querySelectorAll("[data-filter-group]"));
    var lang = document.documentElement.lang || undefined;
    var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
    // The form and the status line are in the page (hidden without
    // JavaScript); the script only brings them to life.
    var form = section.querySelector("form.catalogue-filter");
    var status = section.querySelector(".filter-status");
    if (!form || !status) return;
    var selects = {};
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    slice(form.querySelectorAll("select")).forEach(function (select) {
      selects[select.name] = select;
      select.addEventListener("change", update);
    });
    var reset = form.querySelector(".filter-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        Object.keys(selects).forEach(function (key) { selects[key].value = ""; });
        update();
        var first = form.querySelector("select");
        if (first) first.focus();
      });
    }

    // Restore a shared choice from the address.
    var params = new URLSearchParams(window.location.search);
    Object.keys(selects).forEach(function (key) {
      var value = params.get(key);
      if (value && selects[key].querySelector('option[value="' + CSS.escape(value) + '"]')) {
        selects[key].value = value;
      }
    });

    function matches(row) {
      return Object.keys(selects).every(function (key) {
        var wanted = selects[key].value;
        if (!wanted) return true;
        var have = (row.getAttribute("data-" + key) || "").split(" ");
        return have.indexOf(wanted) !== -1;
      });
    }

    function update() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = matches(row);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        var visible = group.querySelectorAll("tbody tr:not([hidden])").length;
        group.hidden = visible === 0;
        var count = group.querySelector("[data-count]");
        if (count) count.textContent = String(visible);
      });
      var template = section.getAttribute("data-status") || "{shown} / {total}";
      status.textContent = template.replace("{shown}", shown).replace("{total}", rows.length);
      var query = new URLSearchParams();
      Object.keys(selects).forEach(function (key) {
        if (selects[key].value) query.set(key, selects[key].value);
      });
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      if (window.history && window.history.replaceState) window.history.replaceState(null, "", url);
    }

    tables.forEach(function (table) { sortable(table, section.getAttribute("data-sort") || ""); });
    update();

    // Sorting: each header (but those marked data-nosort) becomes a button.
    function sortable(table, hint) {
      var body = table.tBodies[0];
      var own = slice(body.rows);
      var headers = table.tHead ? slice(table.tHead.rows[0].cells) : [];
      headers.forEach(function (th, column) {
        if (th.hasAttribute("data-nosort")) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "sort";
        while (th.firstChild) button.appendChild(th.firstChild);
        if (hint) button.setAttribute("title", hint);
        th.appendChild(button);
        button.addEventListener("click", function () {
          var descending = th.getAttribute("aria-sort") === "ascending";
          headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          var sorted = own.slice().sort(function (a, b) {
            var order = collator.compare(key(a, column), key(b, column));
            if (order === 0) order = Number(a.dataset.index) - Number(b.dataset.index);
            return descending ? -order : order;
          });
          sorted.forEach(function (row) { body.appendChild(row); });
        });
      });
    }

    function key(row, column) {
      var cell = row.cells[column];
      if (!cell) return "";
      var sort = cell.getAttribute("data-sort");
      return sort !== null ? sort : cell.textContent.trim();
    }
  }
})();
