/*
 * Comparing two models (see samverkan/diff.h). Every element is described
 * as a list of fields with canonical text values (references by id, lists
 * sorted, numbers with %g), elements are matched by id (a reporting flow
 * without id by sender, receivers and subject), and the field lists are
 * compared. A scenario's merges say which removed ids became which new one.
 * Beside each canonical value (compared, and written to JSON) a field keeps
 * the text a reader reads: numbers in the style of the message language
 * with three significant digits (days to a tenth), enumeration words in
 * that language. Findings are matched by rule, element and message; those
 * left over are paired by rule and element: the same finding with another
 * message ("3 parties" -> "4 parties") has changed.
 */
#include "samverkan/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/number.h"
#include "util/strmap.h"

typedef struct field {
    const char *name;
    char *value;     /* canonical */
    char *text;      /* for a reader; NULL: the value */
    sv_change_topic topic;
} field;

typedef struct fields {
    field items[16];
    size_t count;
} fields;

typedef struct strbuf {
    char *text;
    size_t len, cap;
} strbuf;

static void sb_add(strbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *grown = realloc(b->text, cap);
        if (!grown)
            return;
        b->text = grown;
        b->cap = cap;
    }
    memcpy(b->text + b->len, s, n + 1);
    b->len += n;
}

static char *sb_take(strbuf *b)
{
    if (!b->text)
        return strdup("");
    return b->text;
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *id_of(const sv_model *m, sv_id el)
{
    return el == SV_NONE ? "" : (m->elements[el].id ? m->elements[el].id : "");
}

/* "a, b, c": a list of references, sorted (order in a list means nothing). */
static char *refs_text(const sv_model *m, const sv_refs *refs)
{
    const char **ids = malloc((refs->count ? refs->count : 1) * sizeof *ids);
    strbuf b = {0};
    if (!ids)
        return strdup("");
    for (uint32_t i = 0; i < refs->count; i++)
        ids[i] = id_of(m, refs->items[i].target);
    qsort(ids, refs->count, sizeof *ids, compare_str);
    for (uint32_t i = 0; i < refs->count; i++) {
        if (i)
            sb_add(&b, ", ");
        sb_add(&b, ids[i]);
    }
    free(ids);
    return sb_take(&b);
}

static char *text_of(const char *s)
{
    return strdup(s ? s : "");
}

static char *number_text(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%g", v);
    return strdup(buf);
}

/* A field with the text a reader reads beside its canonical value (text
 * NULL: the value reads as it is). */
static void add_shown(fields *f, const char *name, char *value, char *text, sv_change_topic topic)
{
    if (f->count < 16) {
        f->items[f->count++] = (field){name, value ? value : strdup(""), text, topic};
    } else {
        free(value);
        free(text);
    }
}

static void add(fields *f, const char *name, char *value, sv_change_topic topic)
{
    add_shown(f, name, value, NULL, topic);
}

static void fields_free(fields *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].value);
        free(f->items[i].text);
    }
    f->count = 0;
}

/* ---- values as a reader reads them ---- */

/* A number with three significant digits and no exponent, in the style of
 * the message language: 391.667 -> "392", 0.861111 -> "0.861". */
static void humane_number(char *buf, size_t size, double v)
{
    double a = v < 0 ? -v : v;
    sv_number_format(buf, size, a >= 1000 ? "%.0f" : "%.3g", v);
}

/* Days: three significant digits, but not finer than a tenth of a day. */
static void humane_days(char *buf, size_t size, double v)
{
    double a = v < 0 ? -v : v;
    if (a >= 100) {
        sv_number_format(buf, size, "%.0f", v);
        return;
    }
    char c[64];
    snprintf(c, sizeof c, "%.1f", v);
    size_t n = strlen(c);
    if (n > 2 && strcmp(c + n - 2, ".0") == 0)
        c[n - 2] = '\0';
    sv_number_style style;
    sv_number_style_of_language(&style);
    sv_number_restyle(buf, size, c, &style);
}

static char *humane_number_text(double v)
{
    char buf[64];
    humane_number(buf, sizeof buf, v);
    return strdup(buf);
}

static char *cadence_text(sv_cadence cadence)
{
    return text_of(cadence ? sv_cadence_label(cadence) : "");
}

static char *year_values_text(const sv_year_value *v, uint32_t n, bool humane)
{
    strbuf b = {0};
    for (uint32_t i = 0; i < n; i++) {
        char one[96], number[64];
        if (humane)
            humane_number(number, sizeof number, v[i].value);
        else
            snprintf(number, sizeof number, "%g", v[i].value);
        snprintf(one, sizeof one, "%s%d: %s", i ? ", " : "", v[i].year, number);
        sb_add(&b, one);
    }
    return sb_take(&b);
}

/* `meets` as compared: the cadence word, or (format 1.1) the written
 * form, so that 6 and 5 times a year differ though both are quarterly. */
static char *meets_text(const sv_model *m, sv_cadence cadence, const sv_meets *form)
{
    char buf[160];
    const char *name = cadence ? sv_cadence_name(cadence) : "";
    switch (form->form) {
    case SV_MEETS_TIMES_PER_YEAR:
        if (form->times_min == form->times_max)
            snprintf(buf, sizeof buf, "{times_per_year: %d} (%s)", form->times_min, name);
        else
            snprintf(buf, sizeof buf, "{times_per_year: [%d, %d]} (%s)", form->times_min,
                     form->times_max, name);
        return strdup(buf);
    case SV_MEETS_PER_TERM:
        snprintf(buf, sizeof buf, "{per_term: %d} (%s)", form->times_min, name);
        return strdup(buf);
    case SV_MEETS_BEFORE:
        snprintf(buf, sizeof buf, "{before: %s, days: %d} (%s)", id_of(m, form->before.target),
                 form->before_days, name);
        return strdup(buf);
    case SV_MEETS_CADENCE:
        break;
    }
    return text_of(name);
}

static char *delegation_text(const sv_model *m, const sv_delegation *d)
{
    if (!d->present)
        return strdup("");
    strbuf b = {0};
    sb_add(&b, "{from: ");
    sb_add(&b, id_of(m, d->from.target));
    sb_add(&b, ", scope: ");
    sb_add(&b, d->scope ? d->scope : "");
    sb_add(&b, "}");
    return sb_take(&b);
}

/* agreement.unknown as written: "goals, reporting", or "" */
static char *unknown_text(unsigned unknown)
{
    strbuf b = {0};
    for (int s = 0; s < SV_UNKNOWN_SECTION_COUNT; s++) {
        if (!(unknown & (1u << s)))
            continue;
        if (b.len)
            sb_add(&b, ", ");
        sb_add(&b, sv_unknown_section_name((sv_unknown_section)s));
    }
    return sb_take(&b);
}

static const char *elected_text(sv_elected e)
{
    return e == SV_ELECTED_YES ? "true" : e == SV_ELECTED_NO ? "false" : "";
}

static void describe(const sv_model *m, sv_id el, fields *f)
{
    const sv_element *e = &m->elements[el];
    f->count = 0;
    if (e->kind != SV_KIND_REPORTING)
        add(f, "name", text_of(e->name), SV_TOPIC_OTHER);
    switch (e->kind) {
    case SV_KIND_AGREEMENT:
        add(f, "audited", refs_text(m, &m->agreement.audited), SV_TOPIC_OTHER);
        add(f, "year", number_text(m->agreement.year), SV_TOPIC_OTHER);
        add(f, "kind", text_of(sv_agreement_kind_name(m->agreement.kind)), SV_TOPIC_OTHER);
        add(f, "unknown", unknown_text(m->agreement.unknown), SV_TOPIC_OTHER);
        break;
    case SV_KIND_PARTY: {
        const sv_party *p = &m->parties[e->index];
        add(f, "kind", text_of(sv_party_kind_name(p->kind)), SV_TOPIC_OTHER);
        add(f, "part_of", text_of(id_of(m, p->part_of.target)), SV_TOPIC_OTHER);
        add(f, "signatory", text_of(p->signatory ? "true" : "false"), SV_TOPIC_OTHER);
        break;
    }
    case SV_KIND_ROLE:
        add(f, "party", text_of(id_of(m, m->roles[e->index].party.target)), SV_TOPIC_OTHER);
        add(f, "elected", text_of(elected_text(m->roles[e->index].elected)), SV_TOPIC_OTHER);
        add(f, "leads", refs_text(m, &m->roles[e->index].leads), SV_TOPIC_OTHER);
        break;
    case SV_KIND_PERSON:
        add(f, "roles", refs_text(m, &m->people[e->index].roles), SV_TOPIC_OTHER);
        add(f, "party", text_of(id_of(m, m->people[e->index].party.target)), SV_TOPIC_OTHER);
        add(f, "elected", text_of(elected_text(m->people[e->index].elected)), SV_TOPIC_OTHER);
        add(f, "leads", refs_text(m, &m->people[e->index].leads), SV_TOPIC_OTHER);
        add(f, "delegation", delegation_text(m, &m->people[e->index].delegation), SV_TOPIC_OTHER);
        break;
    case SV_KIND_BODY: {
        const sv_body *b = &m->bodies[e->index];
        add_shown(f, "level", text_of(sv_level_name(b->level)), text_of(sv_level_label(b->level)),
                  SV_TOPIC_OTHER);
        add_shown(f, "kind", text_of(sv_body_kind_name(b->kind)), text_of(sv_body_kind_label(b->kind)),
                  SV_TOPIC_OTHER);
        add(f, "members", refs_text(m, &b->members), SV_TOPIC_SEATS);
        add(f, "chair", text_of(id_of(m, b->chair.target)), SV_TOPIC_CHAIRS);
        add(f, "reports_to", text_of(id_of(m, b->reports_to.target)), SV_TOPIC_REPORTING);
        add(f, "party_count", b->party_count >= 0 ? number_text(b->party_count) : strdup(""),
            SV_TOPIC_OTHER);
        add_shown(f, "meets", meets_text(m, b->meets, &b->meets_form),
                  b->meets_form.form == SV_MEETS_CADENCE ? cadence_text(b->meets) : NULL,
                  SV_TOPIC_OTHER);
        add(f, "deputies", refs_text(m, &b->deputies), SV_TOPIC_SEATS);
        add(f, "votes", text_of(sv_votes_name(b->votes)), SV_TOPIC_OTHER);
        add(f, "delegation", delegation_text(m, &b->delegation), SV_TOPIC_OTHER);
        add(f, "led_by", text_of(id_of(m, b->led_by.target)), SV_TOPIC_CHAIRS);
        /* format 1.1: the one entry for many */
        add(f, "for_each",
            b->for_each == SV_FOR_EACH_PARTIES ? refs_text(m, &b->for_each_parties)
                                               : text_of(b->for_each == SV_FOR_EACH_MUNICIPALITY
                                                             ? "municipality"
                                                         : b->for_each == SV_FOR_EACH_PROJECT
                                                             ? "project"
                                                             : ""),
            SV_TOPIC_OTHER);
        break;
    }
    case SV_KIND_PROCESS:
        add(f, "runs_at", refs_text(m, &m->processes[e->index].runs_at), SV_TOPIC_OTHER);
        add(f, "owner", text_of(id_of(m, m->processes[e->index].owner.target)), SV_TOPIC_OTHER);
        break;
    case SV_KIND_STEP: {
        const sv_step *s = &m->steps[e->index];
        add_shown(f, "kind", text_of(sv_step_kind_name(s->kind)), text_of(sv_step_kind_label(s->kind)),
                  SV_TOPIC_OTHER);
        add(f, "responsible", refs_text(m, &s->responsible), SV_TOPIC_RACI);
        add(f, "accountable", refs_text(m, &s->accountable), SV_TOPIC_RACI);
        add(f, "consulted", refs_text(m, &s->consulted), SV_TOPIC_RACI);
        add(f, "informed", refs_text(m, &s->informed), SV_TOPIC_RACI);
        strbuf next = {0};
        for (uint32_t k = 0; k < s->next_count; k++) {
            if (k)
                sb_add(&next, ", ");
            sb_add(&next, id_of(m, s->next[k].to.target));
        }
        add(f, "next", sb_take(&next), SV_TOPIC_OTHER);
        add_shown(f, "meets", meets_text(m, s->meets, &s->meets_form),
                  s->meets_form.form == SV_MEETS_CADENCE ? cadence_text(s->meets) : NULL,
                  SV_TOPIC_OTHER);
        break;
    }
    case SV_KIND_GOAL:
        add(f, "owner", text_of(id_of(m, m->goals[e->index].owner.target)), SV_TOPIC_OTHER);
        add(f, "contributes_to", refs_text(m, &m->goals[e->index].contributes_to), SV_TOPIC_OTHER);
        break;
    case SV_KIND_INDICATOR: {
        const sv_indicator *ind = &m->indicators[e->index];
        add_shown(f, "baseline", year_values_text(ind->baseline, ind->baseline_count, false),
                  year_values_text(ind->baseline, ind->baseline_count, true), SV_TOPIC_OTHER);
        add_shown(f, "targets", year_values_text(ind->targets, ind->target_count, false),
                  year_values_text(ind->targets, ind->target_count, true), SV_TOPIC_OTHER);
        break;
    }
    case SV_KIND_REPORTING: {
        const sv_reporting *r = &m->reporting[e->index];
        add(f, "from", text_of(id_of(m, r->from.target)), SV_TOPIC_REPORTING);
        add(f, "to", refs_text(m, &r->to), SV_TOPIC_REPORTING);
        add(f, "what", text_of(r->what), SV_TOPIC_REPORTING);
        add(f, "covers", refs_text(m, &r->covers), SV_TOPIC_REPORTING);
        add_shown(f, "meets", text_of(r->meets ? sv_cadence_name(r->meets) : ""),
                  cadence_text(r->meets), SV_TOPIC_REPORTING);
        break;
    }
    case SV_KIND_PROJECT: {
        const sv_project *p = &m->projects[e->index];
        add(f, "kind", text_of(sv_project_kind_name(p->kind)), SV_TOPIC_OTHER);
        add(f, "owner", text_of(id_of(m, p->owner.target)), SV_TOPIC_OTHER);
        add(f, "financiers", refs_text(m, &p->financiers), SV_TOPIC_OTHER);
        add(f, "steering_group", text_of(id_of(m, p->steering_group.target)), SV_TOPIC_OTHER);
        add(f, "evaluation", text_of(id_of(m, p->evaluation_by.target)), SV_TOPIC_OTHER);
        break;
    }
    case SV_KIND_COUNT:
        break;
    }
}

static void describe_service_point(const sv_service_point *sp, fields *f)
{
    f->count = 0;
    add_shown(f, "arrivals_per_month", number_text(sp->arrivals_per_month),
              humane_number_text(sp->arrivals_per_month), SV_TOPIC_QUEUE);
    add(f, "slots", number_text(sp->slots), SV_TOPIC_QUEUE);
    add_shown(f, "intake", text_of(sp->intake ? sv_cadence_name(sp->intake) : ""),
              text_of(sp->intake ? sv_cadence_label(sp->intake) : _("continuous")), SV_TOPIC_QUEUE);
    char d[128] = "", shown[160] = "";
    if (sp->has_duration) {
        const sv_duration *du = &sp->duration;
        snprintf(d, sizeof d, "%s, mean_days %g, cv %g", sv_dist_name(du->dist), du->mean_days,
                 du->cv);
        char mean[64], cv[64];
        humane_days(mean, sizeof mean, du->mean_days);
        if (du->dist == SV_DIST_EXPONENTIAL || du->dist == SV_DIST_FIXED) {
            snprintf(shown, sizeof shown, _("%s, mean %s days"), sv_dist_name(du->dist), mean);
        } else {
            sv_number_format(cv, sizeof cv, "%.2g", du->cv);
            snprintf(shown, sizeof shown, _("%s, mean %s days, cv %s"), sv_dist_name(du->dist),
                     mean, cv);
        }
    }
    add_shown(f, "duration", strdup(d), strdup(shown), SV_TOPIC_QUEUE);
    strbuf o = {0}, t = {0};
    for (uint32_t i = 0; i < sp->outcome_count; i++) {
        char one[160], share[64];
        snprintf(one, sizeof one, "%s%s: %g", i ? ", " : "", sp->outcomes[i].label, sp->outcomes[i].share);
        sb_add(&o, one);
        humane_number(share, sizeof share, 100 * sp->outcomes[i].share);
        /* TRANSLATORS: an outcome and its share: "arbete 25.1 %" */
        snprintf(one, sizeof one, _("%s %s %%"), sp->outcomes[i].label, share);
        if (i)
            sb_add(&t, ", ");
        sb_add(&t, one);
    }
    add_shown(f, "outcomes", sb_take(&o), sb_take(&t), SV_TOPIC_QUEUE);
}

/* The key by which elements are matched: the id, or for a reporting flow
 * without one, its sender, receivers and subject. */
static char *match_key(const sv_model *m, sv_id el)
{
    const sv_element *e = &m->elements[el];
    if (e->kind != SV_KIND_REPORTING || (e->id && !strchr(e->id, '#')))
        return strdup(e->id ? e->id : "");
    const sv_reporting *r = &m->reporting[e->index];
    char *to = refs_text(m, &r->to);
    size_t n = strlen(id_of(m, r->from.target)) + strlen(to) + strlen(r->what ? r->what : "") + 8;
    char *key = malloc(n);
    if (key)
        snprintf(key, n, "%s -> %s: %s", id_of(m, r->from.target), to, r->what ? r->what : "");
    free(to);
    return key;
}

static const char *kind_label(sv_kind kind)
{
    return sv_kind_name(kind);
}

const char *sv_change_kind_label(const char *kind_name)
{
    if (strcmp(kind_name, "service point") == 0)
        return _("service point");
    for (int k = 0; k < SV_KIND_COUNT; k++)
        if (strcmp(kind_name, sv_kind_name((sv_kind)k)) == 0)
            return sv_kind_label((sv_kind)k);
    return kind_name;
}

typedef struct builder {
    sv_diff *d;
    size_t cap;
    bool failed;
} builder;

static sv_change *push(builder *b)
{
    if (b->d->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 32;
        sv_change *grown = realloc(b->d->changes, cap * sizeof *grown);
        if (!grown) {
            b->failed = true;
            return NULL;
        }
        b->d->changes = grown;
        b->cap = cap;
    }
    sv_change *c = &b->d->changes[b->d->count++];
    memset(c, 0, sizeof *c);
    return c;
}

/* Is merge `mg` of b already one of a's (b is a scenario built on a)? */
static bool merge_in(const sv_model *a, const sv_merge *mg)
{
    for (uint32_t i = 0; i < a->merge_count; i++)
        if (strcmp(a->merges[i].into, mg->into) == 0)
            return true;
    return false;
}

/* Was `id` of model a merged into something in b? */
static const sv_merge *merged_into(const sv_model *b, const char *id)
{
    for (uint32_t i = 0; i < b->merge_count; i++)
        for (uint32_t p = 0; p < b->merges[i].part_count; p++)
            if (strcmp(b->merges[i].parts[p], id) == 0)
                return &b->merges[i];
    return NULL;
}

/* `before` with every merged part's id replaced by what it became, as a
 * sorted list: equal to `after` when only the merge changed the field. */
static bool only_redirected(const sv_model *b, const char *before, const char *after)
{
    if (!b->merge_count)
        return false;
    char *copy = strdup(before);
    const char *items[256];
    size_t n = 0;
    for (char *tok = strtok(copy, ", "); tok && n < 256; tok = strtok(NULL, ", ")) {
        const sv_merge *mg = merged_into(b, tok);
        const char *mapped = mg ? mg->into : tok;
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++)
            seen = strcmp(items[i], mapped) == 0;
        if (!seen)
            items[n++] = mapped;
    }
    qsort(items, n, sizeof *items, compare_str);
    strbuf s = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_add(&s, ", ");
        sb_add(&s, items[i]);
    }
    char *mapped = sb_take(&s);
    bool same = strcmp(mapped, after) == 0;
    free(mapped);
    free(copy);
    return same;
}

static void compare_fields(builder *bl, const sv_model *b, const char *kind, const char *element,
                           fields *fa, fields *fb, sv_pos pos)
{
    for (size_t i = 0; i < fa->count && i < fb->count; i++) {
        if (strcmp(fa->items[i].value, fb->items[i].value) == 0)
            continue;
        sv_change *c = push(bl);
        if (!c)
            return;
        c->kind = SV_CHANGE_CHANGED;
        c->topic = fa->items[i].topic;
        c->kind_name = kind;
        c->element = strdup(element);
        c->field = fa->items[i].name;
        c->before = fa->items[i].value;
        c->after = fb->items[i].value;
        c->before_text = fa->items[i].text ? fa->items[i].text : strdup(c->before);
        c->after_text = fb->items[i].text ? fb->items[i].text : strdup(c->after);
        fa->items[i].value = fa->items[i].text = NULL;
        fb->items[i].value = fb->items[i].text = NULL;
        c->redirected = only_redirected(b, c->before, c->after);
        c->pos = pos;
    }
}

static void fields_clear(fields *f)
{
    fields_free(f);
}

static int build_index(sv_strmap *map, char ***keys, const sv_model *m)
{
    sv_strmap_init(map);
    *keys = calloc(m->element_count ? m->element_count : 1, sizeof **keys);
    if (!*keys)
        return -1;
    for (sv_id el = 0; el < m->element_count; el++) {
        (*keys)[el] = match_key(m, el);
        if (!(*keys)[el] || sv_strmap_put(map, (*keys)[el], strlen((*keys)[el]), el, NULL) < 0)
            return -1;
    }
    return 0;
}

static void free_index(sv_strmap *map, char **keys, const sv_model *m)
{
    for (sv_id el = 0; keys && el < m->element_count; el++)
        free(keys[el]);
    free(keys);
    sv_strmap_free(map);
}

static int compare_findings(sv_diff *d, const sv_model *a, const sv_findings *fa, const sv_model *b,
                            const sv_findings *fb)
{
    size_t cap = fa->count + fb->count + 1;
    d->findings = calloc(cap, sizeof *d->findings);
    if (!d->findings)
        return -1;
    /* findings are the same when rule, element and message are: positions
     * move between a base and a scenario */
    sv_strmap in_a, in_b;
    sv_strmap_init(&in_a);
    sv_strmap_init(&in_b);
    char **ka = calloc(fa->count + 1, sizeof *ka), **kb = calloc(fb->count + 1, sizeof *kb);
    int result = -1;
    if (!ka || !kb)
        goto done;
    for (size_t i = 0; i < fa->count; i++) {
        const sv_finding *f = &fa->items[i];
        size_t n = strlen(f->message) + strlen(id_of(a, f->element)) + 16;
        if (!(ka[i] = malloc(n)))
            goto done;
        snprintf(ka[i], n, "%zu|%s|%s", f->rule, id_of(a, f->element), f->message);
        sv_strmap_put(&in_a, ka[i], strlen(ka[i]), (uint32_t)i, NULL);
    }
    for (size_t i = 0; i < fb->count; i++) {
        const sv_finding *f = &fb->items[i];
        size_t n = strlen(f->message) + strlen(id_of(b, f->element)) + 16;
        if (!(kb[i] = malloc(n)))
            goto done;
        snprintf(kb[i], n, "%zu|%s|%s", f->rule, id_of(b, f->element), f->message);
        sv_strmap_put(&in_b, kb[i], strlen(kb[i]), (uint32_t)i, NULL);
    }
    /* left over on both sides: the same rule and element with another
       message has changed, paired in order through a chain per key */
    sv_strmap left_a;
    sv_strmap_init(&left_a);
    uint32_t *next = malloc((fa->count + 1) * sizeof *next);
    char **ra = calloc(fa->count + 1, sizeof *ra), **rb = calloc(fb->count + 1, sizeof *rb);
    bool *paired_a = calloc(fa->count + 1, sizeof *paired_a);
    uint32_t *head = NULL, *tail = NULL;
    size_t keys = 0;
    if (!next || !ra || !rb || !paired_a)
        goto pairs_done;
    head = malloc((fa->count + 1) * sizeof *head);
    tail = malloc((fa->count + 1) * sizeof *tail);
    if (!head || !tail)
        goto pairs_done;
    for (size_t i = 0; i < fa->count; i++) {
        const sv_finding *f = &fa->items[i];
        next[i] = UINT32_MAX;
        if (f->suppressed || sv_strmap_get(&in_b, ka[i], strlen(ka[i]), NULL))
            continue;
        size_t n = strlen(id_of(a, f->element)) + 24;
        if (!(ra[i] = malloc(n)))
            goto pairs_done;
        snprintf(ra[i], n, "%zu|%s", f->rule, id_of(a, f->element));
        uint32_t k;
        if (sv_strmap_get(&left_a, ra[i], strlen(ra[i]), &k)) {
            next[tail[k]] = (uint32_t)i;
            tail[k] = (uint32_t)i;
        } else {
            head[keys] = tail[keys] = (uint32_t)i;
            if (sv_strmap_put(&left_a, ra[i], strlen(ra[i]), (uint32_t)keys, NULL) < 0)
                goto pairs_done;
            keys++;
        }
    }
    for (size_t i = 0; i < fb->count; i++) {
        const sv_finding *f = &fb->items[i];
        if (f->suppressed || sv_strmap_get(&in_a, kb[i], strlen(kb[i]), NULL))
            continue;
        size_t n = strlen(id_of(b, f->element)) + 24;
        if (!(rb[i] = malloc(n)))
            goto pairs_done;
        snprintf(rb[i], n, "%zu|%s", f->rule, id_of(b, f->element));
        uint32_t k;
        if (f->element != SV_NONE && sv_strmap_get(&left_a, rb[i], strlen(rb[i]), &k) &&
            head[k] != UINT32_MAX) {
            uint32_t j = head[k];
            head[k] = next[j];
            paired_a[j] = true;
            d->findings[d->finding_count++] = (sv_finding_change){false, f, &fa->items[j], b};
        } else {
            d->findings[d->finding_count++] = (sv_finding_change){true, f, NULL, b};
        }
    }
    for (size_t i = 0; i < fa->count; i++)
        if (ra[i] && !paired_a[i])
            d->findings[d->finding_count++] = (sv_finding_change){false, &fa->items[i], NULL, a};
    result = 0;
pairs_done:
    for (size_t i = 0; ra && i < fa->count; i++)
        free(ra[i]);
    for (size_t i = 0; rb && i < fb->count; i++)
        free(rb[i]);
    free(ra);
    free(rb);
    free(next);
    free(head);
    free(tail);
    free(paired_a);
    sv_strmap_free(&left_a);
    if (result != 0)
        goto done;
done:
    for (size_t i = 0; ka && i < fa->count; i++)
        free(ka[i]);
    for (size_t i = 0; kb && i < fb->count; i++)
        free(kb[i]);
    free(ka);
    free(kb);
    sv_strmap_free(&in_a);
    sv_strmap_free(&in_b);
    return result;
}

int sv_diff_models(sv_diff *out, const sv_model *a, const sv_findings *fa, const sv_model *b,
                   const sv_findings *fb)
{
    memset(out, 0, sizeof *out);
    builder bl = {out, 0, false};
    sv_strmap ia = {0}, ib = {0};
    char **ka = NULL, **kb = NULL;
    if (build_index(&ia, &ka, a) != 0 || build_index(&ib, &kb, b) != 0)
        bl.failed = true;
    fields f1 = {0}, f2 = {0};
    /* merges first: they explain ids that are gone and one that is new */
    for (uint32_t i = 0; !bl.failed && i < b->merge_count; i++) {
        const sv_merge *mg = &b->merges[i];
        if (merge_in(a, mg))
            continue;
        sv_id into = sv_model_find(b, mg->into);
        sv_change *c = push(&bl);
        if (!c)
            break;
        c->kind = SV_CHANGE_MERGED;
        c->topic = SV_TOPIC_OTHER;
        c->kind_name = into != SV_NONE ? kind_label(b->elements[into].kind) : "";
        c->element = strdup(mg->into);
        strbuf parts = {0};
        for (uint32_t p = 0; p < mg->part_count; p++) {
            if (p)
                sb_add(&parts, ", ");
            sb_add(&parts, mg->parts[p]);
        }
        c->parts = sb_take(&parts);
        c->pos = mg->pos;
    }
    /* removed and changed, in A's order */
    for (sv_id el = 0; !bl.failed && el < a->element_count; el++) {
        uint32_t other;
        const sv_element *e = &a->elements[el];
        if (!sv_strmap_get(&ib, ka[el], strlen(ka[el]), &other) || b->elements[other].kind != e->kind) {
            if (merged_into(b, ka[el]))
                continue;
            sv_change *c = push(&bl);
            if (!c)
                break;
            c->kind = SV_CHANGE_REMOVED;
            c->topic = e->kind == SV_KIND_REPORTING ? SV_TOPIC_REPORTING : SV_TOPIC_OTHER;
            c->kind_name = kind_label(e->kind);
            c->element = strdup(ka[el]);
            c->pos = e->pos;
            continue;
        }
        describe(a, el, &f1);
        describe(b, other, &f2);
        compare_fields(&bl, b, kind_label(e->kind), ka[el], &f1, &f2, b->elements[other].pos);
        fields_clear(&f1);
        fields_clear(&f2);
    }
    /* added, in B's order (a merge's result is said above) */
    for (sv_id el = 0; !bl.failed && el < b->element_count; el++) {
        uint32_t other;
        const sv_element *e = &b->elements[el];
        if (sv_strmap_get(&ia, kb[el], strlen(kb[el]), &other) && a->elements[other].kind == e->kind)
            continue;
        bool is_merge = false;
        for (uint32_t i = 0; i < b->merge_count && !is_merge; i++)
            is_merge = strcmp(b->merges[i].into, kb[el]) == 0 && !merge_in(a, &b->merges[i]);
        if (is_merge)
            continue;
        sv_change *c = push(&bl);
        if (!c)
            break;
        c->kind = SV_CHANGE_ADDED;
        c->topic = e->kind == SV_KIND_REPORTING ? SV_TOPIC_REPORTING : SV_TOPIC_OTHER;
        c->kind_name = kind_label(e->kind);
        c->element = strdup(kb[el]);
        c->pos = e->pos;
    }
    /* queue facts, matched by their service point: a's service points
     * listed by the element they sit at (first_at, then next_at, in their
     * order), so that each of b's finds its own by the id table instead of
     * comparing with every one of a's (quadratic: 58,570 service points
     * took longer than 15 minutes) */
    uint32_t *first_at = malloc((a->element_count ? a->element_count : 1) * sizeof *first_at);
    uint32_t *next_at = malloc((a->service_point_count ? a->service_point_count : 1) *
                               sizeof *next_at);
    if (!first_at || !next_at)
        bl.failed = true;
    for (uint32_t el = 0; !bl.failed && el < a->element_count; el++)
        first_at[el] = UINT32_MAX;
    for (uint32_t k = a->service_point_count; !bl.failed && k-- > 0;) {
        sv_id el = a->service_points[k].at.target;
        next_at[k] = UINT32_MAX;
        if (el != SV_NONE && el < a->element_count && a->elements[el].id) {
            next_at[k] = first_at[el];
            first_at[el] = k;
        }
    }
    for (uint32_t i = 0; !bl.failed && i < b->service_point_count; i++) {
        const sv_service_point *sb = &b->service_points[i];
        const char *at = id_of(b, sb->at.target);
        /* a service point at no element (a model with load errors) is
         * matched by the empty id, as the others by theirs */
        bool by_id = *at != 0;
        sv_id el = by_id ? sv_model_find(a, at) : SV_NONE;
        uint32_t k = !by_id ? 0 : el != SV_NONE ? first_at[el] : UINT32_MAX;
        for (; k < a->service_point_count; k = by_id ? next_at[k] : k + 1) {
            const sv_service_point *sa = &a->service_points[k];
            if (strcmp(id_of(a, sa->at.target), at) != 0)
                continue;
            describe_service_point(sa, &f1);
            describe_service_point(sb, &f2);
            compare_fields(&bl, b, "service point", at, &f1, &f2, sb->pos);
            fields_clear(&f1);
            fields_clear(&f2);
        }
    }
    free(first_at);
    free(next_at);
    /* a merged service point: its combined facts beside those of the parts */
    for (uint32_t i = 0; !bl.failed && i < b->merge_count; i++) {
        const sv_merge *mg = &b->merges[i];
        if (merge_in(a, mg))
            continue;
        const sv_service_point *sb = NULL;
        for (uint32_t k = 0; k < b->service_point_count && !sb; k++)
            if (strcmp(id_of(b, b->service_points[k].at.target), mg->into) == 0)
                sb = &b->service_points[k];
        if (!sb)
            continue;
        describe_service_point(sb, &f2);
        fields before = {0};
        for (size_t f = 0; f < f2.count; f++)
            add(&before, f2.items[f].name, NULL, SV_TOPIC_QUEUE);
        for (uint32_t p = 0; p < mg->part_count; p++) {
            for (uint32_t k = 0; k < a->service_point_count; k++) {
                if (strcmp(id_of(a, a->service_points[k].at.target), mg->parts[p]) != 0)
                    continue;
                describe_service_point(&a->service_points[k], &f1);
                for (size_t f = 0; f < f1.count && f < before.count; f++) {
                    strbuf joined = {0}, shown = {0};
                    const char *part_text = f1.items[f].text ? f1.items[f].text : f1.items[f].value;
                    sb_add(&joined, before.items[f].value);
                    sb_add(&shown, before.items[f].text ? before.items[f].text : "");
                    if (*before.items[f].value) {
                        sb_add(&joined, "; ");
                        sb_add(&shown, "; ");
                    }
                    sb_add(&joined, mg->parts[p]);
                    sb_add(&joined, ": ");
                    sb_add(&joined, f1.items[f].value);
                    sb_add(&shown, mg->parts[p]);
                    sb_add(&shown, ": ");
                    sb_add(&shown, part_text);
                    free(before.items[f].value);
                    free(before.items[f].text);
                    before.items[f].value = sb_take(&joined);
                    before.items[f].text = sb_take(&shown);
                }
                fields_clear(&f1);
            }
        }
        compare_fields(&bl, b, "service point", mg->into, &before, &f2, sb->pos);
        fields_clear(&before);
        fields_clear(&f2);
    }
    if (!bl.failed && compare_findings(out, a, fa, b, fb) != 0)
        bl.failed = true;
    fields_free(&f1);
    fields_free(&f2);
    free_index(&ia, ka, a);
    free_index(&ib, kb, b);
    if (bl.failed) {
        sv_diff_free(out);
        return -1;
    }
    return 0;
}

void sv_diff_free(sv_diff *diff)
{
    if (!diff)
        return;
    for (size_t i = 0; i < diff->count; i++) {
        free(diff->changes[i].element);
        free(diff->changes[i].parts);
        free(diff->changes[i].before);
        free(diff->changes[i].after);
        free(diff->changes[i].before_text);
        free(diff->changes[i].after_text);
    }
    free(diff->changes);
    free(diff->findings);
    memset(diff, 0, sizeof *diff);
}

const char *sv_change_topic_name(sv_change_topic topic)
{
    static const char *const names[] = {"seats", "chairs", "reporting", "raci", "queue", "other"};
    return (unsigned)topic < SV_TOPIC_COUNT ? names[topic] : "?";
}
