"""Build the explorer's world map, src/tacitus/web/countries.json, from the npm package world-atlas.

    .venv/bin/python scripts/build_world.py [--version 2.0.2]

world-atlas (ISC licence) holds Natural Earth's 1:110m country borders (public domain) as
TopoJSON. This fetches it with `npm pack`, decodes its arcs, and writes one SVG path per country
in the explorer's equirectangular projection (x = longitude + 180, y = 90 - latitude, to 0.1
degree), with the country's ISO 3166 alpha-3 code (the code event records use), so the page draws
the map with no library and no network. The built file is committed; run this only to rebuild it.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pycountry

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "tacitus" / "web" / "countries.json"


def fetch(version: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        name = subprocess.run(["npm", "pack", f"world-atlas@{version}", "--silent"], cwd=folder, check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        with tarfile.open(Path(folder) / name) as archive:
            return json.load(archive.extractfile("package/countries-110m.json"))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Arcs as (lon, lat) points: TopoJSON stores them quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:  # ~index is arc `index` walked backwards
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc[1:] if points else arc  # each arc starts where the last one ended
    return points


def path(polygons: list[list[list[int]]], arcs) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            coordinates = []
            for lon, lat in ring_points(ring, arcs):
                point = f"{lon + 180:.1f} {90 - lat:.1f}"
                if not coordinates or coordinates[-1] != point:  # drop points that round together
                    coordinates.append(point)
            parts.append("M" + " ".join(coordinates) + "Z")
    return "".join(parts)


def alpha3(numeric: str | None) -> str | None:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_3 if country else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="2.0.2", help="world-atlas version on the npm registry")
    args = parser.parse_args()
    topology = fetch(args.version)
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        countries.append({"name": geometry["properties"]["name"], "iso3": alpha3(geometry.get("id")),
                          "d": path(polygons, arcs)})
    countries.sort(key=lambda c: c["name"])
    meta = {"source": f"world-atlas {args.version} (ISC), Natural Earth 1:110m (public domain)",
            "projection": "x = lon + 180, y = 90 - lat"}
    OUTPUT.write_text(json.dumps({"meta": meta, "countries": countries}, ensure_ascii=False, separators=(",", ":")))
    print(f"{len(countries)} countries written to {OUTPUT} ({OUTPUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
