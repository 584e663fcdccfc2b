// Registry pages: dependent selects and confirmations. Data comes from data-* attributes; no inline script.
(function () {
  "use strict";

  // Filter bars: choosing a kab/kota reloads the list, so kecamatan and pesantren are offered for it.
  document.querySelectorAll("[data-filter-form] [data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      var form = select.form;
      ["kecamatan", "pesantren", "kursor", "halaman"].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && field !== select) { field.value = ""; field.disabled = true; }
      });
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });

  // Forms: only the kecamatan of the chosen kab/kota (their codes share the prefix: 35.17 -> 35.17.xx).
  document.querySelectorAll("select[data-kecamatan-of]").forEach(function (kecamatan) {
    var kabkota = document.getElementById(kecamatan.dataset.kecamatanOf);
    if (!kabkota) { return; }
    function narrow() {
      var prefix = kabkota.value ? kabkota.value + "." : null;
      Array.prototype.forEach.call(kecamatan.options, function (option) {
        if (!option.value) { return; }
        var show = prefix !== null && option.value.indexOf(prefix) === 0;
        option.hidden = !show;
        option.disabled = !show;
      });
      var selected = kecamatan.options[kecamatan.selectedIndex];
      if (selected && selected.disabled) { kecamatan.value = ""; }
      kecamatan.disabled = prefix === null;
    }
    kabkota.addEventListener("change", narrow);
    narrow();
  });

  // Person forms: the pesantren of the chosen kab/kota, fetched as JSON (7 000 would not fit one select).
  document.querySelectorAll("select[data-pesantren-of]").forEach(function (pesantren) {
    var kabkota = document.getElementById(pesantren.dataset.pesantrenOf);
    var url = pesantren.dataset.optionsUrl;
    if (!kabkota || !url) { return; }
    var placeholder = pesantren.options.length ? pesantren.options[0].textContent : "";
    kabkota.addEventListener("change", function () {
      pesantren.disabled = true;
      fetch(url + "?kabkota=" + encodeURIComponent(kabkota.value), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          pesantren.replaceChildren(new Option(placeholder, ""));
          data.results.forEach(function (row) { pesantren.add(new Option(row.label, row.id)); });
        })
        .finally(function () { pesantren.disabled = false; });
    });
  });

  // Small destructive actions posted straight from a table ask once.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });
})();
