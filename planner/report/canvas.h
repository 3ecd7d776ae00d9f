// A4 pages drawn with cairo (PDF surface) and pango (CJK text from the Noto
// CJK fonts): text boxes, tables with repeated headers, colour swatches,
// page numbers. The report's pages (pdf.cpp) and maps (maps.cpp) draw on it.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <filesystem>
#include <string>
#include <vector>

#include "gis/classify.h"

namespace tuowei::planner::pdf {

// A4 in PDF points (1/72 inch), and the margins.
inline constexpr double kPageW = 595.28, kPageH = 841.89;
inline constexpr double kMargin = 48.0;
inline constexpr double kContentW = kPageW - 2 * kMargin;
inline constexpr double kBottom = kPageH - kMargin - 14.0;  // above the footer

enum class Align { left, center, right };

struct Font {
  double size = 10.0;
  bool bold = false;
  gis::Rgb color{33, 37, 41};
};

class Canvas {
 public:
  // Pages go to `file`; with an empty path to nowhere (a first pass that
  // counts pages). Throws gis::Error when the file cannot be created.
  Canvas(const std::filesystem::path& file, const std::string& title, const std::string& footer_text,
         int total_pages);
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;
  ~Canvas();

  cairo_t* cr() const { return cr_; }
  int page() const { return page_; }
  // Ends the current page (with its footer "page / total") and starts the next.
  void new_page();
  // Ends the last page and closes the file; throws gis::Error on failure.
  void finish();

  // Text in a box `width` wide from (x, y) (top left), wrapped; returns its height.
  double text(double x, double y, double width, const std::string& utf8, const Font& font = {},
              Align align = Align::left);
  // The height `text` would take.
  double text_height(double width, const std::string& utf8, const Font& font = {});
  double text_width(const std::string& utf8, const Font& font = {});
  // Text centred on (x, y) with a white halo (map labels).
  void halo_text(double x, double y, const std::string& utf8, const Font& font);

  void fill_rect(double x, double y, double w, double h, const gis::Rgb& color);
  void stroke_rect(double x, double y, double w, double h, const gis::Rgb& color, double line = 0.5);
  void line(double x0, double y0, double x1, double y1, const gis::Rgb& color, double width = 0.5);
  void set_color(const gis::Rgb& c, double alpha = 1.0);

  // A section heading at y; returns the y below it.
  double heading(double y, const std::string& utf8, double size = 15.0);

 private:
  PangoLayout* layout(double width, const std::string& utf8, const Font& font, Align align);
  void footer();

  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* context_ = nullptr;
  PangoLayout* layout_ = nullptr;
  std::string footer_text_;
  int page_ = 1, total_ = 0;
  bool finished_ = false;
};

// A table: columns with widths and alignment; rows of cells. Drawn page by
// page with the header repeated; rows may carry a background colour per cell.
struct TableColumn {
  std::string header;
  double width;  // points
  Align align = Align::right;
};

struct TableCell {
  std::string text;
  gis::Rgb background{255, 255, 255};
  bool bold = false;
};

// Draws rows [first, ...) from y until the page is full; returns the index
// of the first row not drawn (rows.size() when all were) and sets `y` below
// the table.
size_t draw_table(Canvas& canvas, double x, double& y, const std::vector<TableColumn>& columns,
                  const std::vector<std::vector<TableCell>>& rows, size_t first, double font_size = 8.0);

}  // namespace tuowei::planner::pdf
