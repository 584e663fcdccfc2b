// Kab/kota of a plan line (programs KegiatanForm): a filter box above the 38 checkboxes that hides the ones whose
// name does not match, a count of the chosen ones, and "Seluruh Jawa Timur" ticking or clearing all of them.
// Without this script the checkboxes and the "Seluruh Jawa Timur" box still work (the server selects all).
(function () {
  "use strict";

  var tools = document.querySelector("[data-lokasi-tools]");
  var field = document.querySelector(".lokasi-field");
  if (!tools || !field) return;
  var boxes = Array.prototype.slice.call(field.querySelectorAll('input[type="checkbox"][name="lokasi"]'));
  var all = document.querySelector('input[name="seluruh_jatim"]');

  var search = document.createElement("input");
  search.type = "search";
  search.className = "form-control form-control-sm";
  search.placeholder = tools.dataset.placeholder || "";
  search.setAttribute("aria-label", tools.dataset.label || "");
  search.setAttribute("autocomplete", "off");
  var count = document.createElement("div");
  count.className = "form-text";
  count.setAttribute("aria-live", "polite");
  // One row above the list: the filter box, "Seluruh Jawa Timur" and the count.
  var list = field.querySelector("fieldset > div:not(.form-text)") || field;
  var wholeProvince = document.querySelector(".seluruh-jatim");
  tools.classList.add("lokasi-toolbar");
  tools.appendChild(search);
  if (wholeProvince) {
    var help = wholeProvince.querySelector(".form-text");
    if (help) help.hidden = true; // the box says what it does once it sits beside the list
    tools.appendChild(wholeProvince);
  }
  tools.appendChild(count);
  list.parentNode.insertBefore(tools, list);

  function normal(text) {
    return text.toLowerCase().replace(/^(kab\.?|kabupaten|kota)\s+/, "").trim();
  }

  function labelOf(box) {
    var label = field.querySelector('label[for="' + box.id + '"]');
    return label ? label.textContent : box.value;
  }

  function refresh() {
    var chosen = boxes.filter(function (box) { return box.checked; }).length;
    count.textContent = (tools.dataset.count || "")
      .replace("%(n)s", chosen)
      .replace("%(total)s", boxes.length);
    if (all) all.checked = chosen === boxes.length;
  }

  search.addEventListener("input", function () {
    var wanted = normal(search.value);
    boxes.forEach(function (box) {
      var name = labelOf(box).toLowerCase();
      var match = !wanted || name.indexOf(wanted) !== -1 || normal(name).indexOf(wanted) === 0;
      box.closest(".form-check").hidden = !match;
    });
  });
  // Enter in the filter box ticks the one kab/kota left, instead of sending the form.
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var shown = boxes.filter(function (box) { return !box.closest(".form-check").hidden; });
    if (shown.length === 1) {
      shown[0].checked = !shown[0].checked;
      refresh();
    }
  });
  boxes.forEach(function (box) { box.addEventListener("change", refresh); });
  if (all) {
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
      refresh();
    });
  }
  refresh();
})();
