// Small RAII helpers over the GEOS C API (re-entrant flavour).
#pragma once

#include <geos_c.h>

#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace tuowei::demo {

// Owns a GEOS context; GEOS errors become exceptions at the call site
// through check().
class GeosContext {
 public:
  GeosContext() : ctx_(GEOS_init_r()) {
    GEOSContext_setErrorMessageHandler_r(ctx_, &GeosContext::on_error, this);
  }
  ~GeosContext() { GEOS_finish_r(ctx_); }
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t get() const { return ctx_; }
  operator GEOSContextHandle_t() const { return ctx_; }  // NOLINT(google-explicit-constructor)

  // Throws if a GEOS call returned a null result.
  template <typename T>
  T* check(T* result, const char* what) const {
    if (result == nullptr) throw std::runtime_error(std::string("GEOS ") + what + " failed: " + last_error_);
    return result;
  }

 private:
  static void on_error(const char* message, void* self) {
    static_cast<GeosContext*>(self)->last_error_ = message ? message : "";
  }

  GEOSContextHandle_t ctx_;
  std::string last_error_;
};

struct GeosGeomDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using GeosGeom = std::unique_ptr<GEOSGeometry, GeosGeomDeleter>;

inline GeosGeom own(const GeosContext& ctx, GEOSGeometry* g, const char* what) {
  return GeosGeom(ctx.check(g, what), GeosGeomDeleter{ctx.get()});
}

struct GeosPreparedDeleter {
  GEOSContextHandle_t ctx = nullptr;
  void operator()(const GEOSPreparedGeometry* g) const {
    if (g) GEOSPreparedGeom_destroy_r(ctx, g);
  }
};
using GeosPrepared = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

inline GeosPrepared prepare(const GeosContext& ctx, const GEOSGeometry* g) {
  const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx, g);
  if (!p) throw std::runtime_error("GEOS prepare failed");
  return GeosPrepared(p, GeosPreparedDeleter{ctx.get()});
}

inline GeosGeom make_point(const GeosContext& ctx, double x, double y) {
  return own(ctx, GEOSGeom_createPointFromXY_r(ctx, x, y), "createPoint");
}

inline GeosGeom from_wkb(const GeosContext& ctx, std::span<const unsigned char> wkb) {
  return own(ctx, GEOSGeomFromWKB_buf_r(ctx, wkb.data(), wkb.size()), "WKB read");
}

inline std::vector<unsigned char> to_wkb(const GeosContext& ctx, const GEOSGeometry* g) {
  std::size_t size = 0;
  unsigned char* buf = GEOSGeomToWKB_buf_r(ctx, g, &size);
  if (!buf) throw std::runtime_error("GEOS WKB write failed");
  std::vector<unsigned char> out(buf, buf + size);
  GEOSFree_r(ctx, buf);
  return out;
}

inline double area_of(const GeosContext& ctx, const GEOSGeometry* g) {
  double a = 0.0;
  if (!GEOSArea_r(ctx, g, &a)) throw std::runtime_error("GEOS area failed");
  return a;
}

// The polygonal parts of a geometry (a clipping result may be a collection
// with stray lines or points where a cell only touches the boundary), as a
// Polygon when there is one part and a MultiPolygon otherwise; null if empty.
inline GeosGeom polygonal_part(const GeosContext& ctx, const GEOSGeometry* g) {
  std::vector<GEOSGeometry*> parts;
  auto collect = [&](auto&& self, const GEOSGeometry* x) -> void {
    const int type = GEOSGeomTypeId_r(ctx, x);
    if (type == GEOS_POLYGON) {
      if (!GEOSisEmpty_r(ctx, x)) parts.push_back(ctx.check(GEOSGeom_clone_r(ctx, x), "clone"));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
      const int n = GEOSGetNumGeometries_r(ctx, x);
      for (int i = 0; i < n; ++i) self(self, GEOSGetGeometryN_r(ctx, x, i));
    }
  };
  collect(collect, g);
  if (parts.empty()) return GeosGeom(nullptr, GeosGeomDeleter{ctx.get()});
  if (parts.size() == 1) return GeosGeom(parts[0], GeosGeomDeleter{ctx.get()});
  return own(ctx,
             GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, parts.data(),
                                         static_cast<unsigned>(parts.size())),
             "createCollection");
}

}  // namespace tuowei::demo
