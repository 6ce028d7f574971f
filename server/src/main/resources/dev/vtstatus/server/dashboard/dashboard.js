// The vtstatus dashboard: jobs in flight from /v1/events, counters from /metrics, faults and forced
// ends through /admin. Plain browser JavaScript, no build step.
"use strict";

(() => {
  const MAX_ROWS = 200;          // newest jobs shown; pending ones first
  const METRICS_EVERY_MS = 2000;
  const FAULTS_EVERY_MS = 5000;
  const REDRAW_EVERY_MS = 500;   // moves progress bars and estimates along between events

  const $ = (id) => document.getElementById(id);
  const jobs = new Map();        // job_id -> the newest job JSON seen
  const rows = new Map();        // job_id -> its <tr>
  let adminAvailable = true;
  let stream = null;
  const charts = Charts.create($("chart-requests"), $("chart-jobs"));

  function notice(text) {
    $("notice").hidden = !text;
    $("notice").textContent = text || "";
  }

  function describe(error) {
    if (error instanceof Api.HttpError && error.status === 401) {
      return "The server needs an API key: enter it above.";
    }
    if (error instanceof Api.HttpError && error.status === 404) {
      return "This server has no admin routes, so the fault controls and the buttons do not work.";
    }
    if (error instanceof Api.HttpError && error.status === 403) {
      return "This key may not use the admin routes (" + (error.detail || "forbidden")
        + "); the jobs and counters still show, the controls do not work.";
    }
    return String(error.message || error);
  }

  // A terminal state is final; otherwise the newest update wins.
  function remember(job) {
    const known = jobs.get(job.job_id);
    const terminal = (j) => j.status !== "pending";
    if (known && terminal(known) && !terminal(job)) { return; }
    jobs.set(job.job_id, job);
  }

  async function loadJobs() {
    try {
      const answer = await Api.call("GET", "/admin/jobs?limit=1000");
      answer.jobs.forEach(remember);
      adminAvailable = true;
      notice("");
    } catch (e) {
      adminAvailable = false;
      notice(describe(e) + " The jobs shown are those the event stream still holds.");
    }
    render();
  }

  function connect() {
    if (stream) { stream.abort(); }
    stream = new AbortController();
    const pill = $("connection");
    Api.followEvents((type, data) => {
      if (type === "job") { remember(JSON.parse(data)); scheduleRender(); }
      if (type === "reset") { loadJobs(); }  // events were missed: read the jobs again
    }, (state, error) => {
      pill.dataset.state = state;
      pill.textContent = state === "live" ? "live" : "disconnected";
      if (error) { pill.title = describe(error); }
      if (state === "down" && error instanceof Api.HttpError) { notice(describe(error)); }
    }, stream.signal);
  }

  // --- the jobs table ---------------------------------------------------------------------------

  function projected(job, now) {
    if (job.status !== "pending") { return 1; }
    const created = Date.parse(job.created_at);
    const estimate = job.estimated_completion_at ? Date.parse(job.estimated_completion_at) : NaN;
    if (isNaN(estimate) || estimate <= created) { return job.progress; }
    return Math.max(0, Math.min(0.99, (now - created) / (estimate - created)));
  }

  function seconds(ms) {
    const s = Math.abs(ms) / 1000;
    return s < 10 ? s.toFixed(1) + "s" : s < 120 ? Math.round(s) + "s" : Math.round(s / 60) + "m";
  }

  function estimatedEnd(job, now) {
    if (job.status !== "pending") {
      return job.completed_at ? "ended " + seconds(now - Date.parse(job.completed_at)) + " ago" : "";
    }
    if (!job.estimated_completion_at) { return "?"; }
    const left = Date.parse(job.estimated_completion_at) - now;
    return left >= 0 ? "in ~" + seconds(left) : "due " + seconds(left) + " ago";
  }

  function newRow(id) {
    const tr = document.createElement("tr");
    tr.dataset.jobId = id;
    tr.innerHTML = '<td class="id"></td><td class="status"></td><td class="progress"><span class="bar">'
      + '<span></span></span><span class="share"></span></td><td class="eta"></td><td class="created"></td>'
      + '<td class="langs"></td><td class="actions"><button class="complete" title="Force completed">'
      + 'complete</button> <button class="fail" title="Force error">fail</button></td>';
    tr.querySelector(".id").textContent = id.slice(0, 8);
    tr.querySelector(".id").title = id;
    tr.querySelector(".complete").addEventListener("click", () => forceEnd(id, "complete"));
    tr.querySelector(".fail").addEventListener("click", () => forceEnd(id, "fail"));
    return tr;
  }

  function fill(tr, job, now) {
    const share = projected(job, now);
    tr.dataset.status = job.status;
    const status = tr.querySelector(".status");
    status.textContent = job.status;
    status.dataset.status = job.status;
    tr.querySelector(".bar > span").style.width = share == null ? "0" : Math.round(share * 100) + "%";
    tr.querySelector(".share").textContent = share == null ? "?" : Math.round(share * 100) + "%";
    tr.querySelector(".eta").textContent = estimatedEnd(job, now);
    tr.querySelector(".created").textContent = new Date(job.created_at).toLocaleTimeString();
    tr.querySelector(".langs").textContent = job.source_language || job.target_language
      ? (job.source_language || "?") + " → " + (job.target_language || "?") : "-";
    tr.querySelector(".actions").hidden = job.status !== "pending" || !adminAvailable;
  }

  function ordered() {
    const all = [...jobs.values()];
    const pending = all.filter((j) => j.status === "pending")
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
    const ended = all.filter((j) => j.status !== "pending")
      .sort((a, b) => (b.completed_at || "").localeCompare(a.completed_at || ""));
    return pending.concat(ended);
  }

  let renderQueued = false;
  function scheduleRender() {
    if (!renderQueued) { renderQueued = true; requestAnimationFrame(() => { renderQueued = false; render(); }); }
  }

  function render() {
    const now = Date.now();
    const shown = ordered().slice(0, MAX_ROWS);
    const body = $("jobs").tBodies[0];
    const keep = new Set(shown.map((j) => j.job_id));
    for (const [id, tr] of rows) {
      if (!keep.has(id)) { tr.remove(); rows.delete(id); }
    }
    shown.forEach((job, i) => {
      let tr = rows.get(job.job_id);
      if (!tr) { tr = newRow(job.job_id); rows.set(job.job_id, tr); }
      fill(tr, job, now);
      if (body.children[i] !== tr) { body.insertBefore(tr, body.children[i] || null); }
    });
    $("jobs-shown").textContent = jobs.size > MAX_ROWS ? `(newest ${MAX_ROWS} of ${jobs.size})` : `(${jobs.size})`;
  }

  async function forceEnd(id, how) {
    try {
      remember(await Api.call("POST", `/admin/jobs/${encodeURIComponent(id)}/${how}`));
      render();
    } catch (e) {
      notice(describe(e));
    }
  }

  // --- counters -----------------------------------------------------------------------------------

  async function sampleMetrics() {
    try {
      const m = await Api.metrics();
      const jobsTotal = (event) => Api.sum(m, "vtstatus_jobs_total", (l) => l.event === event);
      const requests = (keep) => Api.sum(m, "vtstatus_http_requests_total", keep);
      const ended = jobsTotal("completed") + jobsTotal("error") + jobsTotal("canceled");
      const statusRead = (l) => l.method === "GET" && /^\/(v1\/jobs(\/:id)?|status.*)$/.test(l.route);
      const figures = {
        requests: requests(),
        statusReads: requests(statusRead),
        creates: requests((l) => l.method === "POST" && /^\/(v1\/jobs|jobs?)$/.test(l.route)),
        refused: requests((l) => ["429", "503", "closed"].includes(l.status)),
        ended,
        inFlight: Math.max(0, jobsTotal("created") - ended),
      };
      $("count-pending").textContent = figures.inFlight;
      $("count-completed").textContent = jobsTotal("completed");
      $("count-error").textContent = jobsTotal("error");
      $("count-canceled").textContent = jobsTotal("canceled");
      $("long-polls").textContent = Api.sum(m, "vtstatus_long_polls_parked");
      $("streams").textContent = Api.sum(m, "vtstatus_event_streams_open");
      $("reads-per-job").textContent = jobsTotal("created") > 0
        ? (figures.statusReads / jobsTotal("created")).toFixed(2) : "-";
      charts.sample(figures);
      updateRate(figures.requests);
    } catch (e) {
      // The next sample tries again; a missing /metrics (seed-protocol-only server) leaves zeros.
    }
  }

  let lastRequests = null;
  function updateRate(total) {
    const now = Date.now();
    if (lastRequests) {
      const rate = (total - lastRequests.total) / Math.max(0.001, (now - lastRequests.time) / 1000);
      $("request-rate").textContent = rate < 10 ? rate.toFixed(1) : Math.round(rate);
    }
    lastRequests = { total, time: now };
  }

  // --- fault controls -----------------------------------------------------------------------------

  const FAULT_FIELDS = { "fault-rate": "fault_rate", "fault-latency": "fault_latency_ms",
    "drop-rate": "drop_rate", "rate-limit": "rate_limit" };

  function showFaults(faults, force) {
    for (const [input, field] of Object.entries(FAULT_FIELDS)) {
      const element = $(input);
      if (force || document.activeElement !== element) {
        element.value = faults[field] === null || faults[field] === undefined ? "" : faults[field];
      }
    }
  }

  async function loadFaults(force) {
    if (!adminAvailable && !force) { return; }
    try {
      showFaults(await Api.call("GET", "/admin/faults"), force);
      if (force) { $("faults-status").textContent = ""; }
    } catch (e) {
      $("faults-status").textContent = describe(e);
    }
  }

  async function applyFaults(event) {
    event.preventDefault();
    const body = {};
    for (const [input, field] of Object.entries(FAULT_FIELDS)) {
      const text = $(input).value.trim();
      body[field] = text === "" ? (field === "rate_limit" ? null : 0) : Number(text);
    }
    try {
      showFaults(await Api.call("PUT", "/admin/faults", body), true);
      $("faults-status").textContent = "applied at " + new Date().toLocaleTimeString();
    } catch (e) {
      $("faults-status").textContent = describe(e);
    }
  }

  async function resetServer() {
    try {
      await Api.call("POST", "/admin/reset");
      jobs.clear();
      await loadJobs();
      await loadFaults(true);
      $("faults-status").textContent = "server reset";
    } catch (e) {
      $("faults-status").textContent = describe(e);
    }
  }

  // --- start --------------------------------------------------------------------------------------

  $("api-key").value = Api.apiKey();
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    Api.setApiKey($("api-key").value.trim());
    connect();
    loadJobs();
    loadFaults(true);
  });
  $("faults-form").addEventListener("submit", applyFaults);
  $("reset").addEventListener("click", resetServer);

  connect();
  loadJobs();
  loadFaults(true);
  sampleMetrics();
  setInterval(sampleMetrics, METRICS_EVERY_MS);
  setInterval(() => loadFaults(false), FAULTS_EVERY_MS);
  setInterval(render, REDRAW_EVERY_MS);
})();
