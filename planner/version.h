#pragma once

namespace tuowei::planner {
// "0.1.0": the project version from CMakeLists.txt.
const char* version();
}  // namespace tuowei::planner
