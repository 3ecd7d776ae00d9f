// Chinese for gis/'s messages: the English exactly as written in say(),
// then the Chinese with the same placeholders in the same order.
#include "gis/text.h"

namespace tuowei::gis {

namespace {
const Catalogue::Entry kZh[] = {
    // Generic joins of a name and a message.
    {"{}: {}", "{}：{}"},
    {"{}: {} ({})", "{}：{}（{}）"},

    // atomic_file.cpp
    {"{}: is one of the project's inputs and would be replaced by an output; give --out another folder",
     "{}：是本项目的输入文件，会被输出覆盖；请用 --out 指定另一个文件夹"},
    {"{}: cannot move the finished output into place ({}); check that the folder is writable",
     "{}：无法将生成的输出文件移到目标位置（{}）；请检查该文件夹是否可写"},
    {"{}: cannot keep the previous file aside ({})", "{}：无法为原有文件保留备份（{}）"},
    {"{}: cannot move the finished output into place ({})", "{}：无法将生成的输出文件移到目标位置（{}）"},
    {"{}; the folder keeps the previous results; check that it is writable and has space",
     "{}；文件夹中仍是原有结果；请检查该文件夹是否可写、磁盘空间是否充足"},

    // cell_points.cpp
    {"CellPoints: rows {}-{} added out of order (next is {})", "CellPoints：第 {}-{} 行的添加顺序有误（下一行应为第 {} 行）"},
    {"the centre of cell (row {}, column {}) cannot be transformed into the metric CRS",
     "第 {} 行、第 {} 列栅格单元的中心点无法转换到米制投影坐标系"},
    {"CellPoints: cell (row {}, column {}) is outside the grid", "CellPoints：单元格（第 {} 行，第 {} 列）超出网格范围"},

    // crs.cpp
    {"EPSG:{} is not a CRS PROJ knows", "PROJ 不认识坐标系 EPSG:{}"},
    {"'{}' is not a CRS tuowei understands; use an EPSG code (EPSG:4326, EPSG:4490, EPSG:4545), GCJ-02, BD-09, WKT "
     "or a PROJ string",
     "tuowei 无法识别坐标系“{}”；请使用 EPSG 代码（EPSG:4326、EPSG:4490、EPSG:4545）、GCJ-02、BD-09、WKT 或 PROJ "
     "字符串"},
    {"cannot transform coordinates without a CRS on both sides", "转换前后两端都须有坐标系，才能转换坐标"},
    {"PROJ has no transformation from {} to {} ({})", "PROJ 没有从 {} 到 {} 的坐标转换（{}）"},

    // distance_decay.cpp
    {"the catchment threshold must be > 0, not {}", "服务范围阈值必须大于 0，当前为 {}"},
    {"stepwise weights must be [upper bound, weight] pairs with increasing bounds > 0 and weights >= 0",
     "分段权重须为 [上限, 权重] 数对：上限大于 0 且逐段递增，权重不小于 0"},
    {"the gaussian bandwidth must be >= 0 (0: tied to the catchment), not {}",
     "高斯带宽必须不小于 0（0 表示随服务范围确定），当前为 {}"},
    {"power decay needs beta > 0 and min_cost > 0", "幂函数衰减要求 beta > 0 且 min_cost > 0"},

    // floating_catchment.cpp
    {"FloatingCatchment: step 2 before finish_step1()", "FloatingCatchment：在 finish_step1() 之前执行了第 2 步"},

    // grid.cpp
    {"rotated or sheared rasters are not supported (geotransform terms 2 and 4 must be 0); warp the raster to a "
     "north-up grid first, e.g. with gdalwarp",
     "不支持旋转或错切的栅格（geotransform 第 2、4 项必须为 0）；请先将栅格重采样为正北朝上的网格，例如用 gdalwarp"},
    {"the raster is not north-up (pixel width must be > 0 and pixel height < 0); warp it to a north-up grid first, "
     "e.g. with gdalwarp",
     "栅格不是正北朝上（像元宽度须大于 0、像元高度须小于 0）；请先将其重采样为正北朝上的网格，例如用 gdalwarp"},

    // location_allocation.cpp
    {"capacitated coverage needs one capacity per candidate", "有容量约束的覆盖模型要求每个候选点位都有容量"},
    {"p-median needs each unit's current cost", "p-中位模型需要每个需求单元的现状成本"},

    // osm_file.cpp
    {"{}: writing OpenStreetMap data failed: {}", "{}：写入 OpenStreetMap 数据失败：{}"},

    // polygonize.cpp
    {"GDAL was built without its in-memory raster driver", "所用 GDAL 构建时未包含内存栅格驱动"},
    {"writing a mask to polygonize failed ({})", "写入待矢量化的掩膜失败（{}）"},
    {"polygonizing failed ({})", "栅格矢量化失败（{}）"},

    // postgis.cpp
    {"{}: '%' must be followed by two hex digits (write a '%' as %25)",
     "{}：“%”后面必须跟两位十六进制数字（“%”本身请写作 %25）"},
    {"{}: an IPv6 host needs its closing ']'", "{}：IPv6 主机地址缺少右方括号“]”"},
    {"{}: URL parameter '{}' has no value (write key=value)", "{}：URL 参数“{}”没有值（请写作 key=value）"},
    {"{}: table '{}' may not hold spaces or quotes", "{}：表名“{}”不能包含空格或引号"},
    {"the server refused the login: check the user name and the password (in PGPASSFILE or ~/.pgpass, a service in "
     "pg_service.conf, or PGPASSWORD; docs/postgis.md)",
     "服务器拒绝登录：请检查用户名和密码（位于 PGPASSFILE 或 ~/.pgpass、pg_service.conf 中的服务，或 PGPASSWORD；"
     "见 docs/postgis.md）"},
    {"the server does not let this user in from here: ask its administrator for a pg_hba.conf entry",
     "服务器不允许该用户从本机登录：请联系数据库管理员添加 pg_hba.conf 条目"},
    {"no such database on that server: check dbname (the URL's path)",
     "该服务器上没有这个数据库：请检查 dbname（URL 中的路径部分）"},
    {"no such user on that server: check the user name", "该服务器上没有这个用户：请检查用户名"},
    {"no such service: check PGSERVICEFILE or ~/.pg_service.conf", "没有这个服务：请检查 PGSERVICEFILE 或 ~/.pg_service.conf"},
    {"cannot reach the server: check the host and port, that the server is running and accepts connections from "
     "this machine (listen_addresses, firewall)",
     "无法连接到服务器：请检查主机和端口，并确认服务器正在运行且接受来自本机的连接（listen_addresses、防火墙）"},
    {"no message", "无错误信息"},
    {"{}: cannot connect to PostgreSQL ({}); {}", "{}：无法连接 PostgreSQL（{}）；{}"},
    {"{}: '{}' is not key=value", "{}：“{}”不是 key=value 形式"},
    {"{} '{}' is not a plain SQL name: use lower-case letters, digits and _ (e.g. tuowei), at most 63 characters, "
     "not starting with a digit",
     "{}“{}”不是简单的 SQL 名称：只能用小写字母、数字和 _（例如 tuowei），最多 63 个字符，且不能以数字开头"},
    {"field {} is a list ({}), which tuowei does not store in PostGIS", "字段 {} 是列表类型（{}），tuowei 不会将其存入 PostGIS"},
    {"cannot encode a {} as WKB", "无法将 {} 编码为 WKB"},
    {"layer {} has a CRS without an EPSG code, which PostGIS needs as its SRID",
     "图层 {} 的坐标系没有 EPSG 代码，而 PostGIS 需要用它作为 SRID"},
    {"{}: cannot connect to PostgreSQL (out of memory)", "{}：无法连接 PostgreSQL（内存不足）"},
    {"cannot set the client encoding to UTF8", "无法将客户端编码设为 UTF8"},
    {"{}: the database has no PostGIS extension; its owner runs CREATE EXTENSION postgis; once (docs/postgis.md)",
     "{}：该数据库没有 PostGIS 扩展；请数据库所有者执行一次 CREATE EXTENSION postgis;（见 docs/postgis.md）"},
    {"failed: {}", "执行失败：{}"},
    {"cannot write to {}", "无法写入 {}"},
    {"{}: cannot write the rows of {} ({})", "{}：无法写入 {} 的数据行（{}）"},
    {"cannot commit: the transaction was rolled back", "无法提交：事务已回滚"},

    // raster.cpp, raster_writer.cpp
    {"{}: cannot open as a raster ({}); check the path and that it is a GeoTIFF or another GDAL raster format",
     "{}：无法作为栅格打开（{}）；请检查路径，并确认是 GeoTIFF 或 GDAL 支持的其他栅格格式"},
    {"{}: has {} band(s), band {} was asked for", "{}：只有 {} 个波段，却要求读取第 {} 波段"},
    {"{}: has no georeferencing (geotransform); it cannot be placed on the map",
     "{}：没有地理参考信息（geotransform），无法放到地图上"},
    {"{}: read error at rows {}-{} ({}); the file may be truncated or corrupt",
     "{}：读取第 {}-{} 行时出错（{}）；文件可能不完整或已损坏"},
    {"{}: cannot create ({})", "{}：无法创建（{}）"},
    {"{}: write error ({}); is the disk full?", "{}：写入出错（{}）；磁盘是否已满？"},

    // street_network.cpp
    {"street lines and their point ids differ in number", "街道线与其节点编号的数量不一致"},
    {"a street line and its point ids differ in length", "某条街道线与其节点编号的个数不一致"},
    {"{}: no such OpenStreetMap file", "{}：OpenStreetMap 文件不存在"},
    {"{}: the box to read streets in is empty", "{}：读取街道的范围框为空"},
    {"{}: not a readable OpenStreetMap file (.osm.pbf or .osm): {}",
     "{}：不是可读取的 OpenStreetMap 文件（.osm.pbf 或 .osm）：{}"},
    {"{}: holds no OpenStreetMap nodes or ways (an empty extract?)",
     "{}：不含任何 OpenStreetMap 节点或道路（是否为空的数据提取？）"},
    {"{}: no walkable street inside the study area's box ({} ways read, {} walkable, {:.0f}% of the box covered by "
     "the extract); use an extract that covers the study area",
     "{}：研究区范围框内没有可步行的街道（读取道路 {} 条，其中可步行 {} 条，数据覆盖范围框的 {:.0f}%）；"
     "请使用覆盖研究区的数据提取"},
    {"a snapped point names an edge the network does not have", "某个吸附点指向路网中不存在的路段"},

    // vector.cpp
    {"(none)", "（无）"},
    {"{}: name the table: layer = \"schema.table\" in the project file (or table=schema.table in the URL); the "
     "tables are: {}",
     "{}：请指定表：在项目文件中写 layer = \"schema.table\"（或在 URL 中写 table=schema.table）；现有的表：{}"},
    {"{}: no table '{}' that this user may read; give it as schema.table (the tables are: {})",
     "{}：没有该用户可读取的表“{}”；请写作 schema.table（现有的表：{}）"},
    {"{}: the database has no PostGIS extension, so table {} holds no geometry; its owner runs CREATE EXTENSION "
     "postgis; and loads the boundaries as geometry (docs/postgis.md)",
     "{}：该数据库没有 PostGIS 扩展，因此表 {} 不含几何；请数据库所有者执行 CREATE EXTENSION postgis; "
     "并将边界作为几何导入（见 docs/postgis.md）"},
    {"{}: table {} has no geometry column (its columns are: {}); load the boundaries with ogr2ogr "
     "(docs/postgis.md) or point layer at a table with one",
     "{}：表 {} 没有几何列（现有列：{}）；请用 ogr2ogr 导入边界（见 docs/postgis.md），或将 layer 指向有几何列的表"},
    {"the database has no PostGIS extension, so its geometries carry no SRID: its owner runs CREATE EXTENSION "
     "postgis; and the table is loaded again (docs/postgis.md)",
     "该数据库没有 PostGIS 扩展，因此其几何不带 SRID：请数据库所有者执行 CREATE EXTENSION postgis; "
     "并重新导入该表（见 docs/postgis.md）"},
    {"give the column its SRID in the database: SELECT UpdateGeometrySRID('{}', '{}', '{}', 4326);",
     "在数据库中为该列设置 SRID：SELECT UpdateGeometrySRID('{}', '{}', '{}', 4326);"},
    {"{}: columns {} and {} are both named '{}'; rename one so that every column has its own name",
     "{}：第 {} 列和第 {} 列都叫“{}”；请重命名其中一列，使每列名称各不相同"},
    {"{}: no field '{}' for the {}; the fields are: {}", "{}：找不到字段“{}”（用作{}）；现有字段：{}"},
    {"{} (layer {}): no field '{}' for the {}; the fields are: {}",
     "{}（图层 {}）：找不到字段“{}”（用作{}）；现有字段：{}"},
    {"{}: file not found; check the path (relative paths are taken from the project file's folder)",
     "{}：文件不存在；请检查路径（相对路径以项目文件所在文件夹为起点）"},
    {"{}: is empty (0 bytes); expected a table with a header row", "{}：文件为空（0 字节）；应为带表头行的表格"},
    {"{}: is UTF-16 text; save it as UTF-8 or GBK (Excel: Save As > \"CSV UTF-8\")",
     "{}：是 UTF-16 文本；请另存为 UTF-8 或 GBK 编码（Excel：另存为 > \"CSV UTF-8\"）"},
    {"{}: cannot open as a vector source; expected a GeoPackage, Shapefile, GeoJSON, CSV, XLSX or PostGIS "
     "connection",
     "{}：无法作为矢量数据打开；应为 GeoPackage、Shapefile、GeoJSON、CSV、XLSX 文件或 PostGIS 连接"},
    {"{}: cannot open as a vector source ({}); expected a GeoPackage, Shapefile, GeoJSON, CSV, XLSX or PostGIS "
     "connection",
     "{}：无法作为矢量数据打开（{}）；应为 GeoPackage、Shapefile、GeoJSON、CSV、XLSX 文件或 PostGIS 连接"},
    {"{}: unknown text encoding '{}'; use \"auto\" (UTF-8 or GBK, detected), \"UTF-8\", \"GBK\" (GB18030) or "
     "another name iconv knows, e.g. \"BIG5\"",
     "{}：未知的文本编码“{}”；请使用 \"auto\"（自动识别 UTF-8 或 GBK）、\"UTF-8\"、\"GBK\"（GB18030）"
     "或 iconv 支持的其他名称，如 \"BIG5\""},
    {"{}: holds no vector layer", "{}：不含矢量图层"},
    {"{}: no layer '{}'; the layers are: {}", "{}：没有图层“{}”；现有图层：{}"},
    {"{} (layer {}): has no geometry", "{}（图层 {}）：没有几何"},
    {"{}: cannot reopen ({})", "{}：无法重新打开（{}）"},
    {"give the GeoPackage a CRS (it declares srs_id {}, \"{}\"), e.g. ogr2ogr -a_srs EPSG:4326 fixed.gpkg {}",
     "为该 GeoPackage 指定坐标系（它声明的是 srs_id {}，\"{}\"），例如 ogr2ogr -a_srs EPSG:4326 fixed.gpkg {}"},
    {"{}: record {}, column '{}': byte {} of the value is not UTF-8, though the file's header is; the record holds "
     "text in another encoding (GBK?) or was cut mid-character",
     "{}：第 {} 条记录，列“{}”：值的第 {} 个字节不是 UTF-8，而文件表头是 UTF-8；该记录含有其他编码（GBK？）的文本，"
     "或在字符中间被截断"},

    // zonal.cpp
    {"{} and {} are not on the same grid (origin, cell size and size must match); resample one onto the other with "
     "gdalwarp",
     "{} 与 {} 不在同一网格上（原点、像元大小和行列数都须一致）；请用 gdalwarp 将其中一个重采样到另一个的网格上"},
    // gis/vector.cpp: a .cpg naming the wrong code page
    {"{}: the .cpg file says the text is {}, but it is not: read as {} (detected); write {} into the .cpg to say so",
     "{}：其 .cpg 文件声明文字编码为 {}，但实际不是：已按检测到的 {} 读取；请在 .cpg 中写入 {} 加以说明"},
    {"{}: record {}, column '{}': byte {} of the value is not UTF-8, though the project file says encoding = "
     "\"UTF-8\"; say encoding = \"auto\" (UTF-8 or GBK, detected) or \"GBK\"",
     "{}：第 {} 条记录，'{}' 列：该值的第 {} 个字节不是 UTF-8，但项目文件写明 encoding = \"UTF-8\"；"
     "请改为 encoding = \"auto\"（自动识别 UTF-8 或 GBK）或 \"GBK\""},
    // gis/disk_space.cpp
    {"the disk holding {} is full ({:.1f} MB free); nothing in the folder was replaced: free some space or write the "
     "results elsewhere (--out)",
     "{} 所在的磁盘已满（剩余 {:.1f} MB）；文件夹中的文件均未被替换：请清理磁盘空间，或用 --out 写到其他位置"},
};
}  // namespace

const Catalogue& catalogue() {
  static const Catalogue book({{std::begin(kZh), std::end(kZh)}});
  return book;
}

}  // namespace tuowei::gis
