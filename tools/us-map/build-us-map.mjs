// Builds src/WeatherCampaign.Core/Dashboard/Assets/us-map.json, the status page's map, from the us-atlas package
// (ISC; TopoJSON of the US Census Bureau's public-domain cartographic boundary files, already projected to Albers USA
// at 975x610). Run once by hand when the shapes should change; the output is committed, so nothing runs at build time:
//   npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz && node tools/us-map/build-us-map.mjs package/counties-albers-10m.json
// Each shared border (TopoJSON arc) is simplified once, so neighbours still meet; paths use one decimal, relative moves.
import { readFileSync, writeFileSync } from "node:fs";

const [, , input, output = "src/WeatherCampaign.Core/Dashboard/Assets/us-map.json"] = process.argv;
const topology = JSON.parse(readFileSync(input, "utf8"));
const tolerance = 0.6; // px of the 975x610 frame: below what the page shows at its usual size

const postal = {
  "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE", "11": "DC", "12": "FL",
  "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME",
  "24": "MD", "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH",
  "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
  "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV", "55": "WI",
  "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
};

const [sx, sy] = topology.transform.scale;
const [tx, ty] = topology.transform.translate;
const arcs = topology.arcs.map((arc) => {
  let x = 0, y = 0;
  return simplify(arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; }));
});

function simplify(points) {
  if (points.length < 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let worst = -1, distance = tolerance;
    for (let i = a + 1; i < b; i++) {
      const d = offLine(points[i], points[a], points[b]);
      if (d > distance) { distance = d; worst = i; }
    }
    if (worst > 0) { keep[worst] = 1; stack.push([a, worst], [worst, b]); }
  }
  return points.filter((_, i) => keep[i]);
}

function offLine([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax, dy = by - ay, length = Math.hypot(dx, dy);
  return length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
}

function ring(ids) {
  const points = [];
  for (const id of ids) {
    const arc = id < 0 ? [...arcs[~id]].reverse() : arcs[id];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

const round = (v) => Math.round(v * 10) / 10;
const text = (v) => String(round(v));

function path(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
  let d = "";
  for (const polygon of polygons) {
    for (const ids of polygon) {
      const points = ring(ids).map(([x, y]) => [round(x), round(y)]);
      if (points.length < 3) continue;
      let [x0, y0] = points[0];
      d += "M" + text(x0) + " " + text(y0);
      for (const [x, y] of points.slice(1, -1)) {
        const dx = round(x - x0), dy = round(y - y0);
        if (dx !== 0 || dy !== 0) {
          d += "l" + text(dx) + (dy < 0 ? "" : " ") + text(dy);
          x0 = round(x0 + dx); y0 = round(y0 + dy);
        }
      }
      d += "z";
    }
  }
  return d;
}

// Where a state's marker goes: the area-weighted centroid of its largest polygon.
function labelPoint(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
  let best = null;
  for (const polygon of polygons) {
    const points = ring(polygon[0]);
    let area = 0, cx = 0, cy = 0;
    for (let i = 0; i < points.length - 1; i++) {
      const [x1, y1] = points[i], [x2, y2] = points[i + 1], cross = x1 * y2 - x2 * y1;
      area += cross; cx += (x1 + x2) * cross; cy += (y1 + y2) * cross;
    }
    if (!best || Math.abs(area) > best.area) best = { area: Math.abs(area), x: cx / (3 * area), y: cy / (3 * area) };
  }
  return [Math.round(best.x), Math.round(best.y)];
}

const states = {};
for (const g of topology.objects.states.geometries) {
  const code = postal[g.id];
  if (code) states[code] = { name: g.properties.name, fips: g.id, d: path(g), at: labelPoint(g) };
}
const counties = {};
for (const g of topology.objects.counties.geometries) {
  counties[g.id] = { name: g.properties.name, d: path(g) };
}
const map = {
  source: "us-atlas 3.0.1 counties-albers-10m (ISC), from the US Census Bureau's cartographic boundary files (public domain)",
  width: 975,
  height: 610,
  states,
  counties,
};
writeFileSync(output, JSON.stringify(map));
console.log(`${output}: ${Object.keys(states).length} states, ${Object.keys(counties).length} counties, ${readFileSync(output).length} bytes`);
