// The paragraph a planner pastes into a report (proposals.txt, the map).
#include <fmt/format.h>

#include <cmath>

#include "planner/siting/propose.h"

namespace tuowei::planner {
namespace {

std::string pct(double v) { return std::isnan(v) ? "-" : fmt::format("{:.1f}%", v * 100); }
std::string fixed(double v, int d) { return std::isnan(v) ? "-" : fmt::format("{:.{}f}", v, d); }

}  // namespace

const char* objective_zh(Objective o) {
  switch (o) {
    case Objective::coverage: return "最大覆盖";
    case Objective::capacitated: return "容量约束覆盖";
    case Objective::setcover: return "最少设施覆盖";
    case Objective::pmedian: return "最小化加权距离（p-中位）";
  }
  return "";
}

std::string proposals_summary_zh(const Analysis& base, const ProposalRun& run) {
  const Study& study = base.facilities.study();
  const IndicatorRow& b = base.table.total;
  const IndicatorRow& a = run.after_table.total;
  double places = 0;
  for (const Proposal& p : run.proposals) places += p.site.places;
  std::string s = fmt::format("{}：新建普惠托育机构选址建议\n", study.project().name);
  s += fmt::format("目标：{}（服务半径{:.0f}米），建议新增{}处，每处按托育机构设置标准配置托位，共新增托位{:.0f}个。\n",
                   objective_zh(run.settings.objective), run.radius_m, run.proposals.size(), places);
  const auto& sol = run.solution;
  // The methods that found the answer and proved its bound, as the solver names them.
  std::string how;
  for (const auto& [en, zh] : {std::pair{"greedy", "贪心算法"}, std::pair{"Lagrangian", "拉格朗日松弛"},
                               std::pair{"interchange", "交换改进"}, std::pair{"CBC", "混合整数规划（CBC）"}}) {
    if (sol.solver.find(en) != std::string::npos) how += (how.empty() ? "" : "、") + std::string(zh);
  }
  if (how.empty()) how = sol.solver;
  if (sol.optimal) {
    s += fmt::format("求解：{}，已证明为最优方案。\n", how);
  } else if (std::isfinite(sol.gap)) {
    s += fmt::format("求解：{}{}，已证明与最优解差距不超过{}。\n", how, sol.timed_out ? "（达到时间上限）" : "",
                     pct(sol.gap));
  } else {
    s += fmt::format("求解：{}{}。\n", how, sol.timed_out ? "（达到时间上限）" : "");
  }
  s += fmt::format("效果：千人口托位数由{}提高到{}；服务覆盖率由{}提高到{}；普惠服务覆盖率由{}提高到{}；"
                   "服务盲区内0-3岁婴幼儿由{:.0f}人减少到{:.0f}人；达到{}个/千人目标尚缺托位由{:.0f}个减少到{:.0f}个。\n",
                   fixed(b.places_per_1000, 2), fixed(a.places_per_1000, 2), pct(b.coverage_rate),
                   pct(a.coverage_rate), pct(b.inclusive_coverage_rate), pct(a.inclusive_coverage_rate),
                   b.children_in_deserts, a.children_in_deserts, base.table.targets.places_per_1000,
                   b.places_needed, a.places_needed);
  s += "各选址（按新增效果排序）：\n";
  for (const Proposal& p : run.proposals) {
    const std::string town = p.site.township >= 0 ? study.townships()[size_t(p.site.township)].name : "（区外）";
    s += fmt::format("  {}. {}{}，经纬度（WGS84）{:.6f}, {:.6f}（GCJ-02 {:.6f}, {:.6f}），托位{:.0f}个，{}{:.0f}。\n",
                     p.rank, town, p.site.name.empty() ? "" : "·" + p.site.name, p.site.lon, p.site.lat, p.gcj_lon,
                     p.gcj_lat, p.site.places,
                     run.settings.objective == Objective::pmedian ? "减少加权距离（人·米）" : "新增服务婴幼儿", p.gain);
  }
  for (const std::string& t : run.infeasible) s += fmt::format("注意：{}\n", t);
  return s;
}

}  // namespace tuowei::planner
