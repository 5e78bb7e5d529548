// The import-job page follows the worker: while the job runs, the status block is fetched
// again every few seconds and replaced (announced politely to screen readers).
(function () {
  "use strict";
  function poll() {
    var status = document.getElementById("import-status");
    if (!status || !status.dataset.refresh) { return; }
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-status");
          if (!fresh) { return; }
          status.innerHTML = fresh.innerHTML;
          if (fresh.dataset.refresh) { poll(); } else { delete status.dataset.refresh; }
        })
        .catch(function () { poll(); });
    }, parseInt(status.dataset.refresh, 10) || 2000);
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
