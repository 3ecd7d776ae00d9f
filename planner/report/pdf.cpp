#include "planner/report/report.h"

#include "gis/error.h"

namespace tuowei::planner {

void write_report_pdf(const std::filesystem::path& file, const ReportContent&) {
  throw gis::Error(file.string() + ": the PDF is not written yet");
}

}  // namespace tuowei::planner
