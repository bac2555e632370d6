/*
 * samverkan: check cooperation agreements between public agencies, modelled
 * in YAML, as graphs. The umbrella header: include this to use the library.
 * The first call is sv_library_init (samverkan/library.h). The stages, in
 * the order data flows: tree (load), schema, model, graph, rules, report,
 * render.
 */
#ifndef SAMVERKAN_SAMVERKAN_H
#define SAMVERKAN_SAMVERKAN_H

#include "samverkan/export.h"
#include "samverkan/version.h"
#include "samverkan/library.h"
#include "samverkan/diag.h"
#include "samverkan/source.h"
#include "samverkan/tree.h"
#include "samverkan/model.h"
#include "samverkan/schema.h"
#include "samverkan/graph.h"
#include "samverkan/rules.h"
#include "samverkan/report.h"
#include "samverkan/render.h"
#include "samverkan/audit.h"
#include "samverkan/config.h"
#include "samverkan/check.h"
#include "samverkan/diff.h"
#include "samverkan/metrics.h"
#include "samverkan/sim.h"
#include "samverkan/report_sim.h"
#include "samverkan/report_html.h"

#endif
