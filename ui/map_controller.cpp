#include "ui/map_controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QQuickWindow>
#include <QUrl>

#include <algorithm>
#include <cmath>
#include <exception>

#include "planner/outputs.h"
#include "ui/basemap.h"

namespace tuowei::ui {
namespace {

// Proposed sites: one bright style, unlike any facility or class colour.
const SymbolStyle kProposalStyle{QColor("#e6194b"), true, SymbolShape::diamond};

nlohmann::json value_in(const nlohmann::json& row, const std::string& name) {
  const auto it = row.find(name);
  return it == row.end() ? nlohmann::json() : *it;
}

}  // namespace

MapController::MapController(QObject* parent)
    : QObject(parent),
      problems_(new ProblemListModel(this)),
      township_shapes_(new ShapeListModel(this)),
      selection_shapes_(new ShapeListModel(this)),
      catchment_shapes_(new ShapeListModel(this)),
      desert_shapes_(new ShapeListModel(this)),
      facility_symbols_(new PointSymbolSet(this)),
      proposal_symbols_(new PointSymbolSet(this)),
      table_model_(new TownshipTableModel(this)),
      filter_(new TownshipFilterModel(table_model_, this)) {
  connect(&loader_, &Worker::progress, this, &MapController::on_progress);
  connect(&loader_, &Worker::finished, this, &MapController::on_loaded);
  connect(&proposer_, &Worker::progress, this, &MapController::on_progress);
  connect(&proposer_, &Worker::finished, this, &MapController::on_proposed);
  township_shapes_->set_default_color(no_data_color());
  catalog_ = indicator_catalog(false);
  // The interface follows the system locale until the planner picks a language.
  set_language(QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh") : QStringLiteral("en"));
}

MapController::~MapController() {
  if (translator_installed_) QCoreApplication::removeTranslator(&translator_);
}

std::shared_ptr<const planner::IndicatorRun> MapController::run() const {
  return current_ ? current_->run : nullptr;
}

QString MapController::project_file() const {
  if (state_ == Loading) return loading_file_;
  return current_ ? current_->file : QString();
}

QString MapController::project_name() const {
  if (!current_ || !current_->run) return {};
  const auto& p = current_->run->project;
  return QString::fromStdString(p.name.empty() ? p.file.stem().string() : p.name);
}

QString MapController::localPath(const QString& file_or_url) const {
  if (file_or_url.startsWith(QStringLiteral("file:"))) return QUrl(file_or_url).toLocalFile();
  return file_or_url;
}

void MapController::set_state(State s) {
  if (s == state_) return;
  state_ = s;
  emit stateChanged();
}

// ---- Opening a project ------------------------------------------------------

void MapController::open(const QString& file_or_url) {
  const QString file = QFileInfo(localPath(file_or_url)).absoluteFilePath();
  proposer_.cancel();
  loading_file_ = file;
  raw_stage_ = QStringLiteral("reading project");
  stage_ = stage_text(raw_stage_);
  progress_ = 0.0;
  set_state(Loading);
  emit progressChanged();
  emit proposalChanged();
  emit projectChanged();
  loader_.start([file](const planner::Progress& progress) { return load_project(file, progress); });
}

void MapController::cancel() {
  if (proposer_.running()) {
    proposer_.cancel();
    emit proposalChanged();
    emit progressChanged();
  }
  if (state_ != Loading) return;
  loader_.cancel();
  // Back to what was on screen before: the previous project, or nothing.
  set_state(current_ && current_->run ? Ready : current_ ? Failed : Empty);
  emit progressChanged();
  emit projectChanged();
}

QString MapController::stage_text(const QString& stage) const {
  // planner's stage names (run.h Progress, siting.cpp), as the planner reads them.
  if (stage == QLatin1String("reading project")) return tr("Reading the project file");
  if (stage == QLatin1String("reading townships and facilities")) return tr("Reading townships and facilities");
  if (stage == QLatin1String("population (exact zonal sums)")) return tr("Population per township");
  if (stage == QLatin1String("accessibility, step 1")) return tr("Accessibility: demand in each catchment");
  if (stage == QLatin1String("accessibility, step 2")) return tr("Accessibility: places per child");
  if (stage == QLatin1String("desert polygons")) return tr("Service deserts");
  if (stage == QLatin1String("writing outputs")) return tr("Writing results");
  if (stage == QLatin1String("preparing the map")) return tr("Preparing the map");
  if (stage == QLatin1String("demand cells")) return tr("Children per grid cell");
  if (stage == QLatin1String("candidates")) return tr("Candidate sites");
  if (stage == QLatin1String("solving")) return tr("Choosing sites");
  if (stage == QLatin1String("after the proposals")) return tr("Indicators with the proposed sites");
  return stage;
}

void MapController::on_progress(const QString& stage, double fraction) {
  raw_stage_ = stage;
  stage_ = stage_text(stage);
  progress_ = std::clamp(fraction, 0.0, 1.0);
  emit progressChanged();
}

void MapController::on_loaded(std::shared_ptr<void> result) {
  auto loaded = std::static_pointer_cast<LoadedProject>(result);
  if (!loaded) {
    loaded = std::make_shared<LoadedProject>();
    loaded->file = loading_file_;
    loaded->failure = tr("Opening the project failed unexpectedly.");
  }
  show(std::move(loaded));
}

void MapController::show(std::shared_ptr<LoadedProject> result) {
  current_ = std::move(result);
  proposal_.reset();
  show_after_ = false;
  proposal_symbols_->set({}, {});
  selected_township_ = selected_facility_ = selected_proposal_ = -1;
  selection_shapes_->set_parts({});
  before_rows_.clear();
  current_rows_.clear();
  after_rows_.clear();
  accepted_.clear();
  edits_ = 0;
  last_edit_.clear();
  set_problems();

  if (current_->run) {
    const planner::IndicatorRun& run = *current_->run;
    catalog_ = indicator_catalog(run.table.has_access);
    for (const planner::IndicatorRow& r : run.table.townships) {
      before_rows_.push_back(planner::indicator_row_json(r, run.table.has_access));
    }
    current_rows_ = before_rows_;
  } else {
    catalog_ = indicator_catalog(false);
  }
  filter_->set_county(QString());
  set_rows();
  township_shapes_->set_parts(current_->content.townships);
  catchment_shapes_->set_parts(current_->content.catchments);
  desert_shapes_->set_parts(current_->content.deserts);
  facility_symbols_->set(current_->content.facilities, current_->content.facility_styles);
  if (!info_of(indicator_)) indicator_ = "places_per_1000";
  const int column = table_model_->column_of(indicator_);
  if (column >= 0) filter_->sortBy(column, false);
  recolor();
  set_state(current_->run ? Ready : Failed);
  emit progressChanged();
  emit projectChanged();
  emit proposalChanged();
  emit showAfterChanged();
  emit editsChanged();
  emit indicatorsChanged();
  emit indicatorChanged();
  emit selectionChanged();
  update_info();
  emit loaded();
}

void MapController::show_content(MapContent content) {
  auto shown = std::make_shared<LoadedProject>();
  shown->content = std::move(content);
  current_ = shown;
  before_rows_.clear();
  current_rows_.clear();
  after_rows_.clear();
  selected_township_ = selected_facility_ = selected_proposal_ = -1;
  township_shapes_->set_parts(current_->content.townships);
  catchment_shapes_->set_parts(current_->content.catchments);
  desert_shapes_->set_parts(current_->content.deserts);
  facility_symbols_->set(current_->content.facilities, current_->content.facility_styles);
  set_state(Ready);
  emit projectChanged();
  emit selectionChanged();
  emit loaded();
}

void MapController::set_problems() {
  if (!current_) {
    problems_->clear();
    return;
  }
  if (!current_->failure.isEmpty()) {
    problems_->set_failure(current_->failure);
    return;
  }
  planner::Problems problems = current_->problems;
  if (current_->run) {
    const Basemap basemap = basemap_for(current_->run->project.map.tile_url);
    if (!basemap.problem.isEmpty()) {
      problems.warning(current_->run->project.file.filename().string() + ", [map] tile_url",
                       basemap.problem.toStdString(), "use a {z}/{x}/{y}.png tile URL, or leave tile_url out");
    }
  }
  if (proposal_ && !proposal_->run) {
    // A proposal that could not be run: its problems after the project's.
    if (!proposal_->failure.isEmpty()) problems.error("site proposals", proposal_->failure.toStdString());
    for (const planner::Problem& p : proposal_->problems.all()) {
      if (p.severity == planner::Severity::error) problems.error(p.where, p.message, p.fix);
    }
  }
  problems_->set(problems);
}

// ---- Site proposals ---------------------------------------------------------

QVariantMap MapController::proposal_defaults() const {
  QVariantMap d{{"sites", 5}, {"objective", "coverage"}, {"radius", 300.0}};
  if (const auto run = this->run()) {
    d["sites"] = run->project.proposals.sites;
    d["objective"] = QString::fromStdString(run->project.proposals.objective);
    d["radius"] = run->project.access.radius_m;
  }
  return d;
}

QVariantList MapController::objectives() const {
  return {QVariantMap{{"name", "coverage"}, {"label", tr("Cover the most children (maximal covering)")}},
          QVariantMap{{"name", "capacitated"}, {"label", tr("Serve the most children, within places (capacitated)")}},
          QVariantMap{{"name", "setcover"}, {"label", tr("Fewest sites to reach the coverage target (set cover)")}},
          QVariantMap{{"name", "pmedian"}, {"label", tr("Shortest distances to a facility (p-median)")}}};
}

void MapController::proposeSites(int sites, const QString& objective, double radius_m) {
  if (state_ != Ready || !run() || proposing()) return;
  const QString file = current_->file;
  ProposalSettings settings;
  settings.sites = sites;
  settings.objective = objective.toStdString();
  settings.radius_m = radius_m;
  raw_stage_ = QStringLiteral("reading project");
  stage_ = stage_text(raw_stage_);
  progress_ = 0.0;
  proposer_.start(
      [file, settings](const planner::Progress& progress) { return propose_sites(file, settings, progress); });
  emit proposalChanged();
  emit progressChanged();
}

void MapController::on_proposed(std::shared_ptr<void> result) {
  proposal_ = std::static_pointer_cast<ProposalResult>(result);
  if (!proposal_) {
    proposal_ = std::make_shared<ProposalResult>();
    proposal_->failure = tr("Proposing sites failed unexpectedly.");
  }
  after_rows_.clear();
  selected_proposal_ = -1;
  if (proposal_->run) {
    const planner::IndicatorTable& after = proposal_->run->after;
    for (const planner::IndicatorRow& r : after.townships) {
      after_rows_.push_back(planner::indicator_row_json(r, after.has_access));
    }
    proposal_symbols_->set(proposal_->sites, {kProposalStyle});
    accepted_.assign(proposal_->run->proposals.size(), 0);
    show_after_ = after_rows_.size() == before_rows_.size();
  } else {
    proposal_symbols_->set({}, {});
    show_after_ = false;
  }
  set_problems();
  set_rows();
  recolor();
  emit progressChanged();
  emit proposalChanged();
  emit showAfterChanged();
  emit selectionChanged();
  update_info();
  emit proposed();
}

void MapController::set_show_after(bool after) {
  if (after == show_after_) return;
  show_after_ = after && has_proposals() && after_rows_.size() == before_rows_.size();
  set_rows();
  recolor();
  update_info();
  emit showAfterChanged();
}

QString MapController::unit_text(const std::string& unit) const {
  if (unit == "children newly covered") return tr("children newly covered");
  if (unit == "children newly served") return tr("children newly served");
  if (unit == "children x metres to the nearest facility") return tr("children × metres saved");
  if (unit == "sites") return tr("sites");
  return QString::fromStdString(unit);
}

QVariantList MapController::proposals() const {
  QVariantList out;
  if (!has_proposals()) return out;
  const planner::ProposalRun& r = *proposal_->run;
  const auto& townships = current_ && current_->run ? current_->run->area.townships : r.before.area.townships;
  for (size_t i = 0; i < r.proposals.size(); ++i) {
    const planner::Proposal& p = r.proposals[i];
    const QString township = p.site.township >= 0 && size_t(p.site.township) < townships.size()
                                 ? QString::fromStdString(townships[size_t(p.site.township)].name)
                                 : QString();
    out.append(QVariantMap{
        {"index", int(i)},
        {"rank", p.rank},
        {"name", QString::fromStdString(p.site.name.empty() ? p.site.id : p.site.name)},
        {"township", township},
        {"places", locale_.toString(std::round(p.site.places), 'f', 0)},
        {"gain", locale_.toString(p.gain, 'f', 0)},
        {"objectiveAfter", locale_.toString(p.objective_after, 'f', 0)},
        {"gcj", QStringLiteral("%1, %2").arg(p.gcj_lon, 0, 'f', 6).arg(p.gcj_lat, 0, 'f', 6)},
        {"accepted", proposalAccepted(int(i))},
        {"status", proposalAccepted(int(i)) ? tr("built (what-if)") : QString()},
    });
  }
  return out;
}

QString MapController::proposal_summary() const {
  if (!has_proposals()) return {};
  const planner::ProposalRun& r = *proposal_->run;
  QString text = tr("%n site(s) proposed; gain in %1.", "", int(r.proposals.size())).arg(unit_text(r.objective_unit));
  if (!r.solution.solver.empty()) {
    text += QStringLiteral(" ") + tr("Solver: %1").arg(QString::fromStdString(r.solution.solver));
    if (r.solution.optimal) text += QStringLiteral(" (") + tr("optimal") + QStringLiteral(")");
    else if (std::isfinite(r.solution.gap)) {
      text += QStringLiteral(" (") + tr("gap %1%").arg(locale_.toString(100 * r.solution.gap, 'f', 1)) +
              QStringLiteral(")");
    }
    text += QStringLiteral(".");
  }
  if (!r.summary_zh.empty()) text += QStringLiteral("\n\n") + QString::fromStdString(r.summary_zh);
  return text;
}

QGeoCoordinate MapController::proposalCoordinate(int proposal) const {
  if (!has_proposals() || proposal < 0 || size_t(proposal) >= proposal_->run->proposals.size()) return {};
  const planner::Proposal& p = proposal_->run->proposals[size_t(proposal)];
  return QGeoCoordinate(p.site.lat, p.site.lon);
}

// ---- Indicators, colours, legend --------------------------------------------

const IndicatorInfo* MapController::info_of(const std::string& name) const {
  for (const IndicatorInfo& i : catalog_) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

const std::vector<nlohmann::json>& MapController::shown_rows() const {
  return show_after() ? after_rows_ : current_rows_;
}

const planner::IndicatorTable* MapController::shown_table() const {
  if (show_after()) return &proposal_->run->after;
  if (current_ && current_->session) return &current_->session->table();
  if (current_ && current_->run) return &current_->run->table;
  return nullptr;
}

void MapController::set_rows() {
  table_model_->set_rows(shown_rows(), catalog_);
  table_model_->set_language(chinese_, locale_);
}

QVariantList MapController::indicators() const {
  QVariantList out;
  for (const IndicatorInfo& i : catalog_) {
    if (!i.mappable) continue;
    out.append(QVariantMap{{"name", QString::fromStdString(i.name)}, {"label", i.label(chinese_)}});
  }
  return out;
}

void MapController::set_indicator(const QString& name) {
  const std::string n = name.toStdString();
  if (n == indicator_ || !info_of(n)) return;
  indicator_ = n;
  recolor();
  emit indicatorChanged();
  update_info();
}

QString MapController::indicator_label() const {
  const IndicatorInfo* i = info_of(indicator_);
  return i ? i->label(chinese_) : QString();
}

void MapController::recolor() {
  legend_.clear();
  const IndicatorInfo* info = info_of(indicator_);
  if (!info || before_rows_.empty()) {
    township_shapes_->set_feature_colors({});
    emit legendChanged();
    return;
  }
  auto values_of = [&](const std::vector<nlohmann::json>& rows) {
    std::vector<double> v;
    for (const nlohmann::json& r : rows) v.push_back(number_of(value_in(r, indicator_)));
    return v;
  };
  // Classes come from the loaded indicators, so that the state after the
  // proposals is drawn on the same scale and changes show as colour.
  breaks_ = quantile_breaks(values_of(before_rows_), 5);
  const std::vector<double> shown = values_of(shown_rows());
  const std::vector<QColor> palette = sequential_palette(info->palette, std::max(1, breaks_.classes()));
  std::vector<QColor> colors;
  std::vector<int> counts(size_t(std::max(0, breaks_.classes())), 0);
  std::vector<double> lows(counts.size(), NAN);
  int no_data = 0;
  for (double v : shown) {
    int k = breaks_.class_of(v);
    if (k >= 0 && v < breaks_.edges.front()) k = 0;  // after: below the loaded minimum
    if (k < 0) ++no_data;
    else {
      ++counts[size_t(k)];
      if (!(lows[size_t(k)] <= v)) lows[size_t(k)] = v;
    }
    colors.push_back(k < 0 ? no_data_color() : palette[size_t(k)]);
  }
  township_shapes_->set_feature_colors(std::move(colors));

  auto text = [&](double v) { return format_value(nlohmann::json(v), info->format, locale_); };
  for (int k = 0; k < breaks_.classes(); ++k) {
    // The values the class holds, so that a class after an all-zero one
    // reads "0.26 – 1.11", not "0.00 – 1.11"; the last class is open above
    // when the state after the proposals exceeds the loaded maximum.
    const double lo = breaks_.lows[size_t(k)];
    const double hi = breaks_.edges[size_t(k) + 1];
    QString label = text(lo) == text(hi) ? text(hi) : text(lo) + QStringLiteral(" – ") + text(hi);
    if (k == breaks_.classes() - 1 && (show_after() || edits_ > 0)) label = QStringLiteral("≥ ") + text(lo);
    legend_.append(QVariantMap{{"color", palette[size_t(k)]}, {"label", label}, {"count", counts[size_t(k)]}});
  }
  if (no_data > 0) {
    legend_.append(QVariantMap{{"color", no_data_color()}, {"label", tr("No data")}, {"count", no_data}});
  }
  emit legendChanged();
}

QVariantList MapController::facility_legend() const {
  QVariantList out;
  if (!current_) return out;
  for (const FacilityClass& c : current_->content.facility_classes) {
    const QColor color = current_->content.facility_styles[size_t(c.filled_style)].color;
    out.append(QVariantMap{{"color", color}, {"label", c.type.isEmpty() ? tr("Other types") : c.type}});
  }
  return out;
}

QStringList MapController::counties() const {
  QStringList out;
  if (!current_ || !current_->run) return out;
  for (const planner::IndicatorRow& p : current_->run->table.parents) out << QString::fromStdString(p.name);
  return out;
}

QGeoRectangle MapController::bounds() const { return current_ ? current_->content.bounds : QGeoRectangle(); }

QString MapController::tile_host() const {
  return current_ && current_->run ? basemap_for(current_->run->project.map.tile_url).custom_host : QString();
}

bool MapController::has_access() const { return current_ && current_->run && current_->run->access.has_value(); }

int MapController::township_count() const {
  return current_ && current_->run ? int(current_->run->area.townships.size()) : 0;
}

int MapController::facility_count() const {
  return current_ && current_->run ? int(current_->run->area.facilities.size()) : 0;
}

QString MapController::summary() const {
  if (!current_ || !current_->run) return {};
  const planner::IndicatorTable& t = *shown_table();
  QString text = tr("%1 townships · %2 facilities · %3 places per 1,000 residents (target %4)")
                     .arg(township_count())
                     .arg(facility_count())
                     .arg(std::isnan(t.total.places_per_1000) ? QStringLiteral("–")
                                                              : locale_.toString(t.total.places_per_1000, 'f', 2))
                     .arg(locale_.toString(t.target_places_per_1000, 'g', 4));
  if (show_after()) text += QStringLiteral(" · ") + tr("with the proposed sites");
  else if (edits_ > 0) text += QStringLiteral(" · ") + tr("with %n edit(s)", "", edits_);
  return text;
}

// ---- Selection and the info panel ---------------------------------------------

void MapController::selectTownship(int township) {
  if (township < 0 || township >= int(before_rows_.size())) township = -1;
  if (township == selected_township_ && selected_facility_ < 0 && selected_proposal_ < 0) return;
  selected_township_ = township;
  selected_facility_ = selected_proposal_ = -1;
  std::vector<ShapePart> parts;
  if (current_ && township >= 0) {
    for (const ShapePart& p : current_->content.townships) {
      if (p.feature == township) parts.push_back(p);
    }
  }
  selection_shapes_->set_parts(std::move(parts));
  emit selectionChanged();
  update_info();
}

void MapController::selectFacility(int facility) {
  if (facility < 0 || facility >= facility_count()) facility = -1;
  if (facility == selected_facility_) return;
  selected_facility_ = facility;
  selected_township_ = selected_proposal_ = -1;
  selection_shapes_->set_parts({});
  emit selectionChanged();
  update_info();
}

void MapController::selectProposal(int proposal) {
  if (!has_proposals() || proposal < 0 || size_t(proposal) >= proposal_->run->proposals.size()) proposal = -1;
  if (proposal == selected_proposal_) return;
  selected_proposal_ = proposal;
  selected_township_ = selected_facility_ = -1;
  selection_shapes_->set_parts({});
  emit selectionChanged();
  update_info();
}

void MapController::clearSelection() {
  if (selected_township_ < 0 && selected_facility_ < 0 && selected_proposal_ < 0) return;
  selected_township_ = selected_facility_ = selected_proposal_ = -1;
  selection_shapes_->set_parts({});
  emit selectionChanged();
  update_info();
}

int MapController::townshipAt(const QGeoCoordinate& at) const {
  if (!current_ || !at.isValid()) return -1;
  const auto& bounds = current_->content.township_bounds;
  for (const ShapePart& p : current_->content.townships) {
    if (p.feature < 0 || size_t(p.feature) >= bounds.size() || !bounds[size_t(p.feature)].contains(at)) continue;
    if (p.polygon.contains(at)) return p.feature;
  }
  return -1;
}

int MapController::findTownship(const QString& name_or_code) const {
  const std::string wanted = name_or_code.trimmed().toStdString();
  for (size_t i = 0; i < before_rows_.size(); ++i) {
    const nlohmann::json& r = before_rows_[i];
    if (r.value("name", std::string()) == wanted || r.value("id", std::string()) == wanted) return int(i);
  }
  return -1;
}

QGeoRectangle MapController::townshipBounds(int township) const {
  if (!current_ || township < 0 || size_t(township) >= current_->content.township_bounds.size()) return {};
  return current_->content.township_bounds[size_t(township)];
}

QString MapController::hoverText(int township, int facility, int proposal) const {
  if (!current_ || !current_->run) return {};
  const planner::IndicatorRun& run = *current_->run;
  if (proposal >= 0 && has_proposals() && size_t(proposal) < proposal_->run->proposals.size()) {
    const planner::Proposal& p = proposal_->run->proposals[size_t(proposal)];
    return tr("Proposed site %1\n%2 places · gain %3")
        .arg(p.rank)
        .arg(locale_.toString(std::round(p.site.places), 'f', 0), locale_.toString(p.gain, 'f', 0));
  }
  if (facility >= 0 && facility < int(run.area.facilities.size())) {
    const planner::Facility& f = run.area.facilities[size_t(facility)];
    return tr("%1\n%2 · %3 places · %4")
        .arg(QString::fromStdString(f.name), QString::fromStdString(f.type),
             locale_.toString(std::round(f.places), 'f', 0), f.inclusive ? tr("inclusive") : tr("not inclusive"));
  }
  const auto& rows = shown_rows();
  if (township >= 0 && township < int(rows.size())) {
    const nlohmann::json& r = rows[size_t(township)];
    const IndicatorInfo* info = info_of(indicator_);
    QString text = QString::fromStdString(r.value("name", std::string()));
    if (info) {
      text += QStringLiteral("\n") + info->label(chinese_) + QStringLiteral(": ") +
              format_value(value_in(r, indicator_), info->format, locale_);
    }
    return text;
  }
  return {};
}

void MapController::update_info() {
  info_title_.clear();
  info_subtitle_.clear();
  info_rows_.clear();
  auto row = [&](const QString& label, const QString& value, bool highlight = false, const QString& before = {}) {
    info_rows_.append(QVariantMap{{"label", label}, {"value", value}, {"highlight", highlight}, {"before", before}});
  };
  const auto run = this->run();
  if (run && selected_township_ >= 0 && selected_township_ < int(before_rows_.size())) {
    const nlohmann::json& before = before_rows_[size_t(selected_township_)];
    const nlohmann::json& r = shown_rows()[size_t(selected_township_)];
    info_title_ = QString::fromStdString(r.value("name", std::string()));
    const QString county = QString::fromStdString(r.value("parent_name", std::string()));
    const QString code = QString::fromStdString(r.value("id", std::string()));
    info_subtitle_ = county.isEmpty() ? code : county + QStringLiteral(" · ") + code;
    for (const IndicatorInfo& c : catalog_) {
      if (c.format == ValueFormat::text) continue;
      const QString now = format_value(value_in(r, c.name), c.format, locale_);
      const QString was = format_value(value_in(before, c.name), c.format, locale_);
      row(c.label(chinese_), now, c.name == indicator_, was != now ? was : QString());
    }
  } else if (run && selected_facility_ >= 0 && selected_facility_ < int(run->area.facilities.size())) {
    const planner::Facility& f = run->area.facilities[size_t(selected_facility_)];
    info_title_ = QString::fromStdString(f.name);
    info_subtitle_ = QString::fromStdString(f.id);
    row(tr("Type"), QString::fromStdString(f.type));
    row(tr("Operator"), QString::fromStdString(f.operator_kind));
    row(tr("Places"), locale_.toString(std::round(f.places), 'f', 0), true);
    row(tr("Enrolled"), std::isnan(f.enrolled) ? QStringLiteral("–") : locale_.toString(std::round(f.enrolled), 'f', 0));
    row(tr("Inclusive (普惠)"), f.inclusive ? tr("yes") : tr("no"));
    row(tr("Township"), f.township >= 0 && f.township < int(run->area.townships.size())
                            ? QString::fromStdString(run->area.townships[size_t(f.township)].name)
                            : tr("outside every township"));
    if (current_->session) {
      const double r = current_->session->places_per_child(selected_facility_);
      row(tr("Places per child in the catchment"), std::isnan(r) ? QStringLiteral("–") : locale_.toString(r, 'f', 3));
    } else if (run->access) {
      for (const planner::Catchment& c : run->access->catchments) {
        if (c.facility != selected_facility_) continue;
        row(tr("Children in the catchment"), locale_.toString(std::round(c.weighted_demand), 'f', 0));
        row(tr("Places per child in the catchment"),
            std::isnan(c.places_per_child) ? QStringLiteral("–") : locale_.toString(c.places_per_child, 'f', 3));
        break;
      }
    }
  } else if (has_proposals() && selected_proposal_ >= 0 &&
             size_t(selected_proposal_) < proposal_->run->proposals.size()) {
    const planner::ProposalRun& r = *proposal_->run;
    const planner::Proposal& p = r.proposals[size_t(selected_proposal_)];
    info_title_ = tr("Proposed site %1").arg(p.rank);
    info_subtitle_ = QString::fromStdString(p.site.name.empty() ? p.site.id : p.site.name);
    const auto& townships = run->area.townships;
    row(tr("Township"), p.site.township >= 0 && size_t(p.site.township) < townships.size()
                            ? QString::fromStdString(townships[size_t(p.site.township)].name)
                            : tr("outside every township"));
    row(tr("Places"), locale_.toString(std::round(p.site.places), 'f', 0));
    row(tr("Gain (%1)").arg(unit_text(r.objective_unit)), locale_.toString(p.gain, 'f', 0), true);
    row(tr("Objective with this and higher-ranked sites"), locale_.toString(p.objective_after, 'f', 0));
    row(tr("Longitude, latitude (WGS84)"),
        QStringLiteral("%1, %2").arg(p.site.lon, 0, 'f', 6).arg(p.site.lat, 0, 'f', 6));
    row(tr("Longitude, latitude (GCJ-02)"), QStringLiteral("%1, %2").arg(p.gcj_lon, 0, 'f', 6).arg(p.gcj_lat, 0, 'f', 6));
  }
  emit infoChanged();
}

// ---- What-if edits ---------------------------------------------------------------

QString MapController::defaultFacilityType() const {
  if (current_ && !current_->content.facility_classes.empty()) return current_->content.facility_classes[0].type;
  return QString();
}

void MapController::after_edit(const QString& what) {
  ++edits_;
  planner::Session& session = *current_->session;
  const planner::IndicatorTable& table = session.table();
  current_rows_.clear();
  for (const planner::IndicatorRow& r : table.townships) current_rows_.push_back(planner::indicator_row_json(r, table.has_access));
  facility_symbols_->set(ui::facility_symbols(session.area().facilities, current_->content.facility_classes),
                         current_->content.facility_styles);
  QStringList changed;
  for (int t : session.changed_townships()) {
    if (t >= 0 && size_t(t) < session.area().townships.size()) {
      changed << QString::fromStdString(session.area().townships[size_t(t)].name);
    }
  }
  last_edit_ = changed.isEmpty() ? what : tr("%1: %2 changed").arg(what, changed.join(QStringLiteral("、")));
  // The edited state is what the map shows now.
  if (show_after_) {
    show_after_ = false;
    emit showAfterChanged();
  }
  set_rows();
  recolor();
  emit editsChanged();
  emit projectChanged();
  emit selectionChanged();
  update_info();
}

int MapController::addFacility(const QGeoCoordinate& at, double places, bool inclusive, const QString& type,
                               const QString& name) {
  if (!can_edit() || !at.isValid() || !(places > 0)) return -1;
  planner::Facility f;
  f.id = QStringLiteral("WHATIF-%1").arg(edits_ + 1).toStdString();
  f.name = (name.isEmpty() ? tr("New facility %1").arg(edits_ + 1) : name).toStdString();
  f.type = (type.isEmpty() ? defaultFacilityType() : type).toStdString();
  f.places = places;
  f.inclusive = inclusive;
  f.lon = at.longitude();
  f.lat = at.latitude();
  const int index = current_->session->add_facility(f);
  selected_township_ = selected_proposal_ = -1;
  selected_facility_ = index;
  selection_shapes_->set_parts({});
  after_edit(tr("Added %1").arg(QString::fromStdString(f.name)));
  return index;
}

int MapController::moveFacility(int facility, const QGeoCoordinate& to) {
  if (!can_edit() || !to.isValid() || facility < 0 || facility >= facility_count()) return -1;
  const QString name = QString::fromStdString(current_->session->area().facilities[size_t(facility)].name);
  current_->session->move_facility(facility, to.longitude(), to.latitude());
  selected_facility_ = facility;
  after_edit(tr("Moved %1").arg(name));
  return facility;
}

int MapController::removeFacility(int facility) {
  if (!can_edit() || facility < 0 || facility >= facility_count()) return -1;
  const QString name = QString::fromStdString(current_->session->area().facilities[size_t(facility)].name);
  current_->session->remove_facility(facility);
  selected_facility_ = -1;  // later indices have shifted
  after_edit(tr("Removed %1").arg(name));
  return facility;
}

int MapController::acceptProposal(int proposal) {
  if (!can_edit() || !has_proposals() || proposal < 0 || size_t(proposal) >= proposal_->run->proposals.size() ||
      proposalAccepted(proposal)) {
    return -1;
  }
  const planner::Proposal& p = proposal_->run->proposals[size_t(proposal)];
  // Proposals are for new inclusive nurseries (planner/siting.h).
  const QString name = QString::fromStdString(p.site.name.empty() ? p.site.id : p.site.name);
  const int index = addFacility(QGeoCoordinate(p.site.lat, p.site.lon), p.site.places, true, QString(),
                                name.isEmpty() ? tr("Proposed site %1").arg(p.rank) : name);
  if (index >= 0) {
    accepted_[size_t(proposal)] = 1;
    emit proposalChanged();
  }
  return index;
}

bool MapController::proposalAccepted(int proposal) const {
  return proposal >= 0 && size_t(proposal) < accepted_.size() && accepted_[size_t(proposal)];
}

// ---- Language -----------------------------------------------------------------

void MapController::set_language(const QString& language) {
  const bool chinese = language.startsWith(QStringLiteral("zh"));
  if (language_set_ && chinese == chinese_) return;
  language_set_ = true;
  chinese_ = chinese;
  locale_ = chinese ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English, QLocale::UnitedStates);
  if (translator_installed_) {
    QCoreApplication::removeTranslator(&translator_);
    translator_installed_ = false;
  }
  if (chinese && translator_.isEmpty() && !translator_.load(QStringLiteral(":/i18n/tuowei-map_zh_CN.qm"))) {
    qWarning("tuowei-map: the Chinese translation is missing from the build");
  }
  if (chinese && !translator_.isEmpty()) translator_installed_ = QCoreApplication::installTranslator(&translator_);
  if (engine_) engine_->retranslate();
  table_model_->set_language(chinese_, locale_);
  recolor();
  stage_ = stage_text(raw_stage_);
  emit languageChanged();
  emit progressChanged();
  emit indicatorsChanged();
  emit indicatorChanged();
  emit projectChanged();
  emit proposalChanged();
  update_info();
}

// ---- Exports --------------------------------------------------------------------

QString MapController::exportGeoPackage(const QString& file_or_url) {
  const auto run = this->run();
  if (!run) return tr("Open a project first.");
  try {
    // The facilities and indicators as they are now; catchments and deserts
    // only while they still match the facilities (no what-if edit yet).
    const planner::IndicatorTable& table = current_->session ? current_->session->table() : run->table;
    planner::write_geopackage(localPath(file_or_url).toStdString(), run->area, table,
                              run->access && edits_ == 0 ? &*run->access : nullptr);
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

QString MapController::exportCsv(const QString& file_or_url) {
  const auto run = this->run();
  if (!run) return tr("Open a project first.");
  try {
    const planner::IndicatorTable& table = *shown_table();
    planner::write_indicator_csv(localPath(file_or_url).toStdString(), table.townships,
                                 chinese_ ? planner::Labels::zh : planner::Labels::en, table.has_access);
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

QString MapController::saveWindowImage(QQuickWindow* window, const QString& file_or_url) {
  if (!window) return tr("No window to save.");
  const QString path = localPath(file_or_url);
  const QImage image = window->grabWindow();
  if (image.isNull()) return tr("The window could not be captured.");
  if (!image.save(path, "PNG")) return tr("Cannot write %1.").arg(QDir::toNativeSeparators(path));
  return {};
}

}  // namespace tuowei::ui
