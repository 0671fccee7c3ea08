/// The page's script, inline and without libraries: a chart's series toggle from its legend, an
/// interpolation steps under a slider, and an image grid opens at full size when clicked.
///
/// `nbSetUp(root)` wires up everything under `root`: the page calls it once at load, and the live
/// preview again on each new content it swaps in.
enum PageScript {
    /// The JavaScript.
    static let javaScript = """
        "use strict";
        window.nbSetUp = (root) => {
          // A legend entry toggles the series of the same data-series in its own chart.
          for (const chart of root.querySelectorAll("[data-chart]")) {
            for (const entry of chart.querySelectorAll(".legend-entry[data-series]")) {
              const name = entry.getAttribute("data-series");
              entry.setAttribute("tabindex", "0");
              entry.setAttribute("role", "button");
              entry.setAttribute("aria-pressed", "true");
              const toggle = () => {
                const shown = entry.getAttribute("aria-pressed") !== "true";
                entry.setAttribute("aria-pressed", String(shown));
                entry.classList.toggle("is-off", !shown);
                for (const series of chart.querySelectorAll("g.series[data-series]")) {
                  if (series.getAttribute("data-series") === name) series.classList.toggle("is-hidden", !shown);
                }
              };
              entry.addEventListener("click", toggle);
              entry.addEventListener("keydown", (event) => {
                if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
              });
            }
          }

          // A click on an image grid shows it at the largest whole-number zoom the window allows.
          const dialog = document.querySelector("dialog.zoom-view");
          const large = dialog.querySelector("img");
          for (const button of root.querySelectorAll("button.zoom")) {
            button.addEventListener("click", () => {
              const image = button.querySelector("img");
              const width = image.naturalWidth, height = image.naturalHeight;
              const zoom = Math.max(1, Math.floor(Math.min((innerWidth - 64) / width, (innerHeight - 112) / height)));
              large.src = image.src;
              large.alt = image.alt;
              large.width = width * zoom;
              large.height = height * zoom;
              dialog.showModal();
            });
          }
          if (root === document) {
            dialog.querySelector(".close").addEventListener("click", () => dialog.close());
            dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
          }

          // An interpolation's slider marks one step in the grid and shows that step of each row
          // three times larger, cut from the same PNG without smoothing.
          const numbers = (text) => (text || "").split(" ").filter((s) => s !== "").map(Number);
          for (const stepper of root.querySelectorAll(".stepper")) {
            const grid = stepper.previousElementSibling.querySelector(".image-grid");
            const image = grid.querySelector("img");
            const input = stepper.querySelector("input");
            const output = stepper.querySelector("output");
            const view = stepper.querySelector(".step-view");
            const rows = numbers(grid.dataset.rowCenters), columns = numbers(grid.dataset.columnCenters);
            const labels = input.dataset.labels.split(" ");
            const names = [...grid.querySelectorAll(".row-labels span")].map((span) => span.textContent);
            const mark = document.createElement("span");
            mark.className = "column-mark";
            grid.querySelector("button.zoom").append(mark);
            const spacing = (centers) => (centers.length > 1 ? centers[1] - centers[0] : 1);
            const show = () => {
              const step = Number(input.value), zoom = 3;
              const width = image.naturalWidth, height = image.naturalHeight;
              const cellWidth = Math.round(spacing(columns) * width), cellHeight = Math.round(spacing(rows) * height);
              const left = Math.round(columns[step] * width - cellWidth / 2);
              mark.style.left = (100 * left / width) + "%";
              mark.style.width = (100 * cellWidth / width) + "%";
              output.textContent = "t = " + labels[step];
              view.replaceChildren(...rows.map((center, row) => {
                const top = Math.round(center * height - cellHeight / 2);
                const figure = document.createElement("figure");
                const cell = document.createElement("div");
                cell.className = "step";
                cell.style.width = cellWidth * zoom + "px";
                cell.style.height = cellHeight * zoom + "px";
                cell.style.backgroundImage = 'url("' + image.src + '")';
                cell.style.backgroundSize = width * zoom + "px " + height * zoom + "px";
                cell.style.backgroundPosition = -left * zoom + "px " + -top * zoom + "px";
                const caption = document.createElement("figcaption");
                caption.textContent = names[row] || "";
                figure.append(cell, caption);
                return figure;
              }));
            };
            input.addEventListener("input", show);
            if (image.complete) show(); else image.addEventListener("load", show);
          }
        };
        window.nbSetUp(document);
        """
}
