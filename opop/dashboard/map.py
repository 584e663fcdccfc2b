"""The SVG choropleth of East Java, drawn on the server from the 38-feature GeoJSON (no tiles, no internet)."""

import json
import math
from functools import lru_cache

from opop.wilayah.loader import GEOJSON_PATH

WIDTH = 800
CLASSES = 5  # colour classes of the legend


@lru_cache(maxsize=1)
def region_paths():
    """{kode: (svg path, label x, label y)} in a WIDTH-wide viewBox; computed once per process."""
    features = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))["features"]
    rings = {}
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings[feature["properties"]["code"]] = (
            [ring for polygon in polygons for ring in polygon],
            (feature["properties"]["centroid_lng"], feature["properties"]["centroid_lat"]),
        )
    lngs = [p[0] for rs, _c in rings.values() for ring in rs for p in ring]
    lats = [p[1] for rs, _c in rings.values() for ring in rs for p in ring]
    min_lng, max_lng, min_lat, max_lat = min(lngs), max(lngs), min(lats), max(lats)
    x_scale = math.cos(math.radians((min_lat + max_lat) / 2))  # equirectangular, true to shape at this latitude
    scale = WIDTH / ((max_lng - min_lng) * x_scale)

    def project(lng, lat):
        return (lng - min_lng) * x_scale * scale, (max_lat - lat) * scale

    paths = {}
    for code, (region_rings, (c_lng, c_lat)) in rings.items():
        parts = []
        for ring in region_rings:
            points = []
            for lng, lat in ring:  # at map scale many vertices coincide; keep each drawn point once
                point = "{:.0f},{:.0f}".format(*project(lng, lat))
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 3:  # islets smaller than a pixel vanish
                parts.append("M" + "L".join(points) + "Z")
        cx, cy = project(c_lng, c_lat)
        paths[code] = ("".join(parts), round(cx, 1), round(cy, 1))
    height = (max_lat - min_lat) * scale
    return paths, round(height, 1)


def choropleth(values, names):
    """values: {kode: number}; returns the map context: regions with colour class and the legend bins."""
    paths, height = region_paths()
    numbers = [v for v in values.values() if v is not None]
    top = max(numbers) if numbers else 0
    bins = [round(top * (i + 1) / CLASSES) for i in range(CLASSES)]

    def klass(value):
        if not value:
            return 0
        return next(i + 1 for i, upper in enumerate(bins) if value <= upper)

    regions = [
        {
            "kode": code,
            "nama": names.get(code, code),
            "path": path,
            "x": x,
            "y": y,
            "value": values.get(code) or 0,
            "klass": klass(values.get(code)),
        }
        for code, (path, x, y) in sorted(paths.items())
    ]
    legend, lower = [{"klass": 0, "from": 0, "to": 0}], 1
    for i, upper in enumerate(bins if top else []):
        if upper >= lower:  # with small values several classes share an upper bound: list each range once
            legend.append({"klass": i + 1, "from": lower, "to": upper})
            lower = upper + 1
    return {"regions": regions, "legend": legend, "width": WIDTH, "height": height}
