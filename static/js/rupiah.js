// Rupiah inputs (opop/common/money.py): group the digits while typing (125000000 -> 125.000.000) and show the
// amount in words beside the input ("Rp 125 juta"). Anything that is not plain digits and dots (a comma, letters)
// is left exactly as typed: the server refuses it with a message instead of this script guessing.
(function () {
  "use strict";

  function group(digits) {
    return digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function words(number, units, decimal) {
    var sizes = [1e12, 1e9, 1e6, 1e3];
    var names = [units[3], units[2], units[1], units[0]];
    for (var i = 0; i < sizes.length; i++) {
      if (number >= sizes[i]) {
        var amount = (number / sizes[i]).toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
        return "Rp " + amount.replace(".", decimal) + " " + names[i];
      }
    }
    return "Rp " + number;
  }

  function enhance(input) {
    var hint = input.parentNode.querySelector("[data-rupiah-words]");
    var units = hint ? (hint.dataset.units || "ribu,juta,miliar,triliun").split(",") : [];
    var decimal = hint ? hint.dataset.decimal || "," : ",";

    function update() {
      var raw = input.value;
      var plain = /^\s*(rp\.?)?\s*[\d.\s]*$/i.test(raw);
      if (plain) {
        var digits = raw.replace(/[^\d]/g, "");
        var caretDigits = raw.slice(0, input.selectionStart || 0).replace(/[^\d]/g, "").length;
        var grouped = digits ? group(digits) : "";
        if (grouped !== raw) {
          input.value = grouped;
          var pos = 0;
          var seen = 0;
          while (pos < grouped.length && seen < caretDigits) {
            if (/\d/.test(grouped[pos])) seen++;
            pos++;
          }
          if (document.activeElement === input) input.setSelectionRange(pos, pos);
        }
        if (hint) hint.textContent = digits ? words(Number(digits), units, decimal) : "";
      } else if (hint) {
        hint.textContent = "";
      }
    }

    input.addEventListener("input", update);
  }

  document.querySelectorAll("input[data-rupiah]").forEach(enhance);
})();
