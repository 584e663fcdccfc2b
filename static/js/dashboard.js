// Dashboard pages: changing the year (or a checkbox marked data-autosubmit) reloads the page with it;
// buttons marked data-print open the print dialog (the print CSS lays the page out on A4); the current tab of a
// sub-navigation that scrolls on a phone is scrolled into view. No inline script.
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
  // On a phone the tabs scroll sideways: bring the current one into view.
  document.querySelectorAll(".dash-subnav, .programs-subnav").forEach(function (nav) {
    var active = nav.querySelector(".nav-link.active");
    if (active && nav.scrollWidth > nav.clientWidth) {
      nav.scrollLeft = active.offsetLeft - nav.offsetLeft - 16;
    }
  });
})();
