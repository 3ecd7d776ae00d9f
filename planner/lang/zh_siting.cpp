#include "planner/lang/catalogue.h"

namespace tuowei::planner::lang {

namespace {
const Entry kZh[] = {
    // planner/siting/candidates.cpp
    {"has no CRS", "未声明 CRS"},  // as in zh_inputs.cpp
    {"add candidates_crs = \"GCJ-02\" (or EPSG:...) under [proposals]",
     "请在 [proposals] 下添加 candidates_crs = \"GCJ-02\"（或 EPSG:...）"},
    {"{}, record {}", "{}，第 {} 条记录"},
    {"coordinates '{}', '{}' are not numbers", "坐标“{}”、“{}”不是数值"},
    {"has no usable geometry", "没有可用的几何图形"},
    {"has neither a geometry nor {}/{} fields", "既没有几何图形，也没有 {}/{} 字段"},
    {"position ({}, {}) is outside China after conversion from {}", "位置（{}, {}）从 {} 转换后位于中国境外"},
    {"{} '{}' must be a number of places > 0", "{}“{}”须为大于 0 的托位数"},
    {"{} '{}' is not a number; ignored", "{}“{}”不是数值；已忽略"},
    {"candidate id {} is also record {}'s", "候选点位编号 {} 与第 {} 条记录重复"},
    {"give every candidate its own id", "请为每个候选点位设置不同的编号"},
    // planner/siting/propose.cpp
    {"must be at least 1", "须至少为 1"},
    {"a budget applies to coverage, capacitated and pmedian, not to set cover",
     "预算只适用于 coverage、capacitated 和 pmedian 目标，不适用于最少设施覆盖（setcover）"},
    {"set objective = \"coverage\", or drop the budget", "请设置 objective = \"coverage\"，或去掉预算"},
    {"places per new site must be > 0, not {}", "每处新址的托位数须大于 0，不能为 {}"},
    {"site proposals need straight-line distances (candidates are not in a cost table)",
     "选址建议须使用直线距离（候选点位不在出行成本表中）"},
    {"remove cost_table or give --radius", "请删除 cost_table，或指定 --radius"},
    {"site proposals need the population grid's cells as demand", "选址建议须以人口格网为需求单元"},
    {"set [access] demand = \"cells\"", "请设置 [access] demand = \"cells\""},
    // The township's and the study's shortfall: their Chinese is also the
    // report's (ProposalRun::infeasible).
    {"{} ({}) needs {:.0f} new places; the candidates can give only {:.0f}: {}",
     "{}（{}）需新增{:.0f}个托位，候选点只能提供{:.0f}个：{}"},
    {"the township has no candidate site", "该乡镇没有候选点"},
    {"its candidates have too few places", "候选点托位不足"},
    {"all {} candidates together bring the coverage to only {:.1f}%, short of the target {:.1f}%",
     "全部{}个候选点也只能使服务覆盖率达到{:.1f}%，达不到目标{:.1f}%"},
    {"no candidate '{}'", "没有候选点位“{}”"},
    {"use the ids of the candidates layer (with site types: ID or ID:type)",
     "请使用候选点位图层中的编号（有点位类型时：ID 或 ID:type）"},
    {"a budget needs every candidate's cost; none for {}", "使用预算时每个候选点位都须有造价；以下点位没有：{}"},
    {"give candidate_cost_field values in the candidates layer, or site types with a cost",
     "请在候选点位图层中填写 candidate_cost_field 的值，或使用带造价的点位类型"},
    {"{} townships short of the target can get a site, more than the {} sites asked for",
     "有 {} 个未达标的乡镇(街道)可以设点，多于要求的 {} 处"},
    {"ask for at least {} sites, or drop site_in_short_townships", "请至少要求 {} 处，或去掉 site_in_short_townships"},
    {"'{}' is both required and forbidden", "“{}”既被列为必选又被列为禁选"},
    {"{} required sites but only {} asked for", "必选点位有 {} 处，但只要求 {} 处"},
    {"proposals", "选址建议"},
    {"site proposals start from an analysis with access (catchments), and this one has none",
     "选址建议须基于包含可达性（服务范围）的分析结果，而本次分析没有"},
    {"no candidate site", "没有候选点位"},
    {"lower generate_min_children or min_distance_m, or give candidates",
     "请调低 generate_min_children 或 min_distance_m，或提供候选点位"},
    {"check the candidates layer", "请检查候选点位图层"},
    {"{} sites asked for but there are only {} candidates", "要求 {} 处，但只有 {} 个候选点位"},
    {"ask for fewer sites or give more candidates", "请减少要求的点位数，或提供更多候选点位"},
    {"no candidate reaches any child {}within {:.0f} m", "没有候选点位能覆盖任何{}婴幼儿（{:.0f} 米内）"},
    {"not yet served ", "尚未得到服务的"},
    {"give candidates nearer to where the children live, or a larger radius",
     "请提供离婴幼儿居住地更近的候选点位，或加大服务半径"},
    {"the target is not reached with every candidate: {}", "即使用上全部候选点位也达不到目标：{}"},
    {"add candidates where the children are, widen the radius, or lower the target",
     "请在婴幼儿集中的地方增加候选点位、加大服务半径，或降低目标"},
};
}  // namespace

Range zh_siting() { return {std::begin(kZh), std::end(kZh)}; }

}  // namespace tuowei::planner::lang
