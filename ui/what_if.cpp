#include "ui/what_if.h"

#include <algorithm>

namespace tuowei::ui {
namespace {

void drop_feature(std::vector<ShapePart>& parts, int feature) {
  parts.erase(std::remove_if(parts.begin(), parts.end(), [&](const ShapePart& p) { return p.feature == feature; }),
              parts.end());
}

}  // namespace

void update_after_edit(MapContent& content, const planner::Session& session, EditKind kind, int facility) {
  const planner::AccessResult& access = session.access();
  switch (kind) {
    case EditKind::added:
      append_catchment_parts(access, facility, content.catchments);
      break;
    case EditKind::moved:
      drop_feature(content.catchments, facility);
      append_catchment_parts(access, facility, content.catchments);
      break;
    case EditKind::removed:
      drop_feature(content.catchments, facility);
      for (ShapePart& p : content.catchments) {
        if (p.feature > facility) --p.feature;
      }
      break;
  }
  const double tolerance = desert_tolerance_deg(session.study());
  for (int t : session.redrawn_deserts()) {
    drop_feature(content.deserts, t);
    for (const planner::DesertArea& d : access.deserts) {
      if (d.township == t) append_desert_parts(d, tolerance, content.deserts);
    }
  }
  content.facilities = facility_symbols(session.facilities().all(), content.facility_classes);
}

}  // namespace tuowei::ui
