// The status page's script. Everything shown comes from outside (campaign names, alert text), so it only ever goes into
// the page as text (textContent, attribute values), never as markup; the Content-Security-Policy forbids inline script.
"use strict";

const svgNs = "http://www.w3.org/2000/svg";
let map = null;

const $ = (id) => document.getElementById(id);

function el(name, text, className) {
  const node = document.createElement(name);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function svg(name, attributes) {
  const node = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
  return node;
}

function time(value) {
  return value ? new Date(value).toISOString().slice(0, 16).replace("T", " ") : "";
}

// A .NET TimeSpan as System.Text.Json writes it: [d.]hh:mm:ss[.fffffff].
function seconds(span) {
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.\d+)?$/.exec(span || "");
  if (!match) return null;
  const total = ((+(match[2] || 0) * 24 + +match[3]) * 60 + +match[4]) * 60 + +match[5];
  return match[1] ? -total : total;
}

function duration(span) {
  const total = seconds(span);
  if (total === null) return "";
  const minutes = Math.floor(total / 60), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
  if (days > 0) return `${days} d ${hours % 24} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}

function row(cells, className) {
  const tr = el("tr", null, className);
  for (const cell of cells) {
    if (cell instanceof Node) {
      const td = el("td");
      td.append(cell);
      tr.append(td);
    } else {
      tr.append(el("td", cell));
    }
  }
  return tr;
}

function replaceRows(table, rows, empty, columns) {
  const body = $(table).tBodies[0];
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const td = el("td", empty, "muted");
    td.colSpan = columns;
    const tr = el("tr");
    tr.append(td);
    body.append(tr);
  }
}

function say(text, isError) {
  const box = $("message");
  box.textContent = text;
  box.className = isError ? "error" : "";
  box.hidden = false;
}

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response.json();
}

async function act(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body || {}),
  });
  const type = response.headers.get("Content-Type") || "";
  const result = type.startsWith("application/json") ? await response.json() : { done: false, message: await response.text() };
  say(result.message, !response.ok);
  await refresh();
}

function severityClass(severity) {
  return "sev-" + String(severity || "unknown").toLowerCase();
}

function drawMap(report) {
  const root = $("map");
  if (!map) return;
  const states = svg("g");
  for (const [code, state] of Object.entries(map.states)) {
    const shaded = report.map.states[code];
    const path = svg("path", { d: state.d, class: "state" + (shaded ? " " + severityClass(shaded) : ""), "data-state": code });
    const title = svg("title");
    title.textContent = state.name + (shaded ? ` — ${shaded}` : "");
    path.append(title);
    states.append(path);
  }
  const counties = svg("g");
  for (const [fips, severity] of Object.entries(report.map.counties)) {
    const county = map.counties[fips];
    if (!county) continue;
    const path = svg("path", { d: county.d, class: "county " + severityClass(severity), "data-county": fips });
    const title = svg("title");
    title.textContent = `${county.name} County — ${severity}`;
    path.append(title);
    counties.append(path);
  }
  const markers = svg("g");
  for (const [code, count] of Object.entries(report.map.heldCampaigns)) {
    const state = map.states[code];
    if (!state) continue;
    const [x, y] = state.at;
    const marker = svg("g", { class: "marker", "data-held": code });
    marker.append(svg("circle", { cx: x, cy: y, r: count > 99 ? 13 : 10 }));
    const label = svg("text", { x, y });
    label.textContent = String(count);
    const title = svg("title");
    title.textContent = `${count} held campaign${count === 1 ? "" : "s"} in ${state.name}`;
    marker.append(label, title);
    markers.append(marker);
  }
  root.replaceChildren(states, counties, markers);
}

function drawAlerts(report) {
  $("alert-count").textContent = `(${report.alerts.length})`;
  replaceRows("alerts", report.alerts.map((a) => {
    const severity = el("span", a.severity, "sev sev-text-" + String(a.severity).toLowerCase());
    return row([a.event || "(no event)", severity, a.area || a.states.join(", "), time(a.until)]);
  }), "No alert counts now.", 4);
  $("feeds").textContent = report.feeds.map((f) => f.succeeded ? `${f.name}: ${f.alerts} alerts read` : `${f.name}: failed (${f.error || "no detail"})`).join(" · ");
}

function drawHolds(report) {
  const active = report.holds.filter((h) => h.state === "held" || h.state === "pausing").length;
  $("hold-count").textContent = `(${active} held, ${report.holds.filter((h) => h.manualHoldReason).length} manual)`;
  replaceRows("holds", report.holds.map((h) => {
    let clear = h.stillAffected ? "not clear: alerts in force" : duration(h.clearFor);
    let resumes = h.manualHoldReason ? "when released" : h.resumesAt ? time(h.resumesAt) : h.stillAffected ? `${duration(report.clearFor)} after the alerts end` : "";
    let state = h.state;
    if (h.state !== "held" && h.state !== "pausing") {
      clear = "";
      resumes = "";
      if (h.manualHoldReason) state = "not held now";
    }
    let release = "";
    if (h.manualHoldReason) {
      release = el("button", "Release", "release");
      release.type = "button";
      release.dataset.campaign = h.campaignId;
      release.addEventListener("click", () => act("api/holds/release", { campaignId: h.campaignId }));
    }
    const name = el("span");
    name.append(el("strong", h.campaignName || h.campaignId), el("br"), el("span", h.campaignId, "muted"));
    const tr = row([name, state, h.why, time(h.since), clear, resumes, h.manualHoldReason || "", release], h.manualHoldReason ? "manual" : "");
    tr.dataset.search = [h.campaignName, h.campaignId, h.why, h.manualHoldReason || ""].join(" ").toLowerCase();
    return tr;
  }), "The service holds no campaign.", 8);
  filterHolds();
}

// At a thousand holds a person looks for one: rows that do not match are hidden, not removed.
function filterHolds() {
  const wanted = $("hold-filter").value.trim().toLowerCase();
  for (const tr of $("holds").tBodies[0].rows) {
    tr.hidden = wanted.length > 0 && tr.dataset.search !== undefined && !tr.dataset.search.includes(wanted);
  }
}

function drawApproval(report) {
  const box = $("approval");
  box.hidden = !report.approval;
  if (report.approval) {
    const a = report.approval;
    $("approval-text").textContent = `Cycle ${a.cycleId} at ${time(a.heldAt)} UTC: ${a.detail || "held"} (${a.heldCyclesToday} held cycle${a.heldCyclesToday === 1 ? "" : "s"} in the last day).`;
  }
}

async function loadAudit() {
  const query = new URLSearchParams({ hours: $("audit-hours").value, limit: "200" });
  if ($("audit-campaign").value.trim()) query.set("campaign", $("audit-campaign").value.trim());
  if ($("audit-outcome").value) query.set("outcome", $("audit-outcome").value);
  const rows = await getJson("api/audit?" + query.toString());
  $("audit-count").textContent = `(${rows.length}${rows.length === 200 ? ", newest shown" : ""})`;
  replaceRows("audit", rows.map((r) => row([time(r.occurredAt), r.outcome + (r.dryRun ? " (dry run)" : ""), r.campaignName || r.campaignId || "", r.events || "", r.detail || ""])),
    "No audit row matches.", 5);
}

async function refresh() {
  try {
    const report = await getJson("api/status");
    $("user").textContent = report.user;
    $("summary").textContent = `${report.mode} · ${report.alerts.length} alerts in force · ${report.holds.filter((h) => h.state === "held" || h.state === "pausing").length} campaigns held · clear for ${duration(report.clearFor)} before a resume · as of ${time(report.at)} UTC`;
    drawApproval(report);
    drawMap(report);
    drawAlerts(report);
    drawHolds(report);
    await loadAudit();
    document.body.dataset.loaded = report.at;
  } catch (error) {
    say("Could not read the status: " + error.message, true);
  }
}

async function start() {
  $("refresh").addEventListener("click", refresh);
  $("hold-filter").addEventListener("input", filterHolds);
  $("approve").addEventListener("click", () => act("api/approve", {}));
  $("hold-form").addEventListener("submit", (event) => {
    event.preventDefault();
    act("api/holds/add", { campaignId: $("hold-campaign").value.trim(), reason: $("hold-reason").value.trim() });
  });
  $("audit-filter").addEventListener("submit", (event) => {
    event.preventDefault();
    loadAudit().catch((error) => say("Could not read the audit trail: " + error.message, true));
  });
  try {
    map = await getJson("us-map.json");
  } catch (error) {
    say("Could not load the map shapes: " + error.message, true);
  }
  await refresh();
  setInterval(refresh, 60000);
}

document.addEventListener("DOMContentLoaded", start);
