/*
 * The JSON of the conclusion and the capacity plan (src/report/
 * report_sim_plan.c), for sv_report_sim_json to place in its document.
 */
#ifndef SV_REPORT_SIM_PLAN_H
#define SV_REPORT_SIM_PLAN_H

#include <jansson.h>

#include "samverkan/report_sim.h"

/* The "conclusion" of inputs[scenario] (1 or more) against inputs[0]. */
json_t *sv_report_sim_conclusion_json(const sv_sim_report *report, size_t scenario);

/* The "capacity" object: the target and each service point's slots. */
json_t *sv_report_sim_plan_json(const sv_sim_report *report);

#endif
