/*
 * The conclusion and the capacity plan of `simulate` (and of `report
 * --scenario`): after the table, in plain words with their figures, and as
 * the "conclusion" and "capacity" objects of the JSON (docs/cli.md). The
 * figures come from sv_sim_conclude and sv_sim_plan_result (src/sim); this
 * file only says them. Kept apart from the table (report_sim.c) so that
 * either can change without the other.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_sim_plan.h"
#include "samverkan/report_sim.h"
#include "samverkan/sim.h"
#include "util/i18n.h"
#include "util/number.h"

/* A figure as the table prints it: three or four significant digits. */
static const char *figure(char *buf, size_t size, double v)
{
    double a = fabs(v);
    if (!isfinite(v))
        return strcpy(buf, "–");
    return sv_number_format(buf, size, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f",
                            v);
}

/* A difference with its sign. */
static const char *signed_figure(char *buf, size_t size, double v)
{
    char f[40];
    figure(f, sizeof f, fabs(v));
    snprintf(buf, size, "%s%s", v < 0 ? "−" : "+", f);
    return buf;
}

static const char *name_of(const sv_sim_point *p)
{
    return p && p->queue.name ? p->queue.name : "?";
}

/* "mean wait  5.00 → 6.05 days, +1.05 [+0.45, +1.65]: longer, significant" */
static void difference_line(FILE *out, const char *measure, const sv_sim_difference *d)
{
    char b[64], a[64], df[64], lo[64], hi[64];
    fprintf(out, _("    %s: %s → %s days, difference %s [%s, %s]: "), measure,
            figure(b, sizeof b, d->before), figure(a, sizeof a, d->after),
            signed_figure(df, sizeof df, d->diff), signed_figure(lo, sizeof lo, d->lo),
            signed_figure(hi, sizeof hi, d->hi));
    if (!d->significant)
        fputs(_("no significant difference"), out);
    else if (d->diff > 0)
        fputs(_("longer, significantly"), out);
    else
        fputs(_("shorter, significantly"), out);
    fputc('\n', out);
}

/* Why one side of a group is not compared. */
static void state_line(FILE *out, const char *side, const sv_sim_point *p)
{
    char load[64], missing[64], growth[64];
    switch (sv_sim_point_state(p)) {
    case SV_SIM_STEADY: return;
    case SV_SIM_AT_CAPACITY:
        /* TRANSLATORS: the first %s is "before" or "after" */
        fprintf(out,
                _("    %s: %s is at its capacity (load %s): it does not settle, so its figures\n"
                  "      are those of the months simulated and are not compared as a steady state\n"),
                side, name_of(p), figure(load, sizeof load, p->load));
        return;
    case SV_SIM_UNSTABLE:
        fprintf(out,
                _("    %s: %s is unstable (load %s): %s slots are missing, and its queue grows by "
                  "%s a month\n"),
                side, name_of(p), figure(load, sizeof load, p->load),
                figure(missing, sizeof missing, sv_sim_slots_missing(&p->queue)),
                figure(growth, sizeof growth, p->queue_growth_per_month.mean));
        return;
    }
}

/* How an interval of a difference was found. */
static const char *comparison_words(int pairing)
{
    switch (pairing) {
    case SV_SIM_PAIRED: return _("paired runs (common random numbers)");
    case SV_SIM_MIXED:
        return _("paired runs where the points share their arrivals, the rest independent");
    default: return _("independent runs (Welch)");
    }
}

static const char *comparison_name(int pairing)
{
    return pairing == SV_SIM_PAIRED ? "paired" : pairing == SV_SIM_MIXED ? "mixed" : "welch";
}

static void conclusion_text(FILE *out, const sv_sim_report *r, size_t scenario,
                            const sv_sim_conclusion *c)
{
    /* the inputs by the names the table heads their columns with */
    const char *after = r->names && r->names[scenario] ? r->names[scenario] : r->inputs[scenario];
    const char *before = r->names && r->names[0] ? r->names[0] : r->inputs[0];
    fprintf(out, _("\nconclusion: %s against %s\n"), after, before);
    for (uint32_t k = 0; k < c->group_count; k++) {
        const sv_sim_group *g = &c->groups[k];
        if (!g->after) {
            fprintf(out, _("  %s: not in %s\n"), name_of(g->before), r->inputs[scenario]);
            continue;
        }
        if (g->merged)
            fprintf(out, _("  %s, merged into %s; %s\n"), name_of(g->before), name_of(g->after),
                    comparison_words(g->pairing));
        else
            fprintf(out, _("  %s; %s\n"), name_of(g->before), comparison_words(g->pairing));
        if (g->wait.available)
            difference_line(out, _("mean wait"), &g->wait);
        if (g->lead.available)
            difference_line(out, _("mean lead time"), &g->lead);
        state_line(out, _("before"), g->before);
        state_line(out, _("after"), g->after);
    }
    if (c->unstable) {
        fputs(_("  all service points, each weighted by its arrivals\n"), out);
        fputs(_("    not compared: a service point above is unstable, and its mean only grows "
                "with the run\n"),
              out);
        return;
    }
    fprintf(out, _("  all service points, each weighted by its arrivals; %s\n"),
            comparison_words(c->wait.pairing));
    difference_line(out, _("mean wait"), &c->wait);
    difference_line(out, _("mean lead time"), &c->lead);
    if (!c->steady)
        fputs(_("    not a comparison of steady states: a service point above is at its capacity\n"
                "      or unstable, and its figures depend on the length of the run\n"),
              out);
}

static const char *target_words(char *buf, size_t size, const sv_sim_target *t)
{
    char d[64], s[64];
    figure(d, sizeof d, t->days);
    switch (t->kind) {
    case SV_SIM_TARGET_WAIT: snprintf(buf, size, _("a mean wait of at most %s days"), d); break;
    case SV_SIM_TARGET_LEAD: snprintf(buf, size, _("a mean lead time of at most %s days"), d); break;
    case SV_SIM_TARGET_P90:
        snprintf(buf, size, _("a 90th percentile of the wait of at most %s days"), d);
        break;
    case SV_SIM_TARGET_SHARE_OVER:
        figure(s, sizeof s, t->share * 100);
        snprintf(buf, size, _("at most %s %% waiting more than %s days"), s, d);
        break;
    }
    return buf;
}

/* A value of the target's measure: days, or a share as a percentage. */
static const char *target_value(char *buf, size_t size, const sv_sim_target *t, double v)
{
    char f[64];
    if (t->kind == SV_SIM_TARGET_SHARE_OVER)
        snprintf(buf, size, "%s %%", figure(f, sizeof f, v * 100));
    else
        snprintf(buf, size, _("%s days"), figure(f, sizeof f, v));
    return buf;
}

static void plan_text(FILE *out, const sv_sim_report *r)
{
    char words[160];
    bool staffed = false;
    fprintf(out, _("\ncapacity for %s (%s)\n"), target_words(words, sizeof words, r->target),
            r->inputs[0]);
    for (uint32_t k = 0; k < r->plan_count; k++) {
        const sv_sim_plan *p = &r->plans[k];
        char v[64], lo[64], hi[64], below[64], now[64];
        if (p->slots < 0) {
            fprintf(out, _("  %s: no number of slots up to 100 000 meets it\n"), p->name);
            continue;
        }
        bool share = r->target->kind == SV_SIM_TARGET_SHARE_OVER;
        if (isfinite(p->value_now))
            target_value(now, sizeof now, r->target, p->value_now);
        else
            snprintf(now, sizeof now, "%s", _("unstable"));
        fprintf(out,
                P_("  %s: %d slot (now %d, where it is %s): %s [%s, %s]%s\n",
                   "  %s: %d slots (now %d, where it is %s): %s [%s, %s]%s\n", p->slots),
                p->name, p->slots, p->slots_now, now, target_value(v, sizeof v, r->target, p->value),
                figure(lo, sizeof lo, share ? p->lo * 100 : p->lo),
                figure(hi, sizeof hi, share ? p->hi * 100 : p->hi),
                p->close ? _(", close to the target: decided on the mean") : "");
        if (isfinite(p->value_below))
            fprintf(out, P_("    with %d slot: %s\n", "    with %d slots: %s\n", p->slots - 1), p->slots - 1,
                    target_value(below, sizeof below, r->target, p->value_below));
        else
            fprintf(out, P_("    with %d slot the queue is unstable\n", "    with %d slots the queue is unstable\n",
                       p->slots - 1), p->slots - 1);
        if (p->erlang_c_slots >= 0)
            fprintf(out, P_("    Erlang C: %d slot%s\n", "    Erlang C: %d slots%s\n", p->erlang_c_slots), p->erlang_c_slots,
                    p->erlang_c_slots == p->slots ? _(", confirmed by the simulation") : "");
        else
            fputs(_("    Erlang C does not apply (intake meetings or stays that are not "
                    "exponential): found by simulation\n"),
                  out);
        if (p->staff >= 0) {
            staffed = true;
            fprintf(out,
                    P_("    staff: %d person at %d participants each (now %d)\n",
                       "    staff: %d people at %d participants each (now %d)\n", p->staff),
                    p->staff, p->caseload, p->staff_now);
        }
    }
    if (!staffed)
        fputs(_("  slots only: the model does not say how many slots one person holds "
                "('caseload')\n"),
              out);
}

int sv_report_sim_conclusion_text(FILE *out, const sv_sim_report *r)
{
    for (size_t i = 1; r->conclusions && i < r->input_count; i++)
        conclusion_text(out, r, i, &r->conclusions[i - 1]);
    if (r->plans)
        plan_text(out, r);
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}

/* ---- JSON ---- */

static json_t *real_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static const char *state_name(sv_sim_state s)
{
    return s == SV_SIM_UNSTABLE ? "unstable" : s == SV_SIM_AT_CAPACITY ? "at-capacity" : "steady";
}

static json_t *difference_json(const sv_sim_difference *d)
{
    if (!d->available)
        return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "before", real_or_null(d->before));
    json_object_set_new(o, "after", real_or_null(d->after));
    json_object_set_new(o, "difference", real_or_null(d->diff));
    json_object_set_new(o, "ci95", json_pack("[oo]", real_or_null(d->lo), real_or_null(d->hi)));
    json_object_set_new(o, "significant", json_boolean(d->significant));
    return o;
}

static json_t *side_json(const sv_sim_point *p)
{
    json_t *o = json_object();
    json_object_set_new(o, "service_point", json_string(name_of(p)));
    json_object_set_new(o, "state", json_string(state_name(sv_sim_point_state(p))));
    json_object_set_new(o, "load", real_or_null(p->load));
    if (p->unstable) {
        json_object_set_new(o, "slots_missing", real_or_null(sv_sim_slots_missing(&p->queue)));
        json_object_set_new(o, "queue_growth_per_month", real_or_null(p->queue_growth_per_month.mean));
    }
    return o;
}

json_t *sv_report_sim_conclusion_json(const sv_sim_report *r, size_t scenario)
{
    const sv_sim_conclusion *c = &r->conclusions[scenario - 1];
    json_t *root = json_object();
    json_object_set_new(root, "before", json_string(r->inputs[0]));
    json_object_set_new(root, "after", json_string(r->inputs[scenario]));
    json_t *groups = json_array();
    for (uint32_t k = 0; k < c->group_count; k++) {
        const sv_sim_group *g = &c->groups[k];
        json_t *o = json_object();
        json_object_set_new(o, "service_point", json_string(name_of(g->before)));
        json_object_set_new(o, "after", g->after ? json_string(name_of(g->after)) : json_null());
        json_object_set_new(o, "merged", json_boolean(g->merged));
        json_object_set_new(o, "comparison",
                            json_string(comparison_name(g->pairing)));
        json_object_set_new(o, "state_before", side_json(g->before));
        json_object_set_new(o, "state_after", g->after ? side_json(g->after) : json_null());
        json_object_set_new(o, "wait_mean", difference_json(&g->wait));
        json_object_set_new(o, "lead_mean", difference_json(&g->lead));
        json_array_append_new(groups, o);
    }
    json_object_set_new(root, "groups", groups);
    json_t *all = json_object();
    json_object_set_new(all, "weighted_by", json_string("arrivals_per_month"));
    json_object_set_new(all, "steady", json_boolean(c->steady));
    json_object_set_new(all, "unstable", json_boolean(c->unstable));
    json_object_set_new(all, "comparison",
                        c->unstable ? json_null() : json_string(comparison_name(c->wait.pairing)));
    json_object_set_new(all, "wait_mean", difference_json(&c->wait));
    json_object_set_new(all, "lead_mean", difference_json(&c->lead));
    json_object_set_new(root, "overall", all);
    return root;
}

json_t *sv_report_sim_plan_json(const sv_sim_report *r)
{
    static const char *const kinds[] = {"wait", "lead", "p90", "share-over"};
    json_t *root = json_object();
    json_object_set_new(root, "target", json_string(kinds[r->target->kind]));
    json_object_set_new(root, "days", json_real(r->target->days));
    json_object_set_new(root, "share",
                        r->target->kind == SV_SIM_TARGET_SHARE_OVER ? json_real(r->target->share)
                                                                    : json_null());
    json_t *points = json_array();
    for (uint32_t k = 0; k < r->plan_count; k++) {
        const sv_sim_plan *p = &r->plans[k];
        json_t *o = json_object();
        json_object_set_new(o, "service_point", json_string(p->name ? p->name : "?"));
        json_object_set_new(o, "slots_now", json_integer(p->slots_now));
        json_object_set_new(o, "value_now", real_or_null(p->value_now));
        json_object_set_new(o, "slots", p->slots >= 0 ? json_integer(p->slots) : json_null());
        json_object_set_new(o, "value", real_or_null(p->value));
        json_object_set_new(o, "ci95", json_pack("[oo]", real_or_null(p->lo), real_or_null(p->hi)));
        json_object_set_new(o, "value_one_slot_fewer", real_or_null(p->value_below));
        json_object_set_new(o, "erlang_c_slots",
                            p->erlang_c_slots >= 0 ? json_integer(p->erlang_c_slots) : json_null());
        json_object_set_new(o, "caseload", p->caseload > 0 ? json_integer(p->caseload) : json_null());
        json_object_set_new(o, "staff", p->staff >= 0 ? json_integer(p->staff) : json_null());
        json_object_set_new(o, "staff_now", p->staff_now >= 0 ? json_integer(p->staff_now) : json_null());
        json_object_set_new(o, "erlang_c_staff",
                            p->erlang_c_staff >= 0 ? json_integer(p->erlang_c_staff) : json_null());
        json_object_set_new(o, "close", json_boolean(p->close));
        json_object_set_new(o, "simulations", json_integer(p->simulations));
        json_array_append_new(points, o);
    }
    json_object_set_new(root, "service_points", points);
    return root;
}

/* ---- size ---- */

/* The length of a service point's id, as JSON may escape it (6 bytes a
 * byte at most, "\u00XX"). */
static unsigned long long id_bytes(const sv_model *m, const sv_service_point *sp)
{
    return 6ULL * (sp->at.target < m->element_count ? strlen(m->elements[sp->at.target].id) : 1);
}

unsigned long long sv_report_sim_conclusion_estimate(const sv_model *const *models,
                                                     const char *const *inputs, size_t count,
                                                     bool target)
{
    /* a block's fixed text is under 2 KiB in either language and format;
       each line names at most two points and two inputs */
    unsigned long long total = 0, base_names = 0;
    const sv_model *base = count ? models[0] : NULL;
    for (uint32_t k = 0; base && k < base->service_point_count; k++)
        base_names += id_bytes(base, &base->service_points[k]);
    unsigned long long longest_after = 0;
    for (size_t i = 1; i < count; i++) {
        unsigned long long longest = 0;
        for (uint32_t k = 0; models[i] && k < models[i]->service_point_count; k++) {
            unsigned long long b = id_bytes(models[i], &models[i]->service_points[k]);
            longest = b > longest ? b : longest;
        }
        longest_after = longest;
        total += 4096 + 12ULL * (strlen(inputs[0]) + strlen(inputs[i]));
        total += (base ? base->service_point_count : 0) * (2048 + 4 * longest_after) + 4 * base_names;
    }
    if (target && base)
        total += 2048 + base->service_point_count * 1024ULL + 2 * base_names;
    return total;
}
