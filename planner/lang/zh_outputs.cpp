#include "planner/lang/catalogue.h"

namespace tuowei::planner::lang {

namespace {
const Entry kZh[] = {
    // planner/outputs.cpp
    {"{}: cannot write {} ({})", "{}：无法写入 {}（{}）"},  // also report/xlsx.cpp
    {"{}: cannot create layer {} ({})", "{}：无法创建图层 {}（{}）"},
    {"a township", "乡镇(街道)要素"},
    {"a county", "区县要素"},
    {"a facility", "托育机构要素"},
    {"a desert area", "服务盲区要素"},
    {"a catchment", "服务范围要素"},
    {"GDAL was built without the GeoPackage driver", "GDAL 编译时未包含 GeoPackage 驱动"},
    {"{}: cannot create ({})", "{}：无法创建（{}）"},
    {"{}: cannot commit ({})", "{}：无法提交写入（{}）"},
    {"{}: cannot create (check the folder is writable)", "{}：无法创建（请检查文件夹是否可写）"},
    {"{}: write failed (disk full?)", "{}：写入失败（磁盘是否已满？）"},
    {"{}: cannot create layer places_needed_by_year ({})", "{}：无法创建图层 places_needed_by_year（{}）"},
    {"a row of places_needed_by_year", "places_needed_by_year 的一行"},
    // planner/write_results.cpp
    {"{}: cannot create the output folder ({})", "{}：无法创建输出文件夹（{}）"},  // also report/report.cpp
    {"{}: cannot create layer proposals", "{}：无法创建图层 proposals"},
    {"{}: cannot write a proposal", "{}：无法写入选址建议"},
    {"{}: cannot create layer townships_after", "{}：无法创建图层 townships_after"},
    {"{}: cannot write townships_after", "{}：无法写入 townships_after"},
    // planner/postgis_output.cpp
    {"GDAL was built without the Memory driver", "GDAL 编译时未包含 Memory 驱动"},
    {"cannot make an in-memory dataset ({})", "无法创建内存数据集（{}）"},
    // planner/qgis_styles.cpp
    {"{}: cannot create the layer_styles table ({})", "{}：无法创建 layer_styles 表（{}）"},
    {"{}: cannot write the style of {} ({})", "{}：无法写入 {} 的样式（{}）"},
    // planner/report/canvas.cpp
    {"{}: cannot create the PDF ({})", "{}：无法创建 PDF（{}）"},
    {"cannot write the PDF ({})", "无法写入 PDF（{}）"},
    // planner/report/report.cpp
    {"report", "报告"},
    {"the report needs catchments and deserts: an analysis with access",
     "报告需要服务范围和服务盲区，即包含可达性的分析结果"},
    // planner/report/pdf.cpp
    {"{}: {}", "{}：{}"},
    // planner/report/xlsx.cpp
    {"{}: cannot start the workbook (out of memory)", "{}：无法创建工作簿（内存不足）"},
    {"sheet {}", "工作表 {}"},
    {"a chart", "图表"},
    {"a cell format", "单元格格式"},
    {"{}: cannot write the workbook ({}); check that the folder exists and is writable",
     "{}：无法写入工作簿（{}）；请检查文件夹是否存在且可写"},
    {"a chart's legend", "图表图例"},
};
}  // namespace

Range zh_outputs() { return {std::begin(kZh), std::end(kZh)}; }

}  // namespace tuowei::planner::lang
