/// The script only the served page has: it listens to `/events` and shows the run as it goes (the
/// running statement, its progress with images/s and ETA, its loss curve growing), and swaps in
/// the new report when a run ends, keeping the scroll position.
enum LiveScript {
    /// The JavaScript.
    static let javaScript = """
        "use strict";
        (() => {
          const panel = document.createElement("aside");
          panel.id = "nb-live";
          panel.setAttribute("aria-live", "polite");
          panel.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:10;width:20rem;max-width:calc(100vw - 2rem);"
            + "padding:.6rem .8rem;border-radius:8px;background:var(--surface,#f4f5f7);color:var(--fg,#1d2025);"
            + "border:1px solid var(--border,#ccc);font:.82rem/1.35 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.18)";
          const status = document.createElement("p");
          status.id = "nb-live-status";
          status.style.margin = "0";
          status.textContent = "Live preview: connecting…";
          const svg = "http://www.w3.org/2000/svg";
          const chart = document.createElementNS(svg, "svg");
          chart.id = "nb-live-curve";
          chart.setAttribute("viewBox", "0 0 300 90");
          chart.setAttribute("role", "img");
          chart.setAttribute("aria-label", "loss curve so far");
          chart.style.cssText = "display:none;width:100%;height:auto;margin-top:.4rem";
          panel.append(status, chart);
          document.body.append(panel);

          let series = {};
          let running = null;
          let started = null;
          let lastMessage = "";
          const colors = ["#2f6fdf", "#d9622b", "#3a9b5c", "#8e5bd1"];
          const draw = () => {
            const names = Object.keys(series);
            const all = names.flatMap((name) => series[name]);
            chart.replaceChildren();
            chart.dataset.points = String(all.length);
            chart.style.display = all.length ? "block" : "none";
            if (!all.length) return;
            const steps = all.map((p) => p[0]), values = all.map((p) => p[1]);
            const x0 = Math.min(0, ...steps), x1 = Math.max(...steps, x0 + 1e-9);
            const y0 = Math.min(...values), y1 = Math.max(...values, y0 + 1e-9);
            const x = (s) => 4 + (s - x0) / (x1 - x0) * 292, y = (v) => 86 - (v - y0) / (y1 - y0) * 72;
            names.forEach((name, index) => {
              const line = document.createElementNS(svg, "polyline");
              line.setAttribute("points", series[name].map((p) => x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1)).join(" "));
              line.setAttribute("fill", "none");
              line.setAttribute("stroke", colors[index % colors.length]);
              line.setAttribute("stroke-width", "1.6");
              line.dataset.series = name;
              const label = document.createElementNS(svg, "text");
              label.setAttribute("x", "4");
              label.setAttribute("y", String(10 + 10 * index));
              label.setAttribute("font-size", "9");
              label.setAttribute("fill", colors[index % colors.length]);
              const last = series[name][series[name].length - 1];
              label.textContent = name + " " + last[1].toFixed(2);
              chart.append(line, label);
            });
          };
          const clock = (seconds) => {
            const s = Math.max(0, Math.round(seconds));
            return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
          };

          const events = new EventSource("/events");
          events.addEventListener("open", () => {
            if (!running) status.textContent = "Live preview: watching the notebook for changes";
          });
          events.addEventListener("error", () => { status.textContent = "Live preview: disconnected, retrying…"; });
          events.addEventListener("started", (event) => {
            const data = JSON.parse(event.data);
            if (!running || running.line !== data.line) { series = {}; started = null; lastMessage = ""; }
            running = data;
            status.textContent = "Running line " + data.line + ": " + data.source;
            draw();
          });
          events.addEventListener("progress", (event) => {
            const data = JSON.parse(event.data);
            const now = performance.now();
            if (!started || data.done < started.done) started = {time: now, done: data.done};
            const rate = (data.done - started.done) / Math.max((now - started.time) / 1000, 1e-3);
            const eta = data.total > 0 && rate > 0 ? " · ETA " + clock((data.total - data.done) / rate) : "";
            if (data.message) lastMessage = data.message;
            status.textContent = "Line " + data.line + ": " + data.done + "/" + data.total + " " + data.unit
              + (lastMessage ? " · " + lastMessage : "") + eta;
          });
          events.addEventListener("point", (event) => {
            const data = JSON.parse(event.data);
            (series[data.series] = series[data.series] || []).push([data.step, data.value]);
            draw();
          });
          events.addEventListener("finished", (event) => {
            const data = JSON.parse(event.data);
            status.textContent = "Line " + data.line + " " + data.status + " in " + data.seconds.toFixed(1) + " s";
          });
          const swap = async () => {
            const response = await fetch("/", {cache: "no-store"});
            const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
            const page = fresh.querySelector(".page");
            if (!page) return;
            const x = scrollX, y = scrollY;
            document.querySelector(".page").replaceWith(page);
            document.title = fresh.title;
            if (window.nbSetUp) window.nbSetUp(page);
            if (window.nbRenderMath) window.nbRenderMath(page);
            scrollTo(x, y);
            document.documentElement.dataset.nbUpdates = String(Number(document.documentElement.dataset.nbUpdates || 0) + 1);
          };
          events.addEventListener("report", () => {
            running = null;
            status.textContent = "Live preview: report updated " + new Date().toLocaleTimeString();
            swap();
          });
          events.addEventListener("diagnostics", () => {
            status.textContent = "Live preview: the edit does not check; see the banner";
            swap();
          });
        })();
        """
}
