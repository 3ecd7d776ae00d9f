// The map's display content after a what-if edit (planner::Session): only
// what the edit changed is converted again: the edited facility's
// catchment, the desert polygons of the townships the edit redrew, and the
// facility symbols.
#pragma once

#include "planner/session.h"
#include "ui/map_content.h"

namespace tuowei::ui {

enum class EditKind { added, moved, removed };

// `facility` is the index the edit used (for `removed`, the index before).
void update_after_edit(MapContent& content, const planner::Session& session, EditKind kind, int facility);

}  // namespace tuowei::ui
