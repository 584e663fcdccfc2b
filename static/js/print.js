// Buttons marked data-print open the browser's print dialog (the page's print CSS lays it out on A4).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
