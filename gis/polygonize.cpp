#include "gis/polygonize.h"

#include <fmt/format.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "gis/error.h"
#include "gis/gdal_env.h"

namespace tuowei::gis {
namespace {

// A write-only layer that keeps the geometry of each feature given to it.
class Collector final : public OGRLayer {
 public:
  Collector() : defn_(new OGRFeatureDefn("regions")) {
    defn_->Reference();
    OGRFieldDefn dn("dn", OFTInteger);
    defn_->AddFieldDefn(&dn);
  }
  ~Collector() override { defn_->Release(); }

  OGRFeatureDefn* GetLayerDefn() override { return defn_; }
  void ResetReading() override {}
  OGRFeature* GetNextFeature() override { return nullptr; }
  int TestCapability(const char* cap) override { return EQUAL(cap, OLCSequentialWrite); }
  OGRErr ICreateFeature(OGRFeature* feature) override {
    if (OGRGeometry* g = feature->StealGeometry()) out->addGeometryDirectly(g);
    return OGRERR_NONE;
  }

  std::unique_ptr<OGRMultiPolygon> out = std::make_unique<OGRMultiPolygon>();

 private:
  OGRFeatureDefn* defn_;
};

}  // namespace

OGRGeometryUniquePtr polygonize(const std::vector<unsigned char>& mask, int cols, int rows, const Grid& grid,
                                int col0, int row0) {
  ensure_gdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  if (!mem) throw Error(say("GDAL was built without its in-memory raster driver"));
  GDALDatasetUniquePtr raster(mem->Create("", cols, rows, 1, GDT_Byte, nullptr));
  double gt[6] = {grid.x_of(col0), grid.cell_width, 0.0, grid.y_of(row0), 0.0, -grid.cell_height};
  raster->SetGeoTransform(gt);
  GDALRasterBand* band = raster->GetRasterBand(1);
  if (band->RasterIO(GF_Write, 0, 0, cols, rows, const_cast<unsigned char*>(mask.data()), cols, rows, GDT_Byte, 0, 0,
                     nullptr) != CE_None) {
    throw Error(say("writing a mask to polygonize failed ({})", last_gdal_error()));
  }
  Collector regions;
  // The band is its own mask: cells of 0 make no polygon.
  if (GDALPolygonize(band, band, &regions, 0, nullptr, nullptr, nullptr) != CE_None) {
    throw Error(say("polygonizing failed ({})", last_gdal_error()));
  }
  return OGRGeometryUniquePtr(regions.out.release());
}

}  // namespace tuowei::gis
