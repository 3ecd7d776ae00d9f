#include "planner/lang/catalogue.h"

namespace tuowei::planner::lang {

namespace {
const Entry kZh[] = {
    // planner/cli/main.cpp: the command line's checks
    {"{} is not a finite number", "{} 不是有限的数值"},
    {"{} is not {}", "{} 不是{}"},
    {"a number > 0", "大于 0 的数"},
    {"a number >= 0", "不小于 0 的数"},
    {"a share from 0 to 1", "0 到 1 之间的比例"},
    {"error: give --out DIR (or a PostGIS database), or set [output] postgis in the project file\n",
     "错误：请用 --out DIR 指定输出文件夹（或 PostGIS 数据库），或在项目文件中设置 [output] postgis\n"},
    {"error: report writes report.xlsx and report.pdf: give --out a folder\n",
     "错误：report 命令输出 report.xlsx 和 report.pdf：--out 须为文件夹\n"},
    {"stopped: {} error(s) in the inputs; nothing was written\n", "已停止：输入数据有 {} 处错误；未写出任何文件\n"},
    {"\n    fix: {}", "\n    修改方法：{}"},
    // what a run prints
    {"grid", "格网"},
    {"official", "统计"},
    {"ages", "分年龄统计"},
    {"births", "出生人口推算"},
    {", ", "，"},
    {"{}{} {}", "{}{} {}"},
    {"residents from {}; under-3s from {}", "常住人口来源：{}；3岁以下婴幼儿来源：{}"},
    {" (the grid's {} carried at {:+.1f}% a year, {})", "（格网 {} 年数据按每年 {:+.1f}% 推算，{}）"},
    {"observed", "按各年出生人口的实际变化"},
    {"fixed", "按设定值 births_annual_change"},
    {"  townships {}, facilities {} ({} outside every township)\n",
     "  乡镇(街道) {} 个，托育机构 {} 家（{} 家不在任何乡镇内）\n"},
    {"  population at the end of {}: {}\n", "  人口时点：{} 年末；{}\n"},
    {"(year not stated)", "（未注明年份）"},
    {"  residents {:.0f}, children under 3 {:.0f}, places {:.0f} ({:.0f} inclusive)\n",
     "  常住人口 {:.0f}，3岁以下婴幼儿 {:.0f}，托位 {:.0f}（普惠 {:.0f}）\n"},
    {"  places per 1,000 residents {} (target {}), per 100 under-3s {}, enrolment rate {}%\n",
     "  千人口托位数 {}（目标 {}），每百名3岁以下婴幼儿托位 {}，入托率 {}%\n"},
    {"  townships meeting the target: {} of {}; places still needed: {:.0f}\n",
     "  达标乡镇(街道)：{} 个（共 {} 个）；尚缺托位：{:.0f}\n"},
    {"  townships with places for {:.0f}% of their under-3s: {} of {}; places still needed: {:.0f}\n",
     "  托位可覆盖 {:.0f}% 的3岁以下婴幼儿的乡镇(街道)：{} 个（共 {} 个）；尚缺托位：{:.0f}\n"},
    {"county/district", "区县"},
    {"  residents  under-3  places  per-1000  needed  rank\n", "    常住人口   3岁以下    托位  千人托位    缺口  排名\n"},
    {"  {:>4}  {} {} {:>8} per 1,000  needs {:.0f}\n", "  {:>4}  {} {} 千人口托位 {:>8}  缺 {:.0f}\n"},
    {"highest places per 1,000:", "千人口托位数最高："},
    {"lowest places per 1,000:", "千人口托位数最低："},
    {"\n  access: demand = {}, supply = {}, {}{}\n", "\n  可达性：需求 = {}，供给 = {}，{}{}\n"},
    {" (cost table)", "（出行成本表）"},
    {"  children within a catchment {:.0f} of {:.0f} ({}%), of an inclusive one {}%\n",
     "  位于服务范围内的婴幼儿 {:.0f}（共 {:.0f}，{}%），位于普惠机构服务范围内 {}%\n"},
    {"  mean accessibility {} places per child (check: sum P*A {:.1f} = places reached {:.1f})\n",
     "  平均可达性：每名婴幼儿 {} 个托位（校核：ΣP·A {:.1f} = 可达托位 {:.1f}）\n"},
    {"  service deserts: {:.0f} children, {:.1f} km2, in {} townships: {} patches drawn, {} smaller ones "
     "({:.0f} children) counted\n",
     "  服务盲区：婴幼儿 {:.0f} 名，面积 {:.1f} 平方公里，涉及 {} 个乡镇(街道)：绘出 {} 片，另有 {} 片较小的"
     "（婴幼儿 {:.0f} 名）只计数\n"},
    {"    {:>2}. {} {:>7.0f} children in {} patches, {:.2f} km2\n",
     "    {:>2}. {} 婴幼儿 {:>7.0f} 名，{} 片，{:.2f} 平方公里\n"},
    {"{}: {} candidates, {} demand cells; solver {}, {:.1f} s\n", "{}：候选点位 {} 个，需求格网 {} 个；求解器 {}，{:.1f} 秒\n"},
    {"  objective {:.1f} ({}); {}{}\n", "  目标值 {:.1f}（{}）；{}{}\n"},
    {"proven optimal", "已证明最优"},
    {"within {:.2f}% of the optimum (bound {:.1f})", "与最优解相差不超过 {:.2f}%（界 {:.1f}）"},
    {"; time limit reached, best solution found so far", "；已到时间上限，为目前找到的最好方案"},
    {"\n  rank  township         {}places      gain  township per 1,000  alternative within {:.0f} m\n",
     "\n  排名  乡镇(街道)       {}托位      增益  乡镇千人口托位      备选点位（{:.0f} 米内）\n"},
    {"type", "类型"},
    {"{} ({:.0f} m, {:+.1f} if swapped)", "{}（{:.0f} 米，替换后 {:+.1f}）"},
    {"  cost {:.0f} of the budget {:.0f}\n", "  费用 {:.0f}，预算 {:.0f}\n"},
    {"\nwritten:\n", "\n已写出：\n"},
    {"\nwritten: run {} into {}: runs, {}\n", "\n已写出：运行 {} 写入 {}：runs、{}\n"},
    {"{}: {} townships, {} facilities, {} population rasters; {} error(s), {} warning(s)\n",
     "{}：乡镇(街道) {} 个，托育机构 {} 家，人口栅格 {} 个；错误 {} 处，警告 {} 处\n"},
};
}  // namespace

Range zh_cli() { return {std::begin(kZh), std::end(kZh)}; }

}  // namespace tuowei::planner::lang
