// Progress of background jobs: every element with data-job-status-url polls its job once a second until it ends,
// then the page reloads once to show the result. Without script the page works with a plain refresh.
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-job-status-url]");
  var reloadWhenDone = false;
  var BADGES = { selesai: "text-bg-success", gagal: "text-bg-danger", berjalan: "text-bg-primary", antre: "text-bg-secondary" };

  function fmt(n) {
    return Number(n).toLocaleString("id-ID");
  }

  function render(node, data) {
    var bar = node.querySelector("[data-job-bar]");
    var text = node.querySelector("[data-job-text]");
    var badge = node.querySelector("[data-job-badge]");
    var message = node.querySelector("[data-job-message]");
    if (bar) {
      bar.style.width = data.percent + "%";
      bar.textContent = data.percent + "%";
      bar.parentNode.setAttribute("aria-valuenow", data.percent);
    }
    if (badge) {
      badge.textContent = data.status_label;
      badge.className = "badge " + (BADGES[data.status] || "text-bg-secondary");
    }
    if (bar && data.status === "gagal") bar.classList.add("bg-danger");
    if (bar && data.status === "selesai") bar.classList.add("bg-success");
    if (text) {
      var parts = [];
      if (data.phase) parts.push(data.phase);
      if (data.total) parts.push(fmt(data.done) + " / " + fmt(data.total));
      if (data.eta_seconds !== null && data.eta_seconds !== undefined) parts.push("~" + data.eta_seconds + " s");
      text.textContent = parts.join(" · ");
    }
    if (message) message.textContent = data.message;
  }

  function poll(node) {
    fetch(node.getAttribute("data-job-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        render(node, data);
        node.setAttribute("data-job-status", data.status);
        if (data.finished) {
          if (reloadWhenDone) window.location.reload();
        } else {
          window.setTimeout(function () { poll(node); }, 1000);
        }
      })
      .catch(function () { window.setTimeout(function () { poll(node); }, 3000); });
  }

  Array.prototype.forEach.call(nodes, function (node) {
    var status = node.getAttribute("data-job-status");
    if (status === "antre" || status === "berjalan") {
      reloadWhenDone = true;
      poll(node);
    }
  });
})();
