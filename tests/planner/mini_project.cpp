#include "mini_project.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "gis/gdal_env.h"

namespace fs = std::filesystem;

namespace tuowei::test {
void write_raster(const fs::path& file, const std::array<double, 4>& values_per_township) {
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  const char* opts[] = {"TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", nullptr};
  GDALDataset* ds = drv->Create(file.c_str(), 20, 20, 1, GDT_Float32, const_cast<char**>(opts));
  double gt[6] = {108.0, 0.01, 0, 22.9, 0, -0.01};
  ds->SetGeoTransform(gt);
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  ds->SetSpatialRef(&srs);
  std::vector<float> data(400);
  for (int r = 0; r < 20; ++r) {
    for (int c = 0; c < 20; ++c) {
      int township = (r < 10 ? 0 : 2) + (c < 10 ? 0 : 1);  // A B / C D
      data[r * 20 + c] = float(values_per_township[township]);
    }
  }
  GDALRasterBand* b = ds->GetRasterBand(1);
  b->SetNoDataValue(-99999);
  if (b->RasterIO(GF_Write, 0, 0, 20, 20, data.data(), 20, 20, GDT_Float32, 0, 0, nullptr) != CE_None) {
    throw std::runtime_error("cannot write test raster");
  }
  GDALClose(ds);
}

namespace {

std::string square(double x0, double y0) {
  return "[[[" + std::to_string(x0) + "," + std::to_string(y0) + "],[" + std::to_string(x0 + 0.1) + "," +
         std::to_string(y0) + "],[" + std::to_string(x0 + 0.1) + "," + std::to_string(y0 + 0.1) + "],[" +
         std::to_string(x0) + "," + std::to_string(y0 + 0.1) + "],[" + std::to_string(x0) + "," +
         std::to_string(y0) + "]]]";
}

std::string township_feature(const std::string& code, const std::string& name, const std::string& county_code,
                             const std::string& county, double x0, double y0) {
  return R"({"type":"Feature","properties":{"code":")" + code + R"(","name":")" + name + R"(","county_code":")" +
         county_code + R"(","county":")" + county + R"("},"geometry":{"type":"Polygon","coordinates":)" +
         square(x0, y0) + "}}";
}

}  // namespace

std::string default_facilities_csv() {
  return "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n"
         "F1,新竹社区托育中心,托育机构,公办,45,30,是,108.05,22.85\n"
         "F2,新竹家庭托育点,家庭托育点,民办,15,20,否,108.02,22.88\n"
         "F3,南湖幼儿园托班,幼儿园托班,公办,90,60,是,108.15,22.85\n"
         "F4,长塘镇托育园,托育机构,民办,45,10,否,108.05,22.75\n"
         "F5,边界外托育点,托育机构,民办,20,5,否,108.5,22.5\n";
}

void MiniProject::write_file(const std::string& relative, const std::string& content) const {
  std::ofstream os(dir / relative, std::ios::binary);
  os << content;
}

MiniProject MiniProject::create(const std::string& name, const std::string& facilities_csv,
                                const std::string& facilities_section) {
  gis::ensure_gdal();
  MiniProject p;
  p.dir = fs::temp_directory_path() / ("tuowei-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p.dir);
  fs::create_directories(p.dir);
  p.toml = p.dir / "project.toml";
  p.write_file("townships.geojson",
               R"({"type":"FeatureCollection","features":[)" +
                   township_feature("450103001000", "新竹街道", "450101", "甲区", 108.0, 22.8) + "," +
                   township_feature("450103002000", "南湖街道", "450101", "甲区", 108.1, 22.8) + "," +
                   township_feature("450103103000", "长塘镇", "450102", "乙县", 108.0, 22.7) + "," +
                   township_feature("450103104000", "伶俐镇", "450102", "乙县", 108.1, 22.7) + "]}");
  write_raster(p.dir / "residents.tif", {100, 200, 100, 50});
  write_raster(p.dir / "under3.tif", {3, 3, 3, 3});
  p.write_file("facilities.csv", facilities_csv.empty() ? default_facilities_csv() : facilities_csv);
  p.write_file("project.toml", std::string(R"(
[project]
name = "测试区"

[targets]
places_per_1000 = 4.5

[townships]
path = "townships.geojson"
id_field = "code"
name_field = "name"
parent_id_field = "county_code"
parent_name_field = "county"

[population]
layout = "rasters"
residents = "residents.tif"
children_0_3 = "under3.tif"

[facilities]
)") + (facilities_section.rfind("path =", 0) == 0 ? "" : "path = \"facilities.csv\"\n") +
                   (facilities_section.empty() ? std::string("crs = \"EPSG:4326\"\n") : facilities_section));
  return p;
}

int run_command(const std::string& command, std::string& output) {
  output.clear();
  // English messages whatever the machine's locale; a test that wants
  // Chinese says --lang zh or LANG=zh_CN.UTF-8 in its command.
  const std::string english = "unset LANGUAGE LC_ALL LC_MESSAGES; export LANG=C.UTF-8; ";
  FILE* pipe = ::popen((english + "{ " + command + "; } 2>&1").c_str(), "r");
  if (!pipe) return -1;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) output.append(buf.data(), n);
  int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TestRun run_project(const fs::path& toml, bool access, const std::function<void(planner::Project&)>& edit) {
  planner::Project project = planner::read_project_or_throw(toml);
  if (edit) edit(project);
  TestRun run;
  planner::LoadOptions load;
  load.cells = access && project.access.demand == planner::DemandUnit::cells;
  run.study = std::make_unique<planner::Study>(planner::load_study(project, load));
  run.result.emplace(planner::analyse(planner::FacilitySet(*run.study), project.targets,
                                      access ? std::optional<planner::AccessConfig>(project.access) : std::nullopt));
  return run;
}

}  // namespace tuowei::test
