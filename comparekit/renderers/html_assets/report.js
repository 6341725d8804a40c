/* comparekit HTML report: sort by a column, filter products, collapse groups.
   Progressive enhancement: the page is complete without this script. It adds no text to a
   cell (its marks are drawn by CSS), so the matrix reads the same with and without it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var table = document.querySelector("table.matrix");
  if (!table || !table.tHead) {
    return;
  }
  var head = table.tHead.rows[table.tHead.rows.length - 1];
  var bodies = Array.prototype.slice.call(table.tBodies);
  var lang = document.documentElement.lang || "en";
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var blank = /k-not_stated|k-not_applicable/;

  function rows(body) {
    return Array.prototype.filter.call(body.rows, function (row) {
      return !row.classList.contains("group");
    });
  }

  /* A heading's name: its text without its note markers and its detail line. */
  function nameOf(cell) {
    var copy = cell.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("sup, .detail, .unit"), function (part) {
      part.remove();
    });
    return copy.textContent.trim();
  }

  function button(element, action) {
    element.tabIndex = 0;
    element.setAttribute("role", "button");
    element.addEventListener("click", action);
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        action();
      }
    });
  }

  /* Collapse a group: its heading row toggles the rows under it. */
  bodies.forEach(function (body) {
    var heading = body.querySelector("tr.group > th");
    if (!heading) {
      return;
    }
    heading.setAttribute("aria-expanded", "true");
    button(heading, function () {
      var open = heading.getAttribute("aria-expanded") !== "true";
      heading.setAttribute("aria-expanded", String(open));
      rows(body).forEach(function (row) {
        row.hidden = !open;
      });
    });
  });

  /* Sort by a column, within each group: ascending, descending, then as written.
     Not-stated and not-applicable cells always come last. */
  bodies.forEach(function (body) {
    rows(body).forEach(function (row, index) {
      row.setAttribute("data-order", String(index));
    });
  });
  var headers = Array.prototype.slice.call(head.cells);
  function sortBy(column) {
    var now = headers[column].getAttribute("aria-sort");
    var next = now === "ascending" ? "descending" : now === "descending" ? "none" : "ascending";
    headers.forEach(function (cell) {
      cell.setAttribute("aria-sort", "none");
    });
    headers[column].setAttribute("aria-sort", next);
    var sign = next === "descending" ? -1 : 1;
    bodies.forEach(function (body) {
      var sorted = rows(body).slice().sort(function (a, b) {
        if (next === "none") {
          return Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
        }
        var x = a.cells[column];
        var y = b.cells[column];
        var xBlank = blank.test(x.className);
        var yBlank = blank.test(y.className);
        if (xBlank !== yBlank) {
          return xBlank ? 1 : -1;
        }
        return sign * collator.compare(x.textContent.trim(), y.textContent.trim());
      });
      sorted.forEach(function (row) {
        body.appendChild(row);
      });
    });
  }
  headers.forEach(function (cell, column) {
    cell.setAttribute("aria-sort", "none");
    button(cell, function () {
      sortBy(column);
    });
  });

  /* Filter products: a switch per product shows or hides its column (its row when the
     table is transposed). */
  var transposed = script && script.getAttribute("data-transposed") === "yes";
  var products = transposed
    ? bodies.reduce(function (all, body) {
        return all.concat(rows(body));
      }, [])
    : headers.slice(1);
  if (products.length < 2) {
    return;
  }
  var box = document.createElement("fieldset");
  box.className = "ck-filter";
  var legend = document.createElement("legend");
  legend.textContent = (script && script.getAttribute("data-products")) || "";
  box.appendChild(legend);
  products.forEach(function (product, index) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    var name = transposed ? product.cells[0] : product;
    input.type = "checkbox";
    input.checked = true;
    input.addEventListener("change", function () {
      if (transposed) {
        product.classList.toggle("ck-off", !input.checked);
        return;
      }
      Array.prototype.forEach.call(table.rows, function (row) {
        if (row.classList.contains("group") || row.classList.contains("chunk-caption")) {
          return;
        }
        row.cells[index + 1].classList.toggle("ck-off", !input.checked);
      });
      var col = table.querySelectorAll("col")[index + 1];
      if (col) {
        col.classList.toggle("ck-off", !input.checked);
      }
    });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + nameOf(name)));
    box.appendChild(label);
  });
  var wrapper = table.parentNode;
  wrapper.parentNode.insertBefore(box, wrapper);
})();
