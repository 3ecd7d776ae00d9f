#include "planner/lang/catalogue.h"

namespace tuowei::planner::lang {

namespace {
const Entry kZh[] = {
    // planner/access.cpp: catchments that would not fit in memory
    {"catchments of {:.6g} m around {} {} would hold about {:.2g} cell pairs (~{:.1f} GB of memory): the radius "
     "reaches most of the study area's {} populated cells",
     "以 {:.6g} 米为半径、围绕 {} 个{}的服务范围约含 {:.2g} 个格网配对（约需 {:.1f} GB 内存）：该半径几乎覆盖研究区全部 {} "
     "个有人口的格网"},
    {"catchments of childcare are walking distances (300 to 1,000 m; GB 50180-2018): give the radius in metres "
     "(--radius, [access] radius_m); raise [access] max_pairs ({:.3g}) only if the machine has the memory",
     "托育服务范围是步行距离（300 至 1000 米；GB 50180-2018）：请以米为单位给出半径（--radius、[access] radius_m）；"
     "仅当计算机内存足够时才调高 [access] max_pairs（{:.3g}）"},
    // planner/access.cpp
    {"origin id ([access] origin_field)", "起点编号（[access] origin_field）"},
    {"destination id ([access] destination_field)", "终点编号（[access] destination_field）"},
    {"cost ([access] cost_field)", "出行成本（[access] cost_field）"},
    {"{}, record {}", "{}，第 {} 条记录"},
    {"cost '{}' is not a number", "出行成本“{}”不是数值"},
    {"cost {} is negative", "出行成本 {} 为负数"},
    {"origin {} to destination {} appears again (record {}) with another cost",
     "起点 {} 到终点 {} 重复出现（第 {} 条记录），且成本不同"},
    {"keep one cost per pair", "每对起终点只保留一个成本"},
    {"{} more bad records not listed", "另有 {} 条错误记录未列出"},
    {"{} records name origins that are not demand units (first: '{}')",
     "{} 条记录的起点不是需求单元（第一个：“{}”）"},
    {"{} records name cells that hold no children under 3 (first: '{}'); they add nothing",
     "{} 条记录的起点格网内没有3岁以下婴幼儿（第一个：“{}”）；这些记录不起作用"},
    {"{} records name destinations that are not facility ids (first: '{}')",
     "{} 条记录的终点不是托育机构编号（第一个：“{}”）"},
    {"destinations must be values of the facilities' {} field", "终点须为托育机构 {} 字段的值"},
    {"the cost table has no rows", "出行成本表没有数据行"},
    {"give one row per origin and facility within reach", "请为每个起点及其可达的每家托育机构各写一行"},
    {"{} facilities have 0 places: they count for coverage but add no places",
     "{} 家托育机构托位数为 0：计入覆盖，但不增加托位"},
    {"the study holds no populated cells (loaded without them, or no under-3 raster cell holds children)",
     "研究区没有有人口的格网（加载时未读取格网，或3岁以下婴幼儿栅格中没有任何格网有婴幼儿）"},
    {"cell origins are written R<row>C<col>, rows and columns of the under-3 grid counted from 0",
     "格网起点写作 R<row>C<col>，即3岁以下婴幼儿格网的行号和列号，从 0 起算"},
    {"origins must be township ids", "起点须为乡镇(街道)编号"},
    {"facilities", "托育机构"},
    {"no facility: every child is beyond every catchment and accessibility is 0",
     "没有托育机构：所有婴幼儿都在服务范围之外，可达性为 0"},
    {"check [facilities] path, unless the area has no facility yet", "请检查 [facilities] path，除非该地区尚无托育机构"},
    {"cost table not found", "找不到出行成本表"},
    {"check [access] cost_table", "请检查 [access] cost_table"},
    {"facility record {}", "托育机构第 {} 条记录"},
    {"has no id; a cost table needs facility ids", "没有编号；使用出行成本表时托育机构须有编号"},
    {"fill the facilities' id field", "请填写托育机构的编号字段"},
    {"facility {}", "托育机构 {}"},
    {"id is not unique; a cost table needs unique facility ids", "编号重复；使用出行成本表时托育机构编号须唯一"},
    {"access", "可达性分析"},
    // planner/demand.cpp
    {"population raster not found", "找不到人口栅格"},
    {"check [population] (dir, prefix, year, pattern or the raster paths)",
     "请检查 [population]（dir、prefix、year、pattern 或栅格路径）"},
    {"population", "人口"},
    {"raster has no CRS", "栅格没有坐标参考系（CRS）"},
    {"assign one, e.g. gdal_edit.py -a_srs EPSG:4326 FILE", "请为其指定 CRS，例如 gdal_edit.py -a_srs EPSG:4326 FILE"},
    {"raster declares nodata {} but its cells are {}, which cannot hold that value; its fill cells hold something "
     "else and are counted as impossible values",
     "栅格声明的 nodata 为 {}，但其像元类型为 {}，存不下该值；其填充像元存的是别的值，会被计为不可能的值"},
    {"set the nodata the file really uses, e.g. gdal_edit.py -a_nodata -32768 FILE",
     "请设置文件实际使用的 nodata 值，例如 gdal_edit.py -a_nodata -32768 FILE"},
    {"raster declares no nodata value; every cell is taken as a count of people",
     "栅格未声明 nodata 值；每个像元都被当作人口数"},
    {"set one with gdal_edit.py -a_nodata -99999 FILE if the file has a fill value",
     "如文件有填充值，请用 gdal_edit.py -a_nodata -99999 FILE 设置"},
    {"raster does not overlap the townships at all", "栅格与乡镇(街道)完全不重叠"},
    {"check that the raster and the townships are for the same place and that their CRSs are right",
     "请检查栅格与乡镇(街道)是否为同一地区，以及两者的 CRS 是否正确"},
    {"the under-3 grid holds more than {:.0f} populated cells in the study area (reached at row {} of {}); "
     "cell-level access would need about {:.1f} GB of memory for all of them",
     "研究区内3岁以下婴幼儿格网中有人口的格网超过 {:.0f} 个（读到第 {} 行时达到，共 {} 行）；"
     "按格网计算可达性约需 {:.1f} GB 内存"},
    {"use a coarser grid (gdalwarp -tr), [access] demand = \"townships\", a smaller study area, or raise "
     "[population] max_cells if the machine has the memory",
     "请使用更粗的格网（gdalwarp -tr）、设置 [access] demand = \"townships\"、缩小研究区，"
     "或在内存充足时调高 [population] max_cells"},
    {"township {} {}", "乡镇（街道）{} {}"},  // as in zh_inputs.cpp
    {"cannot be transformed into the raster's CRS ({})", "无法转换到栅格的 CRS（{}）"},
    {"cannot be read to the end: {}", "无法完整读取：{}"},
    {"the file may be truncated or damaged; copy or download it again", "文件可能不完整或已损坏；请重新复制或下载"},
    {"{} cells hold a value that cannot be a count of people (negative, infinite or more than {:.0e}); a run reads "
     "them as cells without data",
     "{} 个像元的值不可能是人口数（负数、无穷大或大于 {:.0e}）；计算时按无数据像元处理"},
    {"check the file's nodata value (gdal_edit.py -a_nodata VALUE FILE)",
     "请检查文件的 nodata 值（gdal_edit.py -a_nodata VALUE FILE）"},
    {"[population] names no under-3 rasters", "[population] 未指定3岁以下婴幼儿栅格"},
    {"the under-3 rasters are not on one grid; cell-level access needs them on one grid (resample with gdalwarp, or "
     "set [access] demand = \"townships\")",
     "3岁以下婴幼儿栅格不在同一格网上；按格网计算可达性要求它们位于同一格网"
     "（请用 gdalwarp 重采样，或设置 [access] demand = \"townships\"）"},
    {"{} cells hold a value that cannot be a count of people (negative, infinite, NaN other than nodata, or more than "
     "{:.0e}); they are read as cells without data",
     "{} 个像元的值不可能是人口数（负数、无穷大、nodata 以外的 NaN，或大于 {:.0e}）；已按无数据像元读取"},
    {"check the file: a fill value other than its declared nodata (set it with gdal_edit.py -a_nodata VALUE FILE), "
     "or values of another quantity",
     "请检查文件：可能有不同于所声明 nodata 的填充值（用 gdal_edit.py -a_nodata VALUE FILE 设置），"
     "或存的是其他量的数值"},
    {"population rasters have data for only {:.1f}% of its area; the uncovered part counts as nobody",
     "人口栅格仅覆盖其面积的 {:.1f}%；未覆盖部分按无人计"},
    {"use rasters that cover the whole study area", "请使用覆盖整个研究区的栅格"},
    {"has {:.0f} under-3s but lies outside the under-3 grid; they count in its indicators but in no catchment",
     "有3岁以下婴幼儿 {:.0f} 名，但位于3岁以下婴幼儿格网之外；这些婴幼儿计入其指标，但不计入任何服务范围"},
    {"use a grid that covers the whole study area", "请使用覆盖整个研究区的格网"},
    {"has {:.0f} under-3s in the official figures but none in the grid; they are spread evenly over its area ({} "
     "cells)",
     "统计数据中有3岁以下婴幼儿 {:.0f} 名，但格网中没有；已将其均匀分布到辖区内（{} 个格网）"},
    {"check the township's code in the table, or use a grid that shows where its people live",
     "请检查表中该乡镇(街道)的代码，或使用能反映其人口分布的格网"},
    // planner/projection.cpp
    {"; ", "；"},
    {"{}; and {} more", "{}；另有 {} 个"},
    {"describes {}, before the population grid's {}; the grid's distribution is used for {} as it is",
     "描述的是 {} 年，早于人口格网的 {} 年；{} 年直接沿用格网的人口分布"},
    {"residents {:.0f} official, {:.0f} grid", "常住人口：统计 {:.0f}，格网 {:.0f}"},
    {"under-3s {:.0f} official, {:.0f} grid", "3岁以下婴幼儿：统计 {:.0f}，格网 {:.0f}"},
    {", ", "，"},
    {"{} ({})", "{}（{}）"},
    {"{} townships' official figures differ from the grid's by more than {:.0f}% (grid carried to {}): {}",
     "{} 个乡镇(街道)的统计数据与格网数据相差超过 {:.0f}%（格网推算到 {} 年）：{}"},
    {"check the codes and the counts; the official figures are used, the grid only places them",
     "请检查代码和数量；计算采用统计数据，格网仅用于确定其空间分布"},
    {"cannot give figures for {}: the year of the population data is not known", "无法给出 {} 年的数据：人口数据的年份未知"},
    {"set [population] year to the year the rasters describe, or give an official table",
     "请将 [population] year 设为栅格数据所描述的年份，或提供统计表"},
    {"{} is before {}, the year of the population data ({})", "{} 年早于人口数据的年份 {} 年（{}）"},
    {"the official table", "统计表"},
    {"the grid, [population] year", "格网，[population] year"},
    {"choose {} or later", "请选择 {} 年或以后的年份"},
    {"{} is too far ahead to project", "{} 年太远，无法推算"},
    {"choose a year up to 2100", "请选择 2100 年或以前的年份"},
    {"{} (births from {})", "{}（出生数据始于 {} 年）"},
    {"the under-3s at the end of {} need births from {}; {} townships' births start later and their under-3s come "
     "from the grid: {}",
     "推算 {} 年末的3岁以下婴幼儿需要 {} 年起的出生数据；{} 个乡镇(街道)的出生数据起始较晚，"
     "其3岁以下婴幼儿取自格网：{}"},
    {"give births for three consecutive years up to the table's year", "请提供截至统计表年份的连续三年出生数据"},
    {"the grid describes {}; with no births to follow, its under-3s are used unchanged for {}",
     "格网描述的是 {} 年；由于没有出生数据可依据，{} 年直接沿用格网的3岁以下婴幼儿数"},
    {"give births in [population.official], or set [population] births_annual_change (e.g. -0.05)",
     "请在 [population.official] 中提供出生数据，或设置 [population] births_annual_change（例如 -0.05）"},
    // planner/incremental_access.cpp
    {"what-if editing needs cell-level access with straight-line distances", "情景编辑需要按格网、以直线距离计算的可达性"},
    {"set demand = \"cells\" and no cost_table", "请设置 demand = \"cells\"，且不使用 cost_table"},
    {"no facility {}", "托育机构 {} 不存在"},
    // planner/region.cpp
    {"no field '{}'; the fields are: {}", "没有字段“{}”；现有字段：{}"},
    {"set the [report] region_*_field keys to the table's columns", "请将 [report] 的各 region_*_field 设为表中的列名"},
    {"{}, record {} ({} {})", "{}，第 {} 条记录（{} {}）"},
    {"the unit's code is empty", "该单位的代码为空"},
    {"give every row its code, or delete rows such as totals", "请为每一行填写代码，或删除合计等行"},
    {"duplicate code: record {} has the same one", "代码重复：第 {} 条记录的代码相同"},
    {"{} is empty", "{} 为空"},
    {"{} '{}' is not a count >= 0", "{}“{}”不是大于等于 0 的数"},
    // planner/session.cpp
    {"what-if editing needs an analysis with access (catchments)", "情景编辑需要包含可达性（服务范围）的分析结果"},
};
}  // namespace

Range zh_analysis() { return {std::begin(kZh), std::end(kZh)}; }

}  // namespace tuowei::planner::lang
