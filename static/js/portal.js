// Small progressive enhancements; every page works without them.
// After a failed submit, the error summary takes the focus, so it is read out first.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
