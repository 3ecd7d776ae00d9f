// What the QML window talks to: opens a project and proposes sites (each on
// a worker), holds the loaded study and its what-if session, and exposes
// them as models: township shapes coloured by the chosen indicator,
// facility and proposed-site symbols, catchments, deserts, the ranking
// table, the legend, the info panel and the problems. Selection is kept
// here so that the map and the tables follow each other.
//
// Its parts: planner_jobs.h (planner calls on the worker), info_panel.h
// (what the info panel says), proposal_panel.h (the proposed sites),
// what_if.h (redrawing after an edit).
#pragma once

#include <QGeoCoordinate>
#include <QGeoRectangle>
#include <QLocale>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTranslator>
#include <QVariantList>
#include <QVariantMap>

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "ui/choropleth.h"
#include "ui/info_panel.h"
#include "ui/indicator_text.h"
#include "ui/planner_jobs.h"
#include "ui/point_layer.h"
#include "ui/problem_model.h"
#include "ui/proposal_panel.h"
#include "ui/shape_model.h"
#include "ui/township_table.h"
#include "ui/what_if.h"
#include "ui/worker.h"

class QQuickWindow;

namespace tuowei::ui {

class MapController : public QObject {
  Q_OBJECT
  Q_PROPERTY(State state READ state NOTIFY stateChanged)
  Q_PROPERTY(QString projectFile READ project_file NOTIFY projectChanged)
  Q_PROPERTY(QString projectName READ project_name NOTIFY projectChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY progressChanged)
  Q_PROPERTY(QString stage READ stage NOTIFY progressChanged)
  Q_PROPERTY(double progress READ progress NOTIFY progressChanged)
  Q_PROPERTY(tuowei::ui::ProblemListModel* problems READ problems CONSTANT)
  Q_PROPERTY(tuowei::ui::ShapeListModel* townshipShapes READ township_shapes CONSTANT)
  Q_PROPERTY(tuowei::ui::ShapeListModel* selectionShapes READ selection_shapes CONSTANT)
  Q_PROPERTY(tuowei::ui::ShapeListModel* catchmentShapes READ catchment_shapes CONSTANT)
  Q_PROPERTY(tuowei::ui::ShapeListModel* desertShapes READ desert_shapes CONSTANT)
  Q_PROPERTY(tuowei::ui::PointSymbolSet* facilitySymbols READ facility_symbols CONSTANT)
  Q_PROPERTY(tuowei::ui::PointSymbolSet* proposalSymbols READ proposal_symbols CONSTANT)
  Q_PROPERTY(tuowei::ui::TownshipFilterModel* table READ table CONSTANT)
  Q_PROPERTY(QVariantList indicators READ indicators NOTIFY indicatorsChanged)
  Q_PROPERTY(QString indicator READ indicator WRITE set_indicator NOTIFY indicatorChanged)
  Q_PROPERTY(QString indicatorLabel READ indicator_label NOTIFY indicatorChanged)
  Q_PROPERTY(QVariantList legend READ legend NOTIFY legendChanged)
  Q_PROPERTY(QVariantList facilityLegend READ facility_legend NOTIFY legendChanged)
  Q_PROPERTY(QStringList counties READ counties NOTIFY projectChanged)
  Q_PROPERTY(int selectedTownship READ selected_township NOTIFY selectionChanged)
  Q_PROPERTY(int selectedFacility READ selected_facility NOTIFY selectionChanged)
  Q_PROPERTY(int selectedProposal READ selected_proposal NOTIFY selectionChanged)
  Q_PROPERTY(QString infoTitle READ info_title NOTIFY infoChanged)
  Q_PROPERTY(QString infoSubtitle READ info_subtitle NOTIFY infoChanged)
  Q_PROPERTY(QVariantList infoRows READ info_rows NOTIFY infoChanged)
  Q_PROPERTY(QGeoRectangle bounds READ bounds NOTIFY projectChanged)
  Q_PROPERTY(QString tileHost READ tile_host NOTIFY projectChanged)
  Q_PROPERTY(bool hasAccess READ has_access NOTIFY projectChanged)
  Q_PROPERTY(int townshipCount READ township_count NOTIFY projectChanged)
  Q_PROPERTY(int facilityCount READ facility_count NOTIFY projectChanged)
  Q_PROPERTY(QString summary READ summary NOTIFY infoChanged)
  Q_PROPERTY(QString language READ language WRITE set_language NOTIFY languageChanged)
  // The population's year: the data's (baseYear) or a later one up to
  // lastYear (0 when the data state no year).
  Q_PROPERTY(int year READ year NOTIFY projectChanged)
  Q_PROPERTY(int baseYear READ base_year NOTIFY projectChanged)
  Q_PROPERTY(int lastYear READ last_year NOTIFY projectChanged)
  Q_PROPERTY(QString yearText READ year_text NOTIFY projectChanged)
  // Site proposals.
  Q_PROPERTY(bool proposing READ proposing NOTIFY proposalChanged)
  Q_PROPERTY(bool hasProposals READ has_proposals NOTIFY proposalChanged)
  Q_PROPERTY(QVariantList proposals READ proposals NOTIFY proposalChanged)
  Q_PROPERTY(QString proposalSummary READ proposal_summary NOTIFY proposalChanged)
  Q_PROPERTY(QVariantMap proposalDefaults READ proposal_defaults NOTIFY projectChanged)
  Q_PROPERTY(QVariantList objectives READ objectives NOTIFY languageChanged)
  Q_PROPERTY(bool showAfter READ show_after WRITE set_show_after NOTIFY showAfterChanged)
  // What-if edits.
  Q_PROPERTY(bool canEdit READ can_edit NOTIFY projectChanged)
  Q_PROPERTY(int edits READ edits NOTIFY editsChanged)
  Q_PROPERTY(QString lastEdit READ last_edit NOTIFY editsChanged)

 public:
  enum State { Empty, Loading, Ready, Failed };
  Q_ENUM(State)

  explicit MapController(QObject* parent = nullptr);
  ~MapController() override;

  // For switching languages at run time (QQmlEngine::retranslate).
  void set_engine(QQmlEngine* engine) { engine_ = engine; }

  State state() const { return state_; }
  QString project_file() const;
  QString project_name() const;
  bool busy() const { return state_ == Loading || proposing() || years_.running() || reporter_.running(); }
  QString stage() const { return stage_; }
  double progress() const { return progress_; }
  ProblemListModel* problems() const { return problems_; }
  ShapeListModel* township_shapes() const { return township_shapes_; }
  ShapeListModel* selection_shapes() const { return selection_shapes_; }
  ShapeListModel* catchment_shapes() const { return catchment_shapes_; }
  ShapeListModel* desert_shapes() const { return desert_shapes_; }
  PointSymbolSet* facility_symbols() const { return facility_symbols_; }
  PointSymbolSet* proposal_symbols() const { return proposal_symbols_; }
  TownshipFilterModel* table() const { return filter_; }
  QVariantList indicators() const;
  QString indicator() const { return QString::fromStdString(indicator_); }
  void set_indicator(const QString& name);
  QString indicator_label() const;
  QVariantList legend() const { return legend_; }
  QVariantList facility_legend() const;
  QStringList counties() const;
  int selected_township() const { return selected_township_; }
  int selected_facility() const { return selected_facility_; }
  int selected_proposal() const { return selected_proposal_; }
  QString info_title() const { return info_title_; }
  QString info_subtitle() const { return info_subtitle_; }
  QVariantList info_rows() const { return info_rows_; }
  QGeoRectangle bounds() const;
  QString tile_host() const;
  bool has_access() const;
  int township_count() const;
  int facility_count() const;
  QString summary() const;
  QString language() const { return chinese_ ? QStringLiteral("zh") : QStringLiteral("en"); }
  void set_language(const QString& language);
  bool proposing() const { return proposer_.running(); }
  bool has_proposals() const { return proposals_->has_run(); }
  QVariantList proposals() const;
  QString proposal_summary() const;
  QVariantMap proposal_defaults() const;
  QVariantList objectives() const { return ProposalPanel::objectives(); }
  bool show_after() const { return show_after_ && has_proposals(); }
  void set_show_after(bool after);
  bool can_edit() const {
    return current_ && current_->session && proposal_state_ok() && !years_.running() && !reporter_.running();
  }
  int year() const;
  int base_year() const { return study() ? study()->base_year() : 0; }
  int last_year() const;
  QString year_text() const;
  int edits() const { return edits_; }
  QString last_edit() const { return last_edit_; }
  // The indicators on display now: after the proposals (when shown), else
  // after the what-if edits, else as loaded.
  const planner::IndicatorTable* shown_table() const;

  // The analysis on display, what-if edits included (null before a
  // project is open), and the study it lies over.
  const planner::Analysis* analysis() const { return current_ ? current_->current() : nullptr; }
  const planner::Study* study() const { return current_ ? current_->study.get() : nullptr; }
  // Shows display geometry with no planner run behind it (bench/map).
  void show_content(MapContent content);

  // A path or a file: URL (from a file dialog).
  Q_INVOKABLE void open(const QString& file_or_url);
  // Proposes sites for new facilities (planner::propose) on a worker, on the
  // state on screen (what-if edits included).
  Q_INVOKABLE void proposeSites(int sites, const QString& objective, double radius_m);
  // Analyses the state on screen (what-if edits included) again for the
  // population at the end of `year`, on a worker; proposals are cleared.
  Q_INVOKABLE void setYear(int year);
  // Cancels whatever runs: opening a project, changing the year or
  // proposing sites.
  Q_INVOKABLE void cancel();
  Q_INVOKABLE void selectTownship(int township);
  Q_INVOKABLE void selectFacility(int facility);
  Q_INVOKABLE void selectProposal(int proposal);
  Q_INVOKABLE void clearSelection();
  Q_INVOKABLE int townshipAt(const QGeoCoordinate& at) const;
  // The township with this name or code, or -1.
  Q_INVOKABLE int findTownship(const QString& name_or_code) const;
  Q_INVOKABLE QGeoRectangle townshipBounds(int township) const;
  Q_INVOKABLE QGeoCoordinate proposalCoordinate(int proposal) const;
  // One or two lines for a tooltip: the name and the mapped indicator.
  Q_INVOKABLE QString hoverText(int township, int facility, int proposal = -1) const;
  // Each returns "" when written, else what went wrong.
  Q_INVOKABLE QString exportGeoPackage(const QString& file_or_url);
  Q_INVOKABLE QString exportCsv(const QString& file_or_url);
  // report.xlsx and report.pdf of the state on screen (proposals included
  // when shown) into a folder, on a worker; reportExported() says how it went.
  Q_INVOKABLE void exportReport(const QString& folder_or_url);
  Q_INVOKABLE QString saveWindowImage(QQuickWindow* window, const QString& file_or_url);
  Q_INVOKABLE QString localPath(const QString& file_or_url) const;

  // What-if edits through planner::Session; each updates every view at once
  // and returns the facility's index (-1 when nothing was done).
  Q_INVOKABLE int addFacility(const QGeoCoordinate& at, double places, bool inclusive, const QString& type,
                              const QString& name);
  Q_INVOKABLE int moveFacility(int facility, const QGeoCoordinate& to);
  Q_INVOKABLE int removeFacility(int facility);
  // Builds a proposed site as an inclusive facility with its places.
  Q_INVOKABLE int acceptProposal(int proposal);
  Q_INVOKABLE bool proposalAccepted(int proposal) const;
  // The most common facility type: what a new facility is by default.
  Q_INVOKABLE QString defaultFacilityType() const;

 signals:
  void stateChanged();
  void projectChanged();
  void progressChanged();
  void indicatorsChanged();
  void indicatorChanged();
  void legendChanged();
  void selectionChanged();
  void infoChanged();
  void languageChanged();
  void proposalChanged();
  void showAfterChanged();
  void editsChanged();
  // A project finished loading (or failed): the map fits the study area.
  void loaded();
  // Site proposals finished (or failed).
  void proposed();
  // Another year's population is on screen (setYear), or it failed.
  void yearChanged();
  // The report was written ("" and the folder) or not (what went wrong).
  void reportExported(const QString& error, const QString& folder);

 private:
  void set_state(State s);
  void on_progress(const QString& stage, double fraction);
  void on_loaded(std::shared_ptr<void> result);
  void on_proposed(std::shared_ptr<void> result);
  void on_year(std::shared_ptr<void> result);
  void on_report(std::shared_ptr<void> result);
  // Shows a loaded project; with `same_project` (another year of the one
  // on screen) the selection, the indicator and the edit count stay and the
  // map keeps its view.
  void show(std::shared_ptr<LoadedProject> result, bool same_project = false);
  void set_rows();
  void recolor();
  void update_info();
  void set_problems();
  void set_info(const InfoPanelText::Content& content);
  void after_edit(EditKind kind, int facility, const QString& what);
  bool proposal_state_ok() const { return !proposer_.running(); }
  const std::vector<nlohmann::json>& shown_rows() const;
  QString stage_text(const QString& stage) const;
  const IndicatorInfo* info_of(const std::string& name) const;

  QPointer<QQmlEngine> engine_;
  QTranslator translator_;
  bool translator_installed_ = false;
  bool language_set_ = false;
  bool chinese_ = true;
  QLocale locale_;

  Worker loader_;
  Worker proposer_;
  Worker years_;
  Worker reporter_;
  QString report_folder_;
  State state_ = Empty;
  QString stage_, raw_stage_, loading_file_;
  double progress_ = 0.0;
  std::shared_ptr<LoadedProject> current_;
  ProposalPanel* proposals_;
  bool show_after_ = false;
  std::vector<IndicatorInfo> catalog_;
  std::vector<nlohmann::json> before_rows_;  // planner::indicator_row_json per township, as loaded
  std::vector<nlohmann::json> current_rows_;  // ... after the what-if edits
  int edits_ = 0;
  QString last_edit_;
  std::string indicator_ = "places_per_1000";
  QVariantList legend_;

  ProblemListModel* problems_;
  ShapeListModel* township_shapes_;
  ShapeListModel* selection_shapes_;
  ShapeListModel* catchment_shapes_;
  ShapeListModel* desert_shapes_;
  PointSymbolSet* facility_symbols_;
  PointSymbolSet* proposal_symbols_;
  TownshipTableModel* table_model_;
  TownshipFilterModel* filter_;

  int selected_township_ = -1, selected_facility_ = -1, selected_proposal_ = -1;
  QString info_title_, info_subtitle_;
  QVariantList info_rows_;
};

}  // namespace tuowei::ui
