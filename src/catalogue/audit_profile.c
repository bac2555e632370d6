/*
 * Reading an audit profile (docs/audit.md, models/samverkan-audit.schema.json):
 * the questions, what each requires, the rules behind each with weight and
 * recommendation, and the parties assessed. A profile is validated like a
 * model: read through the same loader, every mistake reported with its
 * position, and a rule name that matches no rule is an error with a "did
 * you mean" hint, never skipped, since a skipped rule would quietly turn a
 * question's "Delvis" into "Ja".
 */
#include "samverkan/audit_profile.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "samverkan/tree.h"
#include "util/i18n.h"
#include "util/text.h"

/* The audit's own words. */
static const char *const answer_words[] = {"Ja", "Ja, i allt väsentligt", "Delvis", "Nej",
                                           "Kan inte bedömas"};

const char *sv_answer_text(sv_answer answer)
{
    return (unsigned)answer <= SV_ANSWER_KAN_INTE_BEDOMAS ? answer_words[answer] : "?";
}

bool sv_answer_parse(const char *text, sv_answer *out)
{
    for (int a = SV_ANSWER_JA; a <= SV_ANSWER_KAN_INTE_BEDOMAS; a++) {
        if (strcmp(text, answer_words[a]) == 0) {
            *out = (sv_answer)a;
            return true;
        }
    }
    return false;
}

const char *sv_weight_name(sv_weight weight)
{
    static const char *const names[] = {"none", "minor", "major"};
    return (unsigned)weight <= SV_WEIGHT_MAJOR ? names[weight] : "?";
}

const char *sv_weight_label(sv_weight weight)
{
    static const char *const labels[] = {N_("none"), N_("minor"), N_("major")};
    return (unsigned)weight <= SV_WEIGHT_MAJOR ? _(labels[weight]) : "?";
}

/* The bundled profile, generated from models/audit-arbetsmarknad.yaml at
 * build time (cmake/embed.cmake), so that the default is that file byte
 * for byte wherever the program runs from. */
extern const unsigned char sv_audit_builtin_text[];
extern const size_t sv_audit_builtin_size;

const char *sv_audit_profile_builtin(size_t *size)
{
    if (size)
        *size = sv_audit_builtin_size;
    return (const char *)sv_audit_builtin_text;
}

static const char *const evidence_names[] = {"goals", "indicators", "processes",
                                             "follow-up", "bodies", "reporting"};

const char *sv_evidence_name(sv_evidence evidence)
{
    return (unsigned)evidence < SV_EVIDENCE_COUNT ? evidence_names[evidence] : "?";
}

const char *sv_evidence_missing_text(sv_evidence evidence, bool party)
{
    switch (evidence) {
    case SV_EVIDENCE_GOALS:
        return party ? _("'%s' owns no goal in the model") : _("the model has no goals");
    case SV_EVIDENCE_INDICATORS:
        return party ? _("no goal of '%s' has an indicator") : _("no goal in the model has an indicator");
    case SV_EVIDENCE_PROCESSES:
        return party ? _("'%s' takes part in no process of the model")
                     : _("the model has no processes");
    case SV_EVIDENCE_FOLLOW_UP:
        return party ? _("no process that '%s' takes part in has a follow-up step")
                     : _("no process in the model has a follow-up step");
    case SV_EVIDENCE_BODIES:
        return party ? _("'%s' sits in no body of the model") : _("the model has no bodies");
    case SV_EVIDENCE_REPORTING:
        return party ? _("'%s' sends or receives no reporting flow")
                     : _("the model has no reporting flows");
    case SV_EVIDENCE_COUNT:
        break;
    }
    return "";
}

/* Evidence the sources do not show (agreement.unknown): the reason, and
 * the recommendation that takes the place of the profile's. Bodies are
 * never unknown: a model always has some. */
static const struct {
    const char *reason, *recommend;
} unknown_texts[SV_EVIDENCE_COUNT] = {
    [SV_EVIDENCE_GOALS] = {N_("the sources do not show the goals (agreement.unknown)"),
                           N_("make available the documents that show the goals, so that the "
                              "question can be assessed")},
    [SV_EVIDENCE_INDICATORS] = {N_("the sources do not show the goals and their indicators "
                                   "(agreement.unknown)"),
                                N_("make available the documents that show the goals, so that "
                                   "the question can be assessed")},
    [SV_EVIDENCE_PROCESSES] = {N_("the sources do not show the processes (agreement.unknown)"),
                               N_("make available the documents that show the processes, so "
                                  "that the question can be assessed")},
    [SV_EVIDENCE_FOLLOW_UP] = {N_("the sources do not show the processes and their follow-up "
                                  "(agreement.unknown)"),
                               N_("make available the documents that show the processes, so "
                                  "that the question can be assessed")},
    [SV_EVIDENCE_REPORTING] = {N_("the sources do not show the reporting flows "
                                  "(agreement.unknown)"),
                               N_("make available the documents that show the reporting, so "
                                  "that the question can be assessed")},
};

const char *sv_evidence_unknown_text(sv_evidence evidence, bool recommend)
{
    if ((unsigned)evidence >= SV_EVIDENCE_COUNT || !unknown_texts[evidence].reason)
        return "";
    return _(recommend ? unknown_texts[evidence].recommend : unknown_texts[evidence].reason);
}

typedef struct reader {
    sv_diags *diags;
    sv_audit_config *c;
    bool ok;
} reader;

static void fail(reader *r, const char *code, sv_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(reader *r, const char *code, sv_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sv_diags_vadd(r->diags, code, pos, fmt, ap);
    va_end(ap);
    r->ok = false;
}

static bool is_map(reader *r, const sv_node *n, const char *what)
{
    if (n->kind == SV_NODE_MAP)
        return true;
    fail(r, "wrong-type", n->pos, _("%s must be a mapping of keys"), what);
    return false;
}

static bool is_seq(reader *r, const sv_node *n, const char *what)
{
    if (n->kind == SV_NODE_SEQ)
        return true;
    fail(r, "wrong-type", n->pos, _("%s must be a list"), what);
    return false;
}

/* A non-empty text; NULL (with an error) otherwise. */
static const char *text_of(reader *r, const sv_node *n, const char *key)
{
    if (n->kind == SV_NODE_SCALAR && n->len > 0 && !(n->plain && strcmp(n->text, "~") == 0) &&
        !(n->plain && strcmp(n->text, "null") == 0))
        return n->text;
    fail(r, "wrong-type", n->pos, _("'%s' must be a non-empty text"), key);
    return NULL;
}

static const sv_node *required(reader *r, const sv_node *map, const char *key, const char *place)
{
    const sv_pair *p = sv_node_get(map, key);
    if (p)
        return p->value;
    fail(r, "missing-key", map->pos, _("%s lacks the required key '%s'"), place, key);
    return NULL;
}

static char *dup(reader *r, const char *s, sv_pos pos)
{
    char *d = strdup(s);
    if (!d)
        fail(r, "too-large", pos, "%s", _("out of memory"));
    return d;
}

static void read_recommend(reader *r, const sv_node *n, sv_audit_text *out)
{
    static const char *const keys[] = {"sv", "en", NULL};
    if (!is_map(r, n, "'recommend'"))
        return;
    if (!sv_node_check_keys(r->diags, n, "'recommend'", keys))
        r->ok = false;
    const sv_node *sv = required(r, n, "sv", "'recommend'");
    const sv_node *en = required(r, n, "en", "'recommend'");
    const char *t;
    if (sv && (t = text_of(r, sv, "sv")))
        out->sv = dup(r, t, sv->pos);
    if (en && (t = text_of(r, en, "en")))
        out->en = dup(r, t, en->pos);
}

static void read_requirement(reader *r, sv_audit_question *q, const sv_node *n)
{
    static const char *const keys[] = {"what", "otherwise", "recommend", "why", NULL};
    if (!is_map(r, n, _("a requirement")))
        return;
    if (!sv_node_check_keys(r->diags, n, N_("a requirement"), keys))
        r->ok = false;
    sv_audit_requirement *req = &q->requires[q->require_count];
    memset(req, 0, sizeof *req);
    const sv_node *what = required(r, n, "what", _("a requirement"));
    const sv_node *otherwise = required(r, n, "otherwise", _("a requirement"));
    bool good = what && otherwise;
    if (what) {
        int found = -1;
        for (int e = 0; e < SV_EVIDENCE_COUNT && what->kind == SV_NODE_SCALAR; e++)
            if (strcmp(what->text, evidence_names[e]) == 0)
                found = e;
        if (found < 0) {
            const char *hint = what->kind == SV_NODE_SCALAR
                                   ? sv_closest(what->text, evidence_names, SV_EVIDENCE_COUNT)
                                   : NULL;
            if (hint)
                fail(r, "invalid-value", what->pos, _("a question cannot require '%s'; did you mean '%s'?"),
                     what->kind == SV_NODE_SCALAR ? what->text : "", hint);
            else
                fail(r, "invalid-value", what->pos,
                     _("a question requires goals, indicators, processes, follow-up, bodies or "
                       "reporting, not '%s'"),
                     what->kind == SV_NODE_SCALAR ? what->text : "");
            good = false;
        } else {
            for (size_t k = 0; k < q->require_count; k++)
                if (q->requires[k].what == (sv_evidence)found) {
                    fail(r, "duplicate-key", what->pos, _("the question already requires '%s'"),
                         what->text);
                    good = false;
                }
            req->what = (sv_evidence)found;
        }
    }
    if (otherwise) {
        sv_answer a;
        if (otherwise->kind != SV_NODE_SCALAR || !sv_answer_parse(otherwise->text, &a) ||
            (a != SV_ANSWER_NEJ && a != SV_ANSWER_KAN_INTE_BEDOMAS)) {
            fail(r, "invalid-value", otherwise->pos,
                 _("'otherwise' is \"Nej\" or \"Kan inte bedömas\", not '%s'"),
                 otherwise->kind == SV_NODE_SCALAR ? otherwise->text : "");
            good = false;
        } else {
            req->otherwise = a;
        }
    }
    const sv_pair *p = sv_node_get(n, "recommend");
    if (p)
        read_recommend(r, p->value, &req->recommend);
    if (good)
        q->require_count++;
    else {
        free(req->recommend.sv);
        free(req->recommend.en);
    }
}

static void read_use(reader *r, int question, const sv_node *n, bool *seen)
{
    static const char *const keys[] = {"rule", "weight", "minor_below", "recommend", "why", NULL};
    if (!is_map(r, n, _("a rule of a question")))
        return;
    if (!sv_node_check_keys(r->diags, n, N_("a rule of a question"), keys))
        r->ok = false;
    const sv_node *name = required(r, n, "rule", _("a rule of a question"));
    const sv_node *weight = required(r, n, "weight", _("a rule of a question"));
    int rule = -1;
    if (name && name->kind == SV_NODE_SCALAR) {
        const char *hint;
        rule = sv_rule_find(name->text, &hint);
        if (rule < 0 && hint)
            fail(r, "unknown-rule", name->pos, _("there is no rule '%s'; did you mean '%s'?"),
                 name->text, hint);
        else if (rule < 0)
            fail(r, "unknown-rule", name->pos,
                 _("there is no rule '%s'; 'samverkan rules' lists them"), name->text);
        else if (seen[rule]) {
            fail(r, "duplicate-key", name->pos, _("the question already lists the rule '%s'"),
                 name->text);
            rule = -1;
        }
    } else if (name) {
        fail(r, "wrong-type", name->pos, "%s", _("'rule' must be a rule's name"));
    }
    sv_weight w = SV_WEIGHT_NONE;
    bool known = false;
    for (int x = SV_WEIGHT_NONE; weight && x <= SV_WEIGHT_MAJOR && !known; x++)
        if (weight->kind == SV_NODE_SCALAR && strcmp(weight->text, sv_weight_name((sv_weight)x)) == 0) {
            w = (sv_weight)x;
            known = true;
        }
    if (weight && !known)
        fail(r, "invalid-value", weight->pos, _("a weight is none, minor or major, not '%s'"),
             weight->kind == SV_NODE_SCALAR ? weight->text : "");
    double below = 0;
    const sv_pair *p = sv_node_get(n, "minor_below");
    if (p) {
        const sv_node *v = p->value;
        char *end = NULL;
        below = v->kind == SV_NODE_SCALAR && v->plain ? strtod(v->text, &end) : NAN;
        if (!end || *end || !(below > 0 && below <= 1)) {
            fail(r, "out-of-range", v->pos, "%s",
                 _("'minor_below' must be a share above 0 and at most 1"));
            below = 0;
        }
    }
    if (rule < 0)
        return;
    seen[rule] = true;
    sv_audit_use *use = sv_audit_use_of(r->c, (size_t)rule, question);
    use->weight = w;
    use->minor_below = below;
    if ((p = sv_node_get(n, "recommend")))
        read_recommend(r, p->value, &use->recommend);
}

static void read_question(reader *r, int number, const sv_node *n, bool *seen)
{
    static const char *const keys[] = {"text", "requires", "rules", "why", NULL};
    sv_audit_question *q = &r->c->questions[number - 1];
    if (!is_map(r, n, _("a question")))
        return;
    if (!sv_node_check_keys(r->diags, n, N_("a question"), keys))
        r->ok = false;
    const sv_node *text = required(r, n, "text", _("a question"));
    const char *t;
    if (text && (t = text_of(r, text, "text")))
        q->text = dup(r, t, text->pos);
    const sv_pair *p = sv_node_get(n, "requires");
    if (p && is_seq(r, p->value, "'requires'")) {
        q->requires = calloc(p->value->count ? p->value->count : 1, sizeof *q->requires);
        if (!q->requires) {
            fail(r, "too-large", p->value->pos, "%s", _("out of memory"));
            return;
        }
        for (size_t i = 0; i < p->value->count; i++)
            read_requirement(r, q, p->value->items[i]);
    }
    const sv_node *rules = required(r, n, "rules", _("a question"));
    if (rules && is_seq(r, rules, "'rules'")) {
        memset(seen, 0, sv_rule_count() * sizeof *seen);
        for (size_t i = 0; i < rules->count; i++)
            read_use(r, number, rules->items[i], seen);
    }
}

static void read_assessed(reader *r, const sv_node *n)
{
    sv_audit_config *c = r->c;
    if (n->kind == SV_NODE_SCALAR && strcmp(n->text, "audited") == 0) {
        c->assessed = SV_ASSESS_AUDITED;
        return;
    }
    if (n->kind == SV_NODE_SCALAR && strcmp(n->text, "committees") == 0) {
        c->assessed = SV_ASSESS_COMMITTEES;
        return;
    }
    if (n->kind != SV_NODE_SEQ) {
        fail(r, "invalid-value", n->pos,
             _("'assessed' is audited, committees or a list of party ids, not '%s'"),
             n->kind == SV_NODE_SCALAR ? n->text : "");
        return;
    }
    c->assessed = SV_ASSESS_LIST;
    c->assessed_ids = calloc(n->count ? n->count : 1, sizeof *c->assessed_ids);
    c->assessed_pos = calloc(n->count ? n->count : 1, sizeof *c->assessed_pos);
    if (!c->assessed_ids || !c->assessed_pos) {
        fail(r, "too-large", n->pos, "%s", _("out of memory"));
        return;
    }
    for (size_t i = 0; i < n->count; i++) {
        const sv_node *id = n->items[i];
        if (id->kind != SV_NODE_SCALAR || id->len == 0) {
            fail(r, "wrong-type", id->pos, "%s", _("'assessed' lists the ids of parties"));
            continue;
        }
        c->assessed_pos[c->assessed_count] = id->pos; /* file set to c->path below */
        c->assessed_ids[c->assessed_count] = dup(r, id->text, id->pos);
        if (c->assessed_ids[c->assessed_count])
            c->assessed_count++;
    }
}

static void read_root(reader *r, const sv_node *root)
{
    static const char *const keys[] = {"samverkan-audit", "name", "assessed", "nej_at",
                                       "questions", NULL};
    sv_audit_config *c = r->c;
    if (!is_map(r, root, _("an audit profile")))
        return;
    if (!sv_node_check_keys(r->diags, root, N_("an audit profile"), keys))
        r->ok = false;
    const sv_node *version = required(r, root, "samverkan-audit", _("an audit profile"));
    if (version && (version->kind != SV_NODE_SCALAR || strcmp(version->text, "1") != 0))
        fail(r, "unsupported-version", version->pos,
             _("this samverkan reads audit profiles of version 1, not '%s'"),
             version->kind == SV_NODE_SCALAR ? version->text : "");
    const sv_node *name = required(r, root, "name", _("an audit profile"));
    const char *t;
    if (name && (t = text_of(r, name, "name")))
        c->name = dup(r, t, name->pos);
    const sv_pair *p;
    if ((p = sv_node_get(root, "assessed")))
        read_assessed(r, p->value);
    if ((p = sv_node_get(root, "nej_at"))) {
        const sv_node *v = p->value;
        char *end = NULL;
        long n = v->kind == SV_NODE_SCALAR && v->plain ? strtol(v->text, &end, 10) : 0;
        if (!end || *end || n < 1 || n > 100)
            fail(r, "out-of-range", v->pos, "%s", _("'nej_at' must be a whole number from 1 to 100"));
        else
            c->nej_at = (int)n;
    }
    const sv_node *questions = required(r, root, "questions", _("an audit profile"));
    if (!questions || !is_seq(r, questions, "'questions'"))
        return;
    if (questions->count == 0 || questions->count > SV_AUDIT_MAX_QUESTIONS) {
        fail(r, "out-of-range", questions->pos, _("a profile asks from 1 to %d questions"),
             SV_AUDIT_MAX_QUESTIONS);
        return;
    }
    c->question_count = questions->count;
    c->questions = calloc(questions->count, sizeof *c->questions);
    c->uses = calloc(sv_rule_count() * questions->count, sizeof *c->uses);
    bool *seen = calloc(sv_rule_count(), sizeof *seen);
    if (!c->questions || !c->uses || !seen) {
        free(seen);
        fail(r, "too-large", questions->pos, "%s", _("out of memory"));
        return;
    }
    for (size_t i = 0; i < questions->count; i++)
        read_question(r, (int)i + 1, questions->items[i], seen);
    free(seen);
}

void sv_audit_config_free(sv_audit_config *c)
{
    if (!c)
        return;
    for (size_t q = 0; c->questions && q < c->question_count; q++) {
        free(c->questions[q].text);
        for (size_t k = 0; k < c->questions[q].require_count; k++) {
            free(c->questions[q].requires[k].recommend.sv);
            free(c->questions[q].requires[k].recommend.en);
        }
        free(c->questions[q].requires);
    }
    for (size_t i = 0; c->uses && i < sv_rule_count() * c->question_count; i++) {
        free(c->uses[i].recommend.sv);
        free(c->uses[i].recommend.en);
    }
    for (size_t i = 0; i < c->assessed_count; i++)
        free(c->assessed_ids[i]);
    free(c->assessed_ids);
    free(c->assessed_pos);
    free(c->questions);
    free(c->uses);
    free(c->name);
    free(c->path);
    memset(c, 0, sizeof *c);
}

static int read_tree(sv_audit_config *out, sv_tree *tree, const char *path, sv_diags *diags)
{
    sv_audit_config c = {.nej_at = 3, .language = out->language};
    reader r = {.diags = diags, .c = &c, .ok = true};
    sv_diags_add_source(diags, sv_tree_source(tree));
    c.path = strdup(path);
    if (!c.path)
        fail(&r, "too-large", (sv_pos){path, 0, 0}, "%s", _("out of memory"));
    else
        read_root(&r, sv_tree_root(tree));
    for (size_t i = 0; i < c.assessed_count; i++)
        c.assessed_pos[i].file = c.path; /* the tree's own name goes with it */
    sv_tree_free(tree);
    if (!r.ok) {
        sv_audit_config_free(&c);
        return -1;
    }
    sv_audit_config_free(out);
    *out = c;
    return 0;
}

int sv_audit_config_read(sv_audit_config *out, const char *path, sv_diags *diags)
{
    sv_tree *tree;
    if (sv_tree_load_file(&tree, path, NULL, diags) != 0)
        return -1;
    return read_tree(out, tree, path, diags);
}

int sv_audit_config_read_buffer(sv_audit_config *out, const char *name, const char *data,
                                size_t size, sv_diags *diags)
{
    sv_tree *tree;
    if (sv_tree_load_buffer(&tree, name, data, size, NULL, diags) != 0)
        return -1;
    return read_tree(out, tree, name, diags);
}

int sv_audit_config_default(sv_audit_config *out)
{
    memset(out, 0, sizeof *out);
    sv_diags diags;
    sv_diags_init(&diags);
    /* The bundled file is tested to load (tests/unit/test_audit.c), so a
     * failure here can only be memory. */
    int result = sv_audit_config_read_buffer(out, SV_AUDIT_PROFILE_FILE,
                                             (const char *)sv_audit_builtin_text,
                                             sv_audit_builtin_size, &diags);
    sv_diags_free(&diags);
    return result;
}
