// Dashboard pages: changing the year (or a checkbox marked data-autosubmit) reloads the page with it;
// buttons marked data-print open the print dialog (the print CSS lays the page out on A4). No inline script.
(function () {
  "use strict";
  document.querySelectorAll("form [data-autosubmit]").forEach(function (field) {
    field.addEventListener("change", function () {
      var form = field.form;
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
