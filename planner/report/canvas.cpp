#include "planner/report/canvas.h"

#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>

#include "gis/error.h"
#include "planner/say.h"

namespace tuowei::planner::pdf {
namespace {

// The Noto CJK fonts of Debian's fonts-noto-cjk; fontconfig falls back to
// another CJK font when they are missing.
constexpr const char* kFamily = "Noto Sans CJK SC";

cairo_status_t write_nowhere(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

}  // namespace

Canvas::Canvas(const std::filesystem::path& file, const std::string& title, const std::string& footer_text,
               int total_pages)
    : footer_text_(footer_text), total_(total_pages) {
  surface_ = file.empty() ? cairo_pdf_surface_create_for_stream(write_nowhere, nullptr, kPageW, kPageH)
                          : cairo_pdf_surface_create(file.c_str(), kPageW, kPageH);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface_));
    cairo_surface_destroy(surface_);
    throw gis::Error(say("{}: cannot create the PDF ({})", file.string(), why));
  }
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "tuowei");
  cr_ = cairo_create(surface_);
  // Font sizes in points: the PDF's unit.
  context_ = pango_cairo_create_context(cr_);
  pango_cairo_context_set_resolution(context_, 72.0);
  layout_ = pango_layout_new(context_);
}

Canvas::~Canvas() {
  if (layout_) g_object_unref(layout_);
  if (context_) g_object_unref(context_);
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
}

PangoLayout* Canvas::layout(double width, const std::string& utf8, const Font& font, Align align) {
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, kFamily);
  pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
  pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout_, desc);
  pango_font_description_free(desc);
  pango_layout_set_width(layout_, width > 0 ? int(width * PANGO_SCALE) : -1);
  pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout_, align == Align::left     ? PANGO_ALIGN_LEFT
                                      : align == Align::center ? PANGO_ALIGN_CENTER
                                                               : PANGO_ALIGN_RIGHT);
  pango_layout_set_text(layout_, utf8.c_str(), -1);
  return layout_;
}

double Canvas::text(double x, double y, double width, const std::string& utf8, const Font& font, Align align) {
  PangoLayout* l = layout(width, utf8, font, align);
  set_color(font.color);
  cairo_move_to(cr_, x, y);
  pango_cairo_update_layout(cr_, l);
  pango_cairo_show_layout(cr_, l);
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return double(h) / PANGO_SCALE;
}

double Canvas::text_height(double width, const std::string& utf8, const Font& font) {
  int w = 0, h = 0;
  pango_layout_get_size(layout(width, utf8, font, Align::left), &w, &h);
  return double(h) / PANGO_SCALE;
}

double Canvas::text_width(const std::string& utf8, const Font& font) {
  int w = 0, h = 0;
  pango_layout_get_size(layout(-1, utf8, font, Align::left), &w, &h);
  return double(w) / PANGO_SCALE;
}

void Canvas::halo_text(double x, double y, const std::string& utf8, const Font& font) {
  PangoLayout* l = layout(-1, utf8, font, Align::left);
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  const double tx = x - double(w) / PANGO_SCALE / 2, ty = y - double(h) / PANGO_SCALE / 2;
  cairo_save(cr_);
  cairo_move_to(cr_, tx, ty);
  pango_cairo_update_layout(cr_, l);
  pango_cairo_layout_path(cr_, l);
  cairo_set_source_rgba(cr_, 1, 1, 1, 0.9);
  cairo_set_line_width(cr_, 2.2);
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke(cr_);
  set_color(font.color);
  cairo_move_to(cr_, tx, ty);
  pango_cairo_show_layout(cr_, l);
  cairo_restore(cr_);
}

void Canvas::set_color(const gis::Rgb& c, double alpha) {
  cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

void Canvas::fill_rect(double x, double y, double w, double h, const gis::Rgb& color) {
  set_color(color);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
}

void Canvas::stroke_rect(double x, double y, double w, double h, const gis::Rgb& color, double width) {
  set_color(color);
  cairo_set_line_width(cr_, width);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
}

void Canvas::line(double x0, double y0, double x1, double y1, const gis::Rgb& color, double width) {
  set_color(color);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  cairo_stroke(cr_);
}

double Canvas::heading(double y, const std::string& utf8, double size) {
  const double h = text(kMargin, y, kContentW, utf8, Font{size, true, {8, 48, 107}});
  line(kMargin, y + h + 3, kMargin + kContentW, y + h + 3, {8, 81, 156}, 1.0);
  return y + h + 12;
}

void Canvas::footer() {
  const Font f{7.5, false, {110, 110, 110}};
  line(kMargin, kPageH - kMargin + 2, kPageW - kMargin, kPageH - kMargin + 2, {200, 200, 200}, 0.5);
  text(kMargin, kPageH - kMargin + 6, kContentW / 2, footer_text_, f);
  const std::string n = total_ > 0 ? fmt::format("{} / {}", page_, total_) : std::to_string(page_);
  text(kMargin + kContentW / 2, kPageH - kMargin + 6, kContentW / 2, n, f, Align::right);
}

void Canvas::new_page() {
  footer();
  cairo_show_page(cr_);
  ++page_;
}

void Canvas::finish() {
  if (finished_) return;
  finished_ = true;
  footer();
  cairo_show_page(cr_);
  cairo_surface_finish(surface_);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    throw gis::Error(say("cannot write the PDF ({})", cairo_status_to_string(cairo_surface_status(surface_))));
  }
}

size_t draw_table(Canvas& canvas, double x, double& y, const std::vector<TableColumn>& columns,
                  const std::vector<std::vector<TableCell>>& rows, size_t first, double font_size) {
  const double pad = 3.0;
  const Font header{font_size, true, {255, 255, 255}};
  double header_h = 0.0;
  for (const TableColumn& c : columns) header_h = std::max(header_h, canvas.text_height(c.width - 2 * pad, c.header, header));
  header_h += 2 * pad;
  double total_w = 0.0;
  for (const TableColumn& c : columns) total_w += c.width;
  auto draw_header = [&] {
    canvas.fill_rect(x, y, total_w, header_h, {8, 81, 156});
    double cx = x;
    for (const TableColumn& c : columns) {
      canvas.text(cx + pad, y + pad, c.width - 2 * pad, c.header, header, c.align);
      cx += c.width;
    }
    y += header_h;
  };
  draw_header();
  size_t r = first;
  for (; r < rows.size(); ++r) {
    double row_h = 0.0;
    for (size_t k = 0; k < columns.size() && k < rows[r].size(); ++k) {
      row_h = std::max(row_h, canvas.text_height(columns[k].width - 2 * pad, rows[r][k].text, Font{font_size}));
    }
    row_h += 2 * pad;
    if (y + row_h > kBottom) break;
    double cx = x;
    const gis::Rgb stripe = (r - first) % 2 ? gis::Rgb{246, 248, 250} : gis::Rgb{255, 255, 255};
    for (size_t k = 0; k < columns.size(); ++k) {
      const TableCell cell = k < rows[r].size() ? rows[r][k] : TableCell{};
      const bool plain = cell.background == gis::Rgb{255, 255, 255};
      canvas.fill_rect(cx, y, columns[k].width, row_h, plain ? stripe : cell.background);
      canvas.text(cx + pad, y + pad, columns[k].width - 2 * pad, cell.text, Font{font_size, cell.bold},
                  columns[k].align);
      cx += columns[k].width;
    }
    canvas.line(x, y + row_h, x + total_w, y + row_h, {222, 226, 230}, 0.4);
    y += row_h;
  }
  return r;
}

}  // namespace tuowei::planner::pdf
