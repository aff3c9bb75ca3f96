// The Tacitus explorer: plain JavaScript over the JSON API, no build step, no network beyond this server.
// Every piece of text from the store or the API goes into the page as a text node (never as HTML),
// so a report containing "<script>" shows those characters.
"use strict";

const FILTERS = ["actor", "country", "type", "cameo", "since", "until", "doc", "min_confidence"];
// PLOVER types from cooperation to conflict: the first eight get blues to teals, the rest yellows to reds.
const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const SPAN_KINDS = ["trigger", "source", "target", "attributed_to", "place", "date", "killed", "injured"];
const SVG = "http://www.w3.org/2000/svg";
const view = document.getElementById("view");
const filterForm = document.getElementById("filters");

// -- small helpers ------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function typeColor(type) {
  const i = PLOVER_TYPES.indexOf(type);
  if (i < 0) return "#8c959f";
  const half = PLOVER_TYPES.length / 2, t = (i % half) / (half - 1);
  return i < half ? `hsl(${Math.round(220 - 50 * t)}, 55%, ${Math.round(30 + 22 * t)}%)`
    : `hsl(${Math.round(45 - 45 * t)}, 80%, ${Math.round(48 - 8 * t)}%)`;
}

function typeBadge(type, cameo) {
  const badge = el("span", {class: "type"}, (type || "untyped") + (cameo ? " " + cameo : ""));
  badge.style.background = typeColor(type);
  return badge;
}

function actorText(actor) {
  if (!actor) return "";
  return `${actor.code || "?"} (${actor.text || actor.name || ""})`;
}

function showMessage(text) {
  const box = document.getElementById("message");
  box.hidden = !text;
  box.textContent = text || "";
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body && body.detail;
    const text = Array.isArray(detail) ? detail.map((d) => `${d.loc.join(".")}: ${d.msg}`).join("; ") : detail;
    throw new Error(`${response.status}: ${text || response.statusText}`);
  }
  return body;
}

// The route is the hash: #/events?type=ASSAULT&sort=date, #/event/ID, #/map?country=SYR ...
function route() {
  const [path, query] = location.hash.replace(/^#\/?/, "").split("?");
  return {path: path || "events", params: new URLSearchParams(query || "")};
}

function go(path, params) {
  const query = params.toString();
  location.hash = "#/" + path + (query ? "?" + query : "");
}

function filterParams(params) {
  const kept = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) kept.set(name, params.get(name));
  return kept;
}

function withParams(base, extra) {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(extra)) {
    if (value === null || value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  return params;
}

// -- filters ------------------------------------------------------------------------------------

filterForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const {path, params} = route();
  const next = new URLSearchParams();
  for (const name of FILTERS) {
    const value = filterForm.elements[name].value.trim();
    if (value) next.set(name, value);
  }
  for (const keep of ["sort", "order", "by"]) if (params.get(keep)) next.set(keep, params.get(keep));
  go(["event", "code"].includes(path.split("/")[0]) ? "events" : path, next);
});

filterForm.addEventListener("reset", (event) => {
  event.preventDefault();
  const {path} = route();
  go(["event", "code"].includes(path.split("/")[0]) ? "events" : path, new URLSearchParams());
});

function fillFilterForm(params) {
  for (const name of FILTERS) filterForm.elements[name].value = params.get(name) || "";
}

async function loadTypes() {
  // The type menu lists the PLOVER types, those found in the store first.
  const select = filterForm.elements.type;
  const counts = await api("/api/counts?by=year").catch(() => []);
  const present = new Set(counts.map((c) => c.type).filter((t) => t !== "untyped"));
  const ordered = [...PLOVER_TYPES.filter((t) => present.has(t)), ...PLOVER_TYPES.filter((t) => !present.has(t))];
  for (const type of ordered) select.append(el("option", {value: type}, type));
  select.value = route().params.get("type") || "";
}

// -- views --------------------------------------------------------------------------------------

const EVENT_COLUMNS = [
  ["date", "date", (r) => r.date || ""],
  ["type", "event", (r) => typeBadge(r.type, r.cameo)],
  ["source", "source", (r) => actorText(r.source)],
  ["target", "target", (r) => actorText(r.target)],
  ["location", "where", (r) => (r.location ? r.location.name : "")],
  ["fatalities", "killed", (r) => (r.fatalities ?? ""), "num"],
  [null, "realis", (r) => r.realis],
  ["confidence", "conf.", (r) => r.confidence.toFixed(2), "num"],
  [null, "trigger", (r) => r.evidence.trigger.text],
  ["doc", "document", (r) => r.doc_id],
];

async function eventsView(params) {
  const sort = params.get("sort") || "date";
  const order = params.get("order") || "asc";
  const offset = Number(params.get("offset") || 0);
  const limit = 50;
  const query = withParams(filterParams(params), {sort, order, offset, limit});
  const page = await api("/api/events?" + query);
  const header = el("tr", {}, EVENT_COLUMNS.map(([key, label]) => {
    if (!key) return el("th", {}, label);
    const sorted = key === sort ? ` sorted-${order}` : "";
    return el("th", {class: "sortable" + sorted, "data-sort": key, onclick: () => {
      const nextOrder = key === sort && order === "asc" ? "desc" : "asc";
      go("events", withParams(params, {sort: key, order: nextOrder, offset: null}));
    }}, label);
  }));
  const rows = page.items.map((record) => el("tr", {class: "clickable", "data-event": record.event_id,
    onclick: () => go("event/" + encodeURIComponent(record.event_id), filterParams(params))},
    EVENT_COLUMNS.map(([, , cell, cls]) => el("td", {class: cls}, cell(record)))));
  const end = Math.min(offset + limit, page.total);
  const pager = el("div", {class: "pager"},
    el("button", {disabled: offset === 0, onclick: () => go("events", withParams(params, {offset: Math.max(0, offset - limit) || null}))}, "← previous"),
    el("span", {class: "count"}, page.total ? `${offset + 1}–${end} of ${page.total} events` : "no events match"),
    el("button", {disabled: end >= page.total, onclick: () => go("events", withParams(params, {offset: offset + limit}))}, "next →"));
  view.replaceChildren(el("h2", {}, "Events"), pager,
    el("table", {class: "data", id: "events"}, el("thead", {}, header), el("tbody", {}, rows)));
}

// Text with labelled, possibly overlapping spans: the text is cut at every span boundary and each
// piece gets the classes of the spans covering it; each span's label is shown where it starts.
function highlighted(text, spans, sentence) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  if (sentence) { cuts.add(sentence.start); cuts.add(sentence.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const out = el("div", {class: "report"});
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= from && s.end >= to && s.end > s.start);
    const starting = spans.filter((s) => s.start === from);
    const piece = text.slice(from, to);
    let node;
    if (covering.length) {
      const classes = covering.map((s) => "hl-" + s.kind).join(" ") + (covering.length > 1 ? " hl-multi" : "");
      // A span's label is drawn by the stylesheet from data-label, so it is not part of the text.
      node = el("mark", {class: classes, title: covering.map((s) => s.label).join("; "),
        "data-kinds": covering.map((s) => s.kind).join(" "),
        "data-label": starting.length ? starting.map((s) => s.label).join(" · ") : null}, piece);
    } else {
      node = document.createTextNode(piece);
    }
    if (sentence && from >= sentence.start && to <= sentence.end) node = el("span", {class: "in-sentence"}, node);
    out.append(node);
  }
  return out;
}

function legend() {
  const names = {trigger: "event word", source: "source", target: "target", attributed_to: "according to",
    place: "place", date: "date", killed: "killed", injured: "injured"};
  return el("div", {class: "legend"}, SPAN_KINDS.map((k) => el("span", {class: "hl-" + k}, names[k])));
}

function facts(record) {
  const rows = [
    ["event", typeBadge(record.type, record.cameo)],
    ["mode / context", [record.mode, ...(record.context || [])].filter(Boolean).join(", ")],
    ["date", record.date ? `${record.date} (${record.date_precision})` : ""],
    ["source", actorText(record.source)],
    ["target", actorText(record.target)],
    ["where", record.location ? `${record.location.name}${record.location.country ? ", " + record.location.country : ""} (${record.location.precision})` : ""],
    ["killed", record.fatalities ?? ""],
    ["injured", record.injuries ?? ""],
    ["according to", actorText(record.attributed_to)],
    ["realis", record.realis],
    ["confidence", record.confidence],
    ["rule", record.evidence.rule],
    ["Goldstein", record.goldstein ?? ""],
  ];
  return el("table", {class: "facts"}, rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v))));
}

function safeLink(url) {
  // Only web addresses become links: a "javascript:" URL in a document stays text.
  if (!url) return "";
  return /^https?:\/\//i.test(url) ? el("a", {href: url, rel: "noopener noreferrer", target: "_blank"}, url) : url;
}

async function eventView(id, params) {
  const data = await api("/api/events/" + encodeURIComponent(id));
  const record = data.event;
  const doc = data.document;
  const linked = data.linked;
  const side = el("div", {},
    el("h3", {}, "Report"),
    el("table", {class: "facts"},
      el("tr", {}, el("th", {}, "document"), el("td", {}, doc.doc_id)),
      el("tr", {}, el("th", {}, "title"), el("td", {}, doc.title || "")),
      el("tr", {}, el("th", {}, "outlet"), el("td", {}, doc.source || "")),
      el("tr", {}, el("th", {}, "published"), el("td", {}, doc.published || "")),
      el("tr", {}, el("th", {}, "url"), el("td", {}, safeLink(doc.url)))),
    el("p", {}, el("a", {href: "#/events?" + withParams(new URLSearchParams(), {doc: doc.doc_id})}, "All events of this report")));
  if (linked) {
    side.append(el("h3", {}, `Linked event: ${linked.mention_count} mention(s), ${linked.outlet_count} outlet(s)`),
      el("ul", {class: "plain", id: "mentions"}, linked.mentions.map((m) => el("li", {},
        m.event_id === record.event_id ? el("strong", {}, `${m.doc_id} (this one)`)
          : el("a", {href: "#/event/" + encodeURIComponent(m.event_id)}, m.doc_id),
        ` ${m.date || ""} ${m.cameo || ""}`))));
    const conflicts = Object.entries(linked.conflicts || {});
    if (conflicts.length) {
      side.append(el("h3", {}, "Reports disagree on"), el("ul", {class: "plain"}, conflicts.map(([name, values]) =>
        el("li", {}, `${name}: ` + values.map((v) => String(v.value)).join(" | ")))));
    }
  }
  const found = new Set(data.spans.map((s) => s.kind));
  const missing = [["date", record.date && record.date_precision !== "publication"], ["killed", record.fatalities !== null],
    ["injured", record.injuries !== null]].filter(([kind, has]) => has && !found.has(kind)).map(([kind]) => kind);
  view.replaceChildren(
    el("p", {}, el("a", {href: "#/events?" + filterParams(params)}, "← events")),
    el("h2", {}, typeBadge(record.type, record.cameo), " ", record.evidence.trigger.text,
      el("span", {class: "muted code"}, "  " + record.event_id)),
    el("div", {class: "columns"},
      el("div", {}, legend(),
        missing.length ? el("p", {class: "muted"}, `Not found in the sentence (read elsewhere): ${missing.join(", ")}.`) : null,
        highlighted(doc.text, data.spans, record.evidence)),
      el("div", {}, facts(record), side)));
  const trigger = view.querySelector("mark.hl-trigger");
  if (trigger) trigger.scrollIntoView({block: "center"});
}

async function timelineView(params) {
  const by = params.get("by") || "month";
  const filters = filterParams(params);
  const offset = Number(params.get("offset") || 0);
  const [counts, page] = await Promise.all([
    api("/api/counts?" + withParams(filters, {by})),
    api("/api/timeline?" + withParams(filters, {offset, limit: 50, min_mentions: params.get("min_mentions")}))]);
  const chooser = el("div", {class: "row"}, "Events per",
    ["day", "month", "year"].map((b) => el("button", {class: b === by ? "primary" : "", onclick: () =>
      go("timeline", withParams(params, {by: b, offset: null}))}, b)));
  const rows = page.items.map((r) => el("tr", {class: "clickable", onclick: () =>
    go("event/" + encodeURIComponent(r.mentions[0].event_id), filters)},
    el("td", {}, r.date || ""), el("td", {}, typeBadge(r.type, r.cameo)),
    el("td", {}, `${(r.source || {}).code || "?"} → ${(r.target || {}).code || "?"}`),
    el("td", {}, r.location ? r.location.name : ""), el("td", {class: "num"}, r.fatalities ?? ""),
    el("td", {class: "num"}, r.mention_count), el("td", {}, r.outlets.map((o) => o.outlet).join("; "))));
  const end = Math.min(offset + 50, page.total);
  view.replaceChildren(el("h2", {}, "Timeline"), chooser, barChart(counts, by, filters),
    el("h3", {}, `Linked events in date order (${page.total ? `${offset + 1}–${end} of ${page.total}` : "none"})`),
    el("div", {class: "pager"},
      el("button", {disabled: offset === 0, onclick: () => go("timeline", withParams(params, {offset: Math.max(0, offset - 50) || null}))}, "← previous"),
      el("button", {disabled: end >= page.total, onclick: () => go("timeline", withParams(params, {offset: offset + 50}))}, "next →")),
    el("table", {class: "data", id: "timeline"},
      el("thead", {}, el("tr", {}, ["date", "event", "source → target", "where", "killed", "mentions", "outlets"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
}

// Stacked bars: one per period, a segment per PLOVER type; a click lists that period's events.
function barChart(counts, by, filters) {
  const periods = [...new Set(counts.map((c) => c.period))].sort();
  const width = 1000, height = 260, left = 40, bottom = 40, top = 10;
  const svg = el("svg:svg", {class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "events over time"});
  if (!periods.length) {
    svg.append(el("svg:text", {x: width / 2, y: height / 2, "text-anchor": "middle"}, "no dated events"));
    return el("div", {}, svg);
  }
  const totals = periods.map((p) => counts.filter((c) => c.period === p).reduce((n, c) => n + c.events, 0));
  const max = Math.max(...totals);
  const step = (width - left - 10) / periods.length;
  const scale = (n) => (n * (height - top - bottom)) / max;
  svg.append(el("svg:text", {x: 4, y: top + 10}, String(max)), el("svg:text", {x: 4, y: height - bottom}, "0"));
  periods.forEach((period, i) => {
    let y = height - bottom;
    const x = left + i * step;
    const stack = counts.filter((c) => c.period === period)
      .sort((a, b) => PLOVER_TYPES.indexOf(a.type) - PLOVER_TYPES.indexOf(b.type));
    for (const c of stack) {
      const h = scale(c.events);
      y -= h;
      const bar = el("svg:rect", {class: "bar", x: x + step * 0.1, y, width: Math.max(1, step * 0.8), height: h,
        fill: typeColor(c.type), "data-period": period},
        el("svg:title", {}, `${period}: ${c.events} ${c.type}`));
      bar.addEventListener("click", () => go("events", withParams(filters, {since: period, until: period, type: c.type === "untyped" ? null : c.type})));
      svg.append(bar);
    }
    const every = Math.ceil(periods.length / 12);
    if (i % every === 0) svg.append(el("svg:text", {x: x + step / 2, y: height - bottom + 14, "text-anchor": "middle"}, period));
  });
  const types = [...new Set(counts.map((c) => c.type))].sort((a, b) => PLOVER_TYPES.indexOf(a) - PLOVER_TYPES.indexOf(b));
  const key = el("div", {class: "legend"}, types.map((t) => typeBadge(t === "untyped" ? null : t)));
  return el("div", {}, svg, key);
}

let worldShapes = null;

async function mapView(params) {
  const filters = filterParams(params);
  const [world, places] = await Promise.all([
    worldShapes || fetch("/static/countries.json").then((r) => r.json()), api("/api/places?" + filters)]);
  worldShapes = world;
  const svg = el("svg:svg", {class: "map", id: "map", viewBox: "0 0 360 180", preserveAspectRatio: "xMidYMid meet"});
  const byCountry = new Set(places.map((p) => p.country));
  for (const c of world.countries) {
    svg.append(el("svg:path", {class: "country" + (byCountry.has(c.iso3) ? " has-events" : ""), d: c.d,
      "data-iso3": c.iso3}, el("svg:title", {}, c.name)));
  }
  const panel = el("div", {class: "panel", id: "place"}, el("p", {class: "muted"},
    places.length ? "Click a marker to see its events." : "No events with a place match the filters."));
  const markers = places.map((p) => {
    const circle = el("svg:circle", {class: "place", cx: p.lon + 180, cy: 90 - p.lat, "data-place": p.name},
      el("svg:title", {}, `${p.name}: ${p.events} event(s)`));
    circle.addEventListener("click", (event) => {
      event.stopPropagation();
      svg.querySelectorAll("circle.selected").forEach((c) => c.classList.remove("selected"));
      circle.classList.add("selected");
      panel.replaceChildren(el("h3", {}, `${p.name}${p.country ? ", " + p.country : ""}`),
        el("p", {}, `${p.events} event(s)` + (p.fatalities ? `, ${p.fatalities} killed` : "")),
        el("ul", {class: "plain"}, p.first_events.map((e) => el("li", {},
          el("a", {href: "#/event/" + encodeURIComponent(e.event_id)}, `${e.date || "undated"} ${e.type || "untyped"} ${e.cameo}`),
          ` (${e.trigger})`))));
    });
    svg.append(circle);
    return [circle, p];
  });
  // Zoom to the markers, then let the wheel zoom and a drag pan; markers keep their size on screen.
  let box = [0, 0, 360, 180];
  if (places.length) {
    const xs = places.map((p) => p.lon + 180), ys = places.map((p) => 90 - p.lat);
    const w = Math.max(20, Math.max(...xs) - Math.min(...xs) + 10), h = Math.max(10, Math.max(...ys) - Math.min(...ys) + 10);
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    const scale = Math.max(w / 360, h / 180);
    box = [cx - 180 * scale, cy - 90 * scale, 360 * scale, 180 * scale];
  }
  const draw = () => {
    svg.setAttribute("viewBox", box.map((n) => n.toFixed(3)).join(" "));
    const unit = box[2] / 360;
    for (const [circle, p] of markers) circle.setAttribute("r", ((2 + 2.5 * Math.sqrt(p.events)) * unit).toFixed(3));
  };
  svg.addEventListener("wheel", (event) => {
    event.preventDefault();
    const rect = svg.getBoundingClientRect();
    const fx = (event.clientX - rect.left) / rect.width, fy = (event.clientY - rect.top) / rect.height;
    const factor = event.deltaY > 0 ? 1.25 : 0.8;
    const [x, y, w, h] = box;
    const nw = Math.min(360, Math.max(2, w * factor)), nh = nw / 2;
    box = [x + (w - nw) * fx, y + (h - nh) * fy, nw, nh];
    draw();
  }, {passive: false});
  let drag = null;
  svg.addEventListener("pointerdown", (event) => { drag = [event.clientX, event.clientY, box[0], box[1]]; });
  svg.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const unit = box[2] / rect.width;
    box = [drag[2] - (event.clientX - drag[0]) * unit, drag[3] - (event.clientY - drag[1]) * unit, box[2], box[3]];
    draw();
  });
  for (const end of ["pointerup", "pointerleave"]) svg.addEventListener(end, () => { drag = null; });
  draw();
  view.replaceChildren(el("h2", {}, `Map: ${places.length} places`),
    el("div", {class: "columns"}, svg, panel),
    el("p", {class: "muted"}, "Borders: " + world.meta.source + ". Wheel to zoom, drag to pan."));
}

async function networkView(params) {
  const filters = filterParams(params);
  const [dyads, actors] = await Promise.all([api("/api/dyads?" + withParams(filters, {limit: 60})),
    api("/api/actors?" + withParams(filters, {limit: 30}))]);
  const table = el("table", {class: "data", id: "actors"},
    el("thead", {}, el("tr", {}, ["actor", "name", "events", "as source", "as target"].map((h) => el("th", {}, h)))),
    el("tbody", {}, actors.map((a) => el("tr", {class: "clickable", onclick: () => go("events", withParams(filters, {actor: a.code}))},
      el("td", {class: "code"}, a.code), el("td", {}, a.name || ""), el("td", {class: "num"}, a.events),
      el("td", {class: "num"}, a.as_source), el("td", {class: "num"}, a.as_target)))));
  view.replaceChildren(el("h2", {}, `Actor network: ${dyads.length} dyads`),
    el("div", {class: "columns"}, networkGraph(dyads, filters), el("div", {class: "side-table"}, el("h3", {}, "Actors"), table)),
    el("p", {class: "muted"}, "Arrows run from source to target; red: mostly conflict, blue: mostly cooperation, " +
      "width: number of events. Click an actor for its events."));
}

// A force layout (Fruchterman-Reingold: springs along dyads, repulsion between actors, a pull to
// the middle that keeps separate groups in view), cooled to rest before drawing, from a fixed start
// so the same data always gives the same picture.
function networkGraph(dyads, filters) {
  const width = 800, height = 560;
  const names = [...new Set(dyads.flatMap((d) => [d.source, d.target]))];
  const nodes = names.map((name, i) => ({name, weight: 0,
    x: width / 2 + 200 * Math.cos((2 * Math.PI * i) / names.length), y: height / 2 + 200 * Math.sin((2 * Math.PI * i) / names.length)}));
  const index = new Map(nodes.map((n, i) => [n.name, i]));
  for (const d of dyads) { nodes[index.get(d.source)].weight += d.events; nodes[index.get(d.target)].weight += d.events; }
  const k = 0.4 * Math.sqrt((width * height) / Math.max(nodes.length, 1));
  const steps = 400;
  for (let step = 0; step < steps; step++) {
    const limit = (width / 10) * (1 - step / steps) + 0.5;
    for (const a of nodes) {
      a.dx = (width / 2 - a.x) * 0.4;
      a.dy = (height / 2 - a.y) * 0.4 * (width / height);
      for (const b of nodes) {
        if (a === b) continue;
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.1);
        a.dx += (dx / d) * (k * k) / d; a.dy += (dy / d) * (k * k) / d;
      }
    }
    for (const d of dyads) {
      const a = nodes[index.get(d.source)], b = nodes[index.get(d.target)];
      const dx = b.x - a.x, dy = b.y - a.y, dist = Math.max(Math.hypot(dx, dy), 0.1), pull = (dist * dist) / k;
      a.dx += (dx / dist) * pull; a.dy += (dy / dist) * pull; b.dx -= (dx / dist) * pull; b.dy -= (dy / dist) * pull;
    }
    for (const n of nodes) {
      const move = Math.max(Math.hypot(n.dx, n.dy), 0.1), scale = Math.min(move, limit) / move;
      n.x = Math.min(width - 60, Math.max(20, n.x + n.dx * scale));
      n.y = Math.min(height - 20, Math.max(20, n.y + n.dy * scale));
    }
  }
  const svg = el("svg:svg", {class: "network", id: "network", viewBox: `0 0 ${width} ${height}`});
  svg.append(el("svg:defs", {}, ["conflict", "cooperation", "mixed"].map((kind) =>
    el("svg:marker", {id: "arrow-" + kind, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto"},
      el("svg:path", {d: "M0 0L10 5L0 10Z", fill: edgeColor(kind)})))));
  const radius = (n) => 5 + Math.sqrt(n.weight) * 2;
  for (const d of dyads) {
    const a = nodes[index.get(d.source)], b = nodes[index.get(d.target)];
    const kind = d.conflict > d.cooperation ? "conflict" : d.cooperation > d.conflict ? "cooperation" : "mixed";
    const dist = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 1), r = radius(b) + 2;
    const types = Object.entries(d.types).map(([t, n]) => `${t} ${n}`).join(", ");
    svg.append(el("svg:line", {x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) * r) / dist, y2: b.y - ((b.y - a.y) * r) / dist,
      stroke: edgeColor(kind), "stroke-width": 1 + Math.log2(d.events), "marker-end": `url(#arrow-${kind})`,
      "data-dyad": `${d.source}>${d.target}`}, el("svg:title", {}, `${d.source} → ${d.target}: ${d.events} event(s) (${types})`)));
  }
  for (const n of nodes) {
    const circle = el("svg:circle", {cx: n.x, cy: n.y, r: radius(n), "data-actor": n.name}, el("svg:title", {}, n.name));
    circle.addEventListener("click", () => go("events", withParams(filters, {actor: n.name})));
    svg.append(circle, el("svg:text", {x: n.x + radius(n) + 2, y: n.y + 4}, n.name));
  }
  return svg;
}

function edgeColor(kind) {
  return {conflict: "#c62828", cooperation: "#1565c0", mixed: "#8c959f"}[kind];
}

let pasted = {text: "", published: ""};

function codeView() {
  const text = el("textarea", {id: "paste", placeholder: "Paste a news report here…"});
  text.value = pasted.text;
  const published = el("input", {id: "published", type: "date", value: pasted.published});
  const result = el("div", {id: "coded"});
  const button = el("button", {class: "primary", id: "code-button"}, "Code it");
  button.addEventListener("click", async () => {
    pasted = {text: text.value, published: published.value};
    button.disabled = true;
    showMessage("");
    try {
      const body = {text: text.value, published: published.value || null};
      const coded = await api("/api/code", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
      showCoded(coded, result);
    } catch (error) {
      showMessage(error.message);
      result.replaceChildren();
    } finally {
      button.disabled = false;
    }
  });
  view.replaceChildren(el("h2", {}, "Code a text"),
    el("p", {class: "muted"}, "Nothing is stored: the text is coded and shown with each event's words highlighted."),
    text, el("div", {class: "row"}, el("label", {}, "Published ", published), button), result);
}

function showCoded(coded, result) {
  const report = el("div", {});
  const select = (i) => {
    const record = coded.events[i];
    report.replaceChildren(legend(), highlighted(coded.text, record.spans, record.evidence));
    rows.forEach((row, j) => row.classList.toggle("selected", i === j));
  };
  const rows = coded.events.map((r, i) => el("tr", {class: "clickable", onclick: () => select(i)},
    el("td", {}, typeBadge(r.type, r.cameo)), el("td", {}, r.evidence.trigger.text), el("td", {}, actorText(r.source)),
    el("td", {}, actorText(r.target)), el("td", {}, r.date || ""), el("td", {}, r.location ? r.location.name : ""),
    el("td", {class: "num"}, r.fatalities ?? ""), el("td", {}, r.realis)));
  result.replaceChildren(el("h3", {}, `${coded.events.length} event(s)`),
    el("table", {class: "data", id: "coded-events"}, el("thead", {}, el("tr", {},
      ["event", "trigger", "source", "target", "date", "where", "killed", "realis"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows)), report);
  if (coded.events.length) select(0);
  else report.replaceChildren(highlighted(coded.text, [], null));
}

// -- routing ------------------------------------------------------------------------------------

async function render() {
  const {path, params} = route();
  const [name, ...rest] = path.split("/");
  fillFilterForm(params);
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    link.classList.toggle("active", link.dataset.view === (name === "event" ? "events" : name));
    link.href = "#/" + link.dataset.view + (["code"].includes(link.dataset.view) ? "" : "?" + filterParams(params));
  }
  showMessage("");
  view.setAttribute("aria-busy", "true");
  try {
    if (name === "event") await eventView(decodeURIComponent(rest.join("/")), params);
    else if (name === "timeline") await timelineView(params);
    else if (name === "map") await mapView(params);
    else if (name === "network") await networkView(params);
    else if (name === "code") codeView();
    else await eventsView(params);
  } catch (error) {
    showMessage(error.message);
    view.replaceChildren();
  } finally {
    view.setAttribute("aria-busy", "false");
  }
}

window.addEventListener("hashchange", render);
loadTypes().then(render);
