// Plan create page: offer "Salin kegiatan dari rencana <tahun>" only when the chosen OPD has a plan before the chosen
// year, naming the most recent one (the one the server copies, programs.selectors.plan_to_copy), its number of lines,
// and a warning when it was never verified. Without this script the box is always there (for users whose OPDs have
// any plan) and the server refuses a copy when there is nothing to copy.
(function () {
  "use strict";

  var box = document.querySelector("input[data-salin]");
  var opd = document.getElementById("id_opd");
  var tahun = document.getElementById("id_tahun");
  if (!box || !opd || !tahun) return;
  var plans = JSON.parse(box.dataset.salin);
  var label = document.querySelector('label[for="' + box.id + '"]');
  var wrapper = document.getElementById("div_" + box.id) || box.closest(".mb-3") || box.parentNode;

  function latestBefore(years, year) {
    var best = null;
    Object.keys(years).forEach(function (y) {
      if (Number(y) < year && (best === null || Number(y) > Number(best))) best = y;
    });
    return best;
  }

  function refresh() {
    var years = plans[opd.value] || {};
    var source = latestBefore(years, Number(tahun.value));
    if (source === null) {
      box.checked = false;
      wrapper.hidden = true;
      return;
    }
    wrapper.hidden = false;
    var text = box.dataset.label.replace("%(tahun)s", source).replace("%(n)s", years[source][0]);
    if (!years[source][1]) text += " — " + box.dataset.warning.replace("%(tahun)s", source);
    if (label) label.textContent = text;
  }

  opd.addEventListener("change", refresh);
  tahun.addEventListener("change", refresh);
  refresh();
})();
