// Small progressive enhancements; every page works without them.
// The script loads at the end of <body>: from here on the page has JS (see portal.css).
document.body.classList.remove("no-js");

document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, the error summary takes the focus, so it is read out first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  wrapWideTables(document);
});

// A table wider than the screen scrolls inside its own region, which keyboard users can
// focus and scroll (WCAG 2.1.1), named by the table's caption or section heading; the
// page itself never scrolls sideways (WCAG 1.4.10).
function wrapWideTables(root) {
  root.querySelectorAll("main table").forEach(function (table) {
    var region = table.parentElement;
    if (!region.classList.contains("table-scroll") && !region.classList.contains("table-responsive")) {
      region = document.createElement("div");
      region.className = "table-scroll";
      table.parentElement.insertBefore(region, table);
      region.appendChild(table);
    }
    labelIfScrolling(region, table);
  });
}

function labelIfScrolling(region, table) {
  if (region.scrollWidth <= region.clientWidth) {
    if (region.dataset.portalRegion) {
      region.removeAttribute("role");
      region.removeAttribute("tabindex");
      region.removeAttribute("aria-label");
      delete region.dataset.portalRegion;
    }
    return;
  }
  if (region.hasAttribute("tabindex")) {
    return;
  }
  var caption = table.querySelector("caption");
  var name = caption ? caption.textContent.trim() : "";
  if (!name) {
    var section = region.closest("section");
    var heading = section ? section.querySelector("h2, h3") : null;
    name = heading ? heading.textContent.trim() : document.title;
  }
  region.setAttribute("role", "region");
  region.setAttribute("tabindex", "0");
  region.setAttribute("aria-label", name);
  region.dataset.portalRegion = "1";
}

var resizeTimer = null;
window.addEventListener("resize", function () {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(function () {
    document.querySelectorAll(".table-scroll, .table-responsive").forEach(function (region) {
      var table = region.querySelector("table");
      if (table) {
        labelIfScrolling(region, table);
      }
    });
  }, 150);
});

// Rows htmx swaps in keep the same treatment.
document.addEventListener("htmx:afterSwap", function () {
  wrapWideTables(document);
});
