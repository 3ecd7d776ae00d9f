#include "planner/report/report.h"

#include "gis/error.h"

namespace tuowei::planner {

void write_report_xlsx(const std::filesystem::path& file, const ReportContent&) {
  throw gis::Error(file.string() + ": the workbook is not written yet");
}

}  // namespace tuowei::planner
