#include "planner/version.h"

namespace tuowei::planner {
const char* version() { return TUOWEI_VERSION; }
}  // namespace tuowei::planner
