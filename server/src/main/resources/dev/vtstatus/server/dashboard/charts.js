// The dashboard's two time charts (uPlot), fed one sample of the server's counters at a time.
// Exposes one global, `Charts`.
"use strict";

const Charts = (() => {
  const KEEP = 150; // samples shown: five minutes at one sample every two seconds

  function chart(element, series) {
    const data = [[], ...series.map(() => [])];
    const plot = new uPlot({
      width: Math.max(300, element.clientWidth - 8),
      height: 190,
      legend: { live: false },
      scales: { x: { time: true } },
      axes: [{}, { size: 50 }],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, points: { show: false } }))],
    }, data, element);
    return {
      push(time, values) {
        data[0].push(time);
        values.forEach((v, i) => data[i + 1].push(v));
        if (data[0].length > KEEP) { data.forEach((column) => column.shift()); }
        plot.setData(data);
      },
      resize() { plot.setSize({ width: Math.max(300, element.clientWidth - 8), height: 190 }); },
    };
  }

  /** Creates both charts in their elements; returns {sample(metrics)} to feed them. */
  function create(requestsElement, jobsElement) {
    const requests = chart(requestsElement, [
      { label: "all", color: "#1d2330" },
      { label: "status reads", color: "#2f6fdf" },
      { label: "creates", color: "#1f9d55" },
      { label: "refused (429, 503, dropped)", color: "#d64545" },
    ]);
    const jobs = chart(jobsElement, [
      { label: "in flight", color: "#2f6fdf" },
      { label: "ended per second", color: "#1f9d55" },
    ]);
    window.addEventListener("resize", () => { requests.resize(); jobs.resize(); });
    let previous = null;
    return {
      /** Adds one sample; rates are taken against the previous sample. */
      sample(figures) {
        const now = Date.now() / 1000;
        if (previous) {
          const seconds = Math.max(0.001, now - previous.time);
          const rate = (key) => Math.max(0, figures[key] - previous.figures[key]) / seconds;
          requests.push(now, [rate("requests"), rate("statusReads"), rate("creates"), rate("refused")]);
          jobs.push(now, [figures.inFlight, rate("ended")]);
        }
        previous = { time: now, figures };
      },
    };
  }

  return { create };
})();
