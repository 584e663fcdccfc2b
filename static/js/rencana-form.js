// Plan create page: offer "Salin kegiatan dari rencana <tahun-1>" only when the chosen OPD has a plan for the year
// before the chosen one, naming that year and its number of lines. Without this script the box is always there
// (for users whose OPDs have any plan) and the server refuses a copy when there is nothing to copy.
(function () {
  "use strict";

  var box = document.querySelector("input[data-salin]");
  var opd = document.getElementById("id_opd");
  var tahun = document.getElementById("id_tahun");
  if (!box || !opd || !tahun) return;
  var plans = JSON.parse(box.dataset.salin);
  var label = document.querySelector('label[for="' + box.id + '"]');
  var wrapper = document.getElementById("div_" + box.id) || box.closest(".mb-3") || box.parentNode;

  function refresh() {
    var previous = String(Number(tahun.value) - 1);
    var lines = (plans[opd.value] || {})[previous];
    if (lines === undefined) {
      box.checked = false;
      wrapper.hidden = true;
      return;
    }
    wrapper.hidden = false;
    if (label) label.textContent = box.dataset.label.replace("%(tahun)s", previous).replace("%(n)s", lines);
  }

  opd.addEventListener("change", refresh);
  tahun.addEventListener("change", refresh);
  refresh();
})();
