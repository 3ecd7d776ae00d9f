// The Chinese for planner/'s messages, one file per part of planner/ so the
// catalogue is edited beside the code it speaks for. Each entry: the English
// exactly as written in say() (adjacent literals joined), then the Chinese
// with the same placeholders in the same order.
#pragma once

#include "gis/text.h"

namespace tuowei::planner::lang {

using Entry = gis::Catalogue::Entry;
using Range = gis::Catalogue::Range;

Range zh_inputs();    // project, inputs, facilities, official tables, study
Range zh_analysis();  // demand, indicators, access, deserts, projection, equity, region, session
Range zh_siting();    // siting/
Range zh_outputs();   // outputs, write_results, postgis_output, qgis_styles, report/
Range zh_cli();       // cli/main.cpp

}  // namespace tuowei::planner::lang
