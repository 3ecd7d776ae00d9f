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
  proposals_ = new ProposalPanel(this);
  connect(&loader_, &Worker::progress, this, &MapController::on_progress);
  connect(&loader_, &Worker::finished, this, &MapController::on_loaded);
  connect(&proposer_, &Worker::progress, this, &MapController::on_progress);
  connect(&proposer_, &Worker::finished, this, &MapController::on_proposed);
  connect(&years_, &Worker::progress, this, &MapController::on_progress);
  connect(&years_, &Worker::finished, this, &MapController::on_year);
  connect(&reporter_, &Worker::progress, this, &MapController::on_progress);
  connect(&reporter_, &Worker::finished, this, &MapController::on_report);
  township_shapes_->set_default_color(no_data_color());
  catalog_ = indicator_catalog(false);
  // The interface follows the system locale until the planner picks a language.
  set_language(QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh") : QStringLiteral("en"));
}

MapController::~MapController() {
  if (translator_installed_) QCoreApplication::removeTranslator(&translator_);
}

QString MapController::project_file() const {
  if (state_ == Loading) return loading_file_;
  return current_ ? current_->file : QString();
}

QString MapController::project_name() const {
  if (!study()) return {};
  const auto& p = study()->project();
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

void MapController::setYear(int year) {
  if (!current_ || !analysis() || state_ != Ready || year == this->year()) return;
  proposer_.cancel();
  std::shared_ptr<const LoadedProject> from = current_;
  raw_stage_ = QStringLiteral("accessibility");
  stage_ = tr("Population at the end of %1").arg(year);
  progress_ = 0.0;
  years_.start([from, year](const planner::Progress& progress) { return change_year(from, year, progress); });
  emit progressChanged();
  emit projectChanged();  // canEdit
}

void MapController::on_year(std::shared_ptr<void> result) {
  auto changed = std::static_pointer_cast<LoadedProject>(result);
  if (changed && changed->current()) {
    show(std::move(changed), true);
    emit yearChanged();
    return;
  }
  // Nothing to show for that year: the state on screen stays, the problems say why.
  planner::Problems problems = changed ? changed->problems : planner::Problems();
  if (changed && !changed->failure.isEmpty()) problems.error(gis::Text("map", "地图"), gis::as_is(changed->failure.toStdString()));
  problems_->set(problems);
  emit progressChanged();
  emit projectChanged();
  emit yearChanged();
}

int MapController::year() const { return analysis() ? analysis()->facilities.year() : 0; }

int MapController::last_year() const {
  if (!study() || base_year() == 0) return 0;
  return std::max(study()->project().targets.horizon_year, base_year());
}

QString MapController::year_text() const {
  if (!analysis() || year() == 0) return {};
  if (year() == base_year()) {
    return tr("%1, as the data describe it").arg(year());
  }
  return tr("%1, projected from %2").arg(year()).arg(base_year());
}

void MapController::cancel() {
  if (reporter_.running()) {
    reporter_.cancel();
    emit progressChanged();
    emit projectChanged();
  }
  if (years_.running()) {
    years_.cancel();
    emit progressChanged();
    emit projectChanged();
  }
  if (proposer_.running()) {
    proposer_.cancel();
    emit proposalChanged();
    emit progressChanged();
  }
  if (state_ != Loading) return;
  loader_.cancel();
  // Back to what was on screen before: the previous project, or nothing.
  set_state(analysis() ? Ready : current_ ? Failed : Empty);
  emit progressChanged();
  emit projectChanged();
}

QString MapController::stage_text(const QString& stage) const {
  // planner's stage names (study.h Progress, access.cpp, siting/propose.cpp), as the planner reads them.
  if (stage == QLatin1String("reading project")) return tr("Reading the project file");
  if (stage == QLatin1String("reading townships and facilities")) return tr("Reading townships and facilities");
  if (stage == QLatin1String("population")) return tr("Population per township");
  if (stage == QLatin1String("accessibility")) return tr("Accessibility: places per child");
  if (stage == QLatin1String("desert polygons")) return tr("Service deserts");
  if (stage == QLatin1String("writing outputs")) return tr("Writing results");
  if (stage == QLatin1String("preparing the map")) return tr("Preparing the map");
  if (stage == QLatin1String("candidates")) return tr("Candidate sites");
  if (stage == QLatin1String("solving")) return tr("Choosing sites");
  if (stage == QLatin1String("after the proposals")) return tr("Indicators with the proposed sites");
  if (stage == QLatin1String("equity")) return tr("Equity of access");
  if (stage == QLatin1String("writing the report")) return tr("Writing the report");
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

void MapController::show(std::shared_ptr<LoadedProject> result, bool same_project) {
  current_ = std::move(result);
  proposals_->clear();
  show_after_ = false;
  proposal_symbols_->set({}, {});
  selected_proposal_ = -1;
  if (!same_project) {
    selected_township_ = selected_facility_ = -1;
    selection_shapes_->set_parts({});
    edits_ = 0;
    last_edit_.clear();
  }
  before_rows_.clear();
  current_rows_.clear();
  set_problems();

  if (const planner::Analysis* a = analysis()) {
    catalog_ = indicator_catalog(a->table.has_access);
    for (const planner::IndicatorRow& r : a->table.townships) {
      before_rows_.push_back(planner::indicator_row_json(r, a->table.has_access));
    }
    current_rows_ = before_rows_;
  } else {
    catalog_ = indicator_catalog(false);
  }
  if (!same_project) filter_->set_county(QString());
  set_rows();
  township_shapes_->set_parts(current_->content.townships);
  catchment_shapes_->set_parts(current_->content.catchments);
  desert_shapes_->set_parts(current_->content.deserts);
  facility_symbols_->set(current_->content.facilities, current_->content.facility_styles);
  if (!info_of(indicator_)) indicator_ = "places_per_1000";
  const int column = table_model_->column_of(indicator_);
  if (column >= 0) filter_->sortBy(column, false);
  recolor();
  set_state(analysis() ? Ready : Failed);
  emit progressChanged();
  emit projectChanged();
  emit proposalChanged();
  emit showAfterChanged();
  emit editsChanged();
  emit indicatorsChanged();
  emit indicatorChanged();
  emit selectionChanged();
  update_info();
  if (!same_project) emit loaded();
}

void MapController::show_content(MapContent content) {
  auto shown = std::make_shared<LoadedProject>();
  shown->content = std::move(content);
  current_ = shown;
  before_rows_.clear();
  current_rows_.clear();
  proposals_->clear();
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
  if (const planner::Study* s = study()) {
    const Basemap basemap = basemap_for(s->project().map.tile_url);
    if (!basemap.problem.isEmpty()) {
      // The map's own words come from Qt's translations (basemap.problem) or
      // carry both languages here.
      problems.warning(gis::as_is(s->project().file.filename().string() + ", [map] tile_url"),
                       gis::as_is(basemap.problem.toStdString()),
                       gis::Text("use a {z}/{x}/{y}.png tile URL, or leave tile_url out",
                                 "请使用 {z}/{x}/{y}.png 形式的瓦片地址，或删去 tile_url"));
    }
  }
  if (const ProposalResult* p = proposals_->result(); p && !p->run) {
    // A proposal that could not be run: its problems after the project's.
    if (!p->failure.isEmpty()) problems.error(gis::Text("site proposals", "选址建议"), gis::as_is(p->failure.toStdString()));
    for (const planner::Problem& pr : p->problems.all()) {
      if (pr.severity == planner::Severity::error) problems.error(pr.where, pr.message, pr.fix);
    }
  }
  problems_->set(problems);
}

// ---- Site proposals ---------------------------------------------------------

QVariantMap MapController::proposal_defaults() const {
  QVariantMap d{{"sites", 5}, {"objective", "coverage"}, {"radius", 300.0}};
  if (const planner::Study* s = study()) {
    d["sites"] = s->project().proposals.sites;
    d["objective"] = QString::fromUtf8(planner::name(s->project().proposals.objective));
    d["radius"] = s->project().access.radius_m;
  }
  return d;
}

void MapController::proposeSites(int sites, const QString& objective, double radius_m) {
  if (state_ != Ready || !analysis() || proposing()) return;
  const std::optional<planner::Objective> parsed = planner::parse_objective(objective.toStdString());
  if (!parsed) return;
  ProposalSettings settings;
  settings.sites = sites;
  settings.objective = *parsed;
  settings.radius_m = radius_m;
  raw_stage_ = QStringLiteral("reading project");
  stage_ = stage_text(raw_stage_);
  progress_ = 0.0;
  // The state on screen: edits are blocked while the job runs (can_edit).
  std::shared_ptr<LoadedProject> project = current_;
  proposer_.start([project, settings](const planner::Progress& progress) {
    return propose_sites(project->study, *project->current(), settings, progress);
  });
  emit proposalChanged();
  emit progressChanged();
  emit projectChanged();
}

void MapController::on_proposed(std::shared_ptr<void> result) {
  auto proposal = std::static_pointer_cast<ProposalResult>(result);
  if (!proposal) {
    proposal = std::make_shared<ProposalResult>();
    proposal->failure = tr("Proposing sites failed unexpectedly.");
  }
  proposals_->set(proposal, before_rows_.size());
  selected_proposal_ = -1;
  if (proposals_->has_run()) {
    proposal_symbols_->set(proposal->sites, {kProposalStyle});
    show_after_ = !proposals_->after_rows().empty();
  } else {
    proposal_symbols_->set({}, {});
    show_after_ = false;
  }
  set_problems();
  set_rows();
  recolor();
  emit progressChanged();
  emit proposalChanged();
  emit projectChanged();
  emit showAfterChanged();
  emit selectionChanged();
  update_info();
  emit proposed();
}

void MapController::set_show_after(bool after) {
  if (after == show_after_) return;
  show_after_ = after && has_proposals() && !proposals_->after_rows().empty();
  set_rows();
  recolor();
  update_info();
  emit showAfterChanged();
}

QVariantList MapController::proposals() const {
  return study() ? proposals_->list(study()->townships(), locale_) : QVariantList();
}

QString MapController::proposal_summary() const { return proposals_->summary(locale_); }

QGeoCoordinate MapController::proposalCoordinate(int proposal) const { return proposals_->coordinate(proposal); }

// ---- Indicators, colours, legend --------------------------------------------

const IndicatorInfo* MapController::info_of(const std::string& name) const {
  for (const IndicatorInfo& i : catalog_) {
    if (i.name == name) return &i;
  }
  return nullptr;
}

const std::vector<nlohmann::json>& MapController::shown_rows() const {
  return show_after() ? proposals_->after_rows() : current_rows_;
}

const planner::IndicatorTable* MapController::shown_table() const {
  if (show_after()) return &proposals_->run().after_table;
  if (const planner::Analysis* a = analysis()) return &a->table;
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
  // The last class is open above once the state shown has changed.
  Choropleth c = make_choropleth(
      values_of(before_rows_), values_of(shown_rows()), info->palette, show_after() || edits_ > 0,
      [&](double v) { return format_value(nlohmann::json(v), info->format, locale_); }, tr("No data"));
  township_shapes_->set_feature_colors(std::move(c.colors));
  for (const Choropleth::Entry& e : c.legend) {
    legend_.append(QVariantMap{{"color", e.color}, {"label", e.label}, {"count", e.count}});
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
  if (const planner::Analysis* a = analysis()) {
    for (const planner::IndicatorRow& p : a->table.parents) out << QString::fromStdString(p.name);
  }
  return out;
}

QGeoRectangle MapController::bounds() const { return current_ ? current_->content.bounds : QGeoRectangle(); }

QString MapController::tile_host() const {
  return study() ? basemap_for(study()->project().map.tile_url).custom_host : QString();
}

bool MapController::has_access() const { return analysis() && analysis()->access.has_value(); }

int MapController::township_count() const { return study() ? int(study()->townships().size()) : 0; }

int MapController::facility_count() const { return analysis() ? int(analysis()->facilities.size()) : 0; }

QString MapController::summary() const {
  const planner::IndicatorTable* t = analysis() ? shown_table() : nullptr;
  if (!t) return {};
  QString text = tr("%1 townships · %2 facilities · %3 places per 1,000 residents (target %4)")
                     .arg(township_count())
                     .arg(facility_count())
                     .arg(std::isnan(t->total.places_per_1000) ? QStringLiteral("–")
                                                               : locale_.toString(t->total.places_per_1000, 'f', 2))
                     .arg(locale_.toString(t->targets.places_per_1000, 'g', 4));
  if (year() != 0 && year() != base_year()) text += QStringLiteral(" · ") + tr("population of %1").arg(year());
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
  if (proposal < 0 || size_t(proposal) >= proposals_->size()) proposal = -1;
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
  // The study's township index: the same answer as every analysis gives.
  if (!study() || !at.isValid()) return -1;
  return study()->township_index().at(at.longitude(), at.latitude());
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
  const planner::Analysis* a = analysis();
  if (!a) return {};
  if (proposal >= 0 && size_t(proposal) < proposals_->size()) {
    return InfoPanelText::proposal_hover(proposals_->run().proposals[size_t(proposal)], locale_);
  }
  if (facility >= 0 && size_t(facility) < a->facilities.size()) {
    return InfoPanelText::facility_hover(a->facilities[size_t(facility)], locale_);
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

void MapController::set_info(const InfoPanelText::Content& content) {
  info_title_ = content.title;
  info_subtitle_ = content.subtitle;
  info_rows_ = content.rows;
}

void MapController::update_info() {
  set_info({});
  const planner::Analysis* a = analysis();
  if (a && selected_township_ >= 0 && selected_township_ < int(before_rows_.size())) {
    set_info(InfoPanelText::township(shown_rows()[size_t(selected_township_)], before_rows_[size_t(selected_township_)],
                                     catalog_, indicator_, chinese_, locale_));
  } else if (a && selected_facility_ >= 0 && size_t(selected_facility_) < a->facilities.size()) {
    const planner::Catchment* catchment =
        a->access && size_t(selected_facility_) < a->access->catchments.size()
            ? &a->access->catchments[size_t(selected_facility_)]
            : nullptr;
    set_info(InfoPanelText::facility(a->facilities[size_t(selected_facility_)], study()->townships(), catchment,
                                     locale_));
  } else if (a && selected_proposal_ >= 0 && size_t(selected_proposal_) < proposals_->size()) {
    const planner::ProposalRun& r = proposals_->run();
    set_info(InfoPanelText::proposal(r.proposals[size_t(selected_proposal_)],
                                     ProposalPanel::unit_text(r.objective_unit), study()->townships(), locale_));
  }
  emit infoChanged();
}

// ---- What-if edits ---------------------------------------------------------------

QString MapController::defaultFacilityType() const {
  if (current_ && !current_->content.facility_classes.empty()) return current_->content.facility_classes[0].type;
  return QString();
}

void MapController::after_edit(EditKind kind, int facility, const QString& what) {
  ++edits_;
  const planner::Session& session = *current_->session;
  const planner::IndicatorTable& table = session.table();
  current_rows_.clear();
  for (const planner::IndicatorRow& r : table.townships) current_rows_.push_back(planner::indicator_row_json(r, table.has_access));
  // Only what the edit changed is drawn again.
  update_after_edit(current_->content, session, kind, facility);
  facility_symbols_->set(current_->content.facilities, current_->content.facility_styles);
  catchment_shapes_->set_parts(current_->content.catchments);
  if (!session.redrawn_deserts().empty()) desert_shapes_->set_parts(current_->content.deserts);
  QStringList changed;
  for (int t : session.changed_townships()) {
    if (t >= 0 && size_t(t) < session.study().townships().size()) {
      changed << QString::fromStdString(session.study().townships()[size_t(t)].name);
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
  after_edit(EditKind::added, index, tr("Added %1").arg(QString::fromStdString(f.name)));
  return index;
}

int MapController::moveFacility(int facility, const QGeoCoordinate& to) {
  if (!can_edit() || !to.isValid() || facility < 0 || facility >= facility_count()) return -1;
  const QString name = QString::fromStdString(current_->session->facilities()[size_t(facility)].name);
  current_->session->move_facility(facility, to.longitude(), to.latitude());
  selected_facility_ = facility;
  after_edit(EditKind::moved, facility, tr("Moved %1").arg(name));
  return facility;
}

int MapController::removeFacility(int facility) {
  if (!can_edit() || facility < 0 || facility >= facility_count()) return -1;
  const QString name = QString::fromStdString(current_->session->facilities()[size_t(facility)].name);
  current_->session->remove_facility(facility);
  selected_facility_ = -1;  // later indices have shifted
  after_edit(EditKind::removed, facility, tr("Removed %1").arg(name));
  return facility;
}

int MapController::acceptProposal(int proposal) {
  if (!can_edit() || proposal < 0 || size_t(proposal) >= proposals_->size() || proposalAccepted(proposal)) {
    return -1;
  }
  const planner::Proposal& p = proposals_->run().proposals[size_t(proposal)];
  // Proposals are for new inclusive nurseries (planner/siting/propose.h).
  const QString name = QString::fromStdString(p.site.name.empty() ? p.site.id : p.site.name);
  const int index = addFacility(QGeoCoordinate(p.site.lat, p.site.lon), p.site.places, true, QString(),
                                name.isEmpty() ? tr("Proposed site %1").arg(p.rank) : name);
  if (index >= 0) {
    proposals_->mark_accepted(proposal);
    emit proposalChanged();
  }
  return index;
}

bool MapController::proposalAccepted(int proposal) const { return proposals_->accepted(proposal); }

// ---- Language -----------------------------------------------------------------

void MapController::set_language(const QString& language) {
  const bool chinese = language.startsWith(QStringLiteral("zh"));
  if (language_set_ && chinese == chinese_) return;
  language_set_ = true;
  chinese_ = chinese;
  // The planner's messages (warnings of the run, errors) follow the switch.
  gis::set_language(chinese ? gis::Lang::zh : gis::Lang::en);
  problems_->relanguage();
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
  const planner::Analysis* a = analysis();
  if (!a) return tr("Open a project first.");
  try {
    // The facilities, indicators, catchments and deserts as they are now.
    planner::write_geopackage(localPath(file_or_url).toStdString(), a->facilities, a->table,
                              a->access ? &*a->access : nullptr);
    return {};
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
}

void MapController::exportReport(const QString& folder_or_url) {
  if (!analysis() || !current_->current()->access || busy()) {
    emit reportExported(tr("Open a project with catchments first."), QString());
    return;
  }
  report_folder_ = localPath(folder_or_url);
  std::shared_ptr<const LoadedProject> project = current_;
  std::shared_ptr<const ProposalResult> proposals = show_after() ? proposals_->shared_result() : nullptr;
  const planner::Labels labels = chinese_ ? planner::Labels::zh : planner::Labels::en;
  const QString folder = report_folder_;
  raw_stage_ = QStringLiteral("writing the report");
  stage_ = stage_text(raw_stage_);
  progress_ = 0.0;
  reporter_.start([project, proposals, folder, labels](const planner::Progress& progress) {
    return export_report(project, proposals, folder, labels, progress);
  });
  emit progressChanged();
  emit projectChanged();  // canEdit
}

void MapController::on_report(std::shared_ptr<void> result) {
  auto r = std::static_pointer_cast<ReportResult>(result);
  emit progressChanged();
  emit projectChanged();
  if (!r) {
    emit reportExported(tr("Writing the report failed unexpectedly."), report_folder_);
    return;
  }
  emit reportExported(r->error, report_folder_);
}

QString MapController::exportCsv(const QString& file_or_url) {
  if (!analysis()) return tr("Open a project first.");
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
