// Talks to the vtstatus server: the API key, JSON calls, the event stream and the Prometheus text.
// Plain browser JavaScript, no build step. Exposes one global, `Api`.
"use strict";

const Api = (() => {
  const KEY_STORE = "vtstatus.apiKey";

  /** An answer that was not 2xx; `status` is the HTTP status, `detail` the problem's detail. */
  class HttpError extends Error {
    constructor(status, detail) {
      super(detail ? `${status}: ${detail}` : `HTTP ${status}`);
      this.status = status;
      this.detail = detail;
    }
  }

  // The key is entered once and kept for this origin, so a reload does not ask again.
  function apiKey() {
    try { return localStorage.getItem(KEY_STORE) || ""; } catch (e) { return ""; }
  }

  function setApiKey(key) {
    try {
      if (key) { localStorage.setItem(KEY_STORE, key); } else { localStorage.removeItem(KEY_STORE); }
    } catch (e) { /* storage disabled: the key lasts for this page only */ }
    memoryKey = key;
  }

  let memoryKey = null;

  function headers(extra) {
    const key = memoryKey !== null ? memoryKey : apiKey();
    const all = Object.assign({ "Accept": "application/json" }, extra || {});
    if (key) { all["X-Api-Key"] = key; }
    return all;
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return new HttpError(response.status, body.detail || body.title);
    } catch (e) {
      return new HttpError(response.status);
    }
  }

  /** Sends a request and returns the parsed JSON answer (null for 204); throws HttpError. */
  async function call(method, path, body) {
    const init = { method, headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }),
      cache: "no-store" };
    if (body !== undefined) { init.body = JSON.stringify(body); }
    const response = await fetch(path, init);
    // A terminal job asked to end again answers 409 with the job: that is an answer, not a failure.
    if (response.status === 409 && method === "POST") { return response.json(); }
    if (!response.ok) { throw await problem(response); }
    return response.status === 204 ? null : response.json();
  }

  /**
   * Follows `/v1/events` until `signal` aborts, calling `onEvent(type, data, id)` for each event and
   * `onState(state, error)` with "live" or "down". Starts with the events the server still holds, and
   * reconnects with Last-Event-ID after a drop. It reads
   * the stream with fetch rather than EventSource because EventSource cannot send X-Api-Key.
   */
  async function followEvents(onEvent, onState, signal) {
    // "0" replays every event the server still holds, so jobs created before the page opened show
    // too; when those are gone the server sends a reset and the page reads the jobs instead
    let lastId = "0";
    let delay = 1000;
    while (!signal.aborted) {
      try {
        const extra = { "Accept": "text/event-stream" };
        if (lastId !== null) { extra["Last-Event-ID"] = lastId; }
        const response = await fetch("/v1/events", { headers: headers(extra), cache: "no-store", signal });
        if (!response.ok) { throw await problem(response); }
        onState("live");
        await readEvents(response.body, (type, data, id) => {
          if (id !== null) { lastId = id; }
          onEvent(type, data, id);
        }, (retry) => { delay = retry; });
        onState("down", new Error("the event stream ended"));
      } catch (e) {
        if (signal.aborted) { return; }
        onState("down", e);
        if (e instanceof HttpError && (e.status === 401 || e.status === 403)) { return; }
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  // Parses text/event-stream (WHATWG HTML, "Server-sent events"): fields up to a blank line.
  async function readEvents(body, dispatch, setRetry) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let type = "message", data = [], id = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) { return; }
      buffer += value;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        let line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.endsWith("\r")) { line = line.slice(0, -1); }
        if (line === "") {
          if (data.length > 0) { dispatch(type, data.join("\n"), id); }
          type = "message"; data = []; id = null;
          continue;
        }
        if (line.startsWith(":")) { continue; }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        let text = colon < 0 ? "" : line.slice(colon + 1);
        if (text.startsWith(" ")) { text = text.slice(1); }
        if (field === "event") { type = text; }
        else if (field === "data") { data.push(text); }
        else if (field === "id") { id = text; }
        else if (field === "retry" && /^\d+$/.test(text)) { setRetry(Number(text)); }
      }
    }
  }

  /** Reads `/metrics` and returns {name: [{labels, value}]} for the samples it holds. */
  async function metrics() {
    const response = await fetch("/metrics", { headers: headers({ "Accept": "text/plain" }), cache: "no-store" });
    if (!response.ok) { throw await problem(response); }
    return parseMetrics(await response.text());
  }

  function parseMetrics(text) {
    const samples = {};
    const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
    const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
    for (const row of text.split("\n")) {
      const match = line.exec(row);
      if (!match || row.startsWith("#")) { continue; }
      const labels = {};
      for (const pair of (match[2] || "").matchAll(label)) { labels[pair[1]] = pair[2]; }
      (samples[match[1]] = samples[match[1]] || []).push({ labels, value: Number(match[3]) });
    }
    return samples;
  }

  /** Sums the samples of `name` whose labels pass `keep` (all when omitted). */
  function sum(samples, name, keep) {
    return (samples[name] || []).filter((s) => !keep || keep(s.labels)).reduce((a, s) => a + s.value, 0);
  }

  return { HttpError, apiKey, setApiKey, call, followEvents, metrics, parseMetrics, sum };
})();
