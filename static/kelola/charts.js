/* Kelola charts: every <canvas data-chart="ID"> is drawn from the JSON of <script id="ID">.
   The JSON gives {type, labels, datasets: [{label, data, color}]}; no inline script (CSP). */
(function () {
  "use strict";
  function draw() {
    if (!window.Chart) { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      if (!spec.labels || !spec.labels.length) { return; }
      new window.Chart(canvas, {
        type: spec.type || "bar",
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (d) {
            return {label: d.label, data: d.data, backgroundColor: d.color};
          })
        },
        options: {responsive: true, plugins: {legend: {position: "bottom"}}}
      });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
