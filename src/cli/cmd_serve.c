/*
 * samverkan serve: a local web page for the people who never open a
 * terminal. An HTTP server (libmicrohttpd: no HTTP parsing of our own)
 * bound to 127.0.0.1 and ::1 serves one page with the model's text beside
 * its findings, audit answers and diagrams, saves the text back atomically,
 * notices changes made on disk, and simulates the model's scenarios.
 *
 * Safety (docs/cli.md, "serve"): every request carries the random token of
 * the address printed on the first line of standard output, as a query
 * parameter or as the HttpOnly, SameSite=Strict cookie the page sets, or
 * gets 403; a save also needs the server's own Origin and the page's CSRF
 * token. Requests are bounded (body, header, connections, time); routes
 * are exact names, so nothing outside them is ever served (404); error
 * bodies are fixed plain text that never echo the request.
 *
 * One mutex serialises the work of the requests (checking, drawing,
 * saving): the render session forks and the atomic writer sets the signal
 * mask, neither of which may run twice at once. Slow clients do not hold
 * it: libmicrohttpd reads and writes them without calling us.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cli/commands.h"
#include "cli/i18n.h"
#include "cli/options.h"
#include "samverkan/samverkan.h"
#include "samverkan/check.h"
#include "util/i18n.h"

/* libmicrohttpd is opened when serve starts, not linked: linked, it and
 * GnuTLS (which it needs) were loaded and initialised at the start of
 * every command, some 5 ms of CPU and 2.5 MiB of memory that check,
 * render and the rest never use. Its functions, by the names they have in
 * microhttpd.h without the prefix. */
static struct {
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_destroy_response) *destroy_response;
    __typeof__(MHD_get_daemon_info) *get_daemon_info;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
} mhd;

/* Opens libmicrohttpd (SV_MHD_SONAME, the soname the build found) and
 * finds its functions; false, with the message printed, when it cannot. */
static bool mhd_open(void)
{
    void *lib = dlopen(SV_MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    const char *problem = lib ? NULL : dlerror();
#define FIND(name)                                                                         \
    if (lib && !problem && !(*(void **)&mhd.name = dlsym(lib, "MHD_" #name)))              \
        problem = dlerror();
    FIND(add_response_header)
    FIND(create_response_from_buffer)
    FIND(destroy_response)
    FIND(get_daemon_info)
    FIND(lookup_connection_value)
    FIND(queue_response)
    FIND(start_daemon)
    FIND(stop_daemon)
#undef FIND
    if (!problem)
        return true;
    fprintf(stderr, _("samverkan: cannot load the web server library %s: %s\n"), SV_MHD_SONAME,
            problem);
    return false;
}

extern char **environ;
extern const unsigned char sv_serve_page_text[];
extern const size_t sv_serve_page_size;

enum { EXIT_CLEAN = 0, EXIT_INPUT = 2 };
enum { OPT_HELP = 1, OPT_LANG, OPT_PORT, OPT_NO_OPEN, OPT_LISTEN, OPT_TIME_LIMIT };

/* The bounds of a request (docs/cli.md, "serve"). */
#define SERVE_MAX_BODY (16u * 1024 * 1024)   /* a model's largest size by default */
#define SERVE_MAX_CONNECTIONS 1000u          /* well above a browser's few */
#define SERVE_TIMEOUT_SECONDS 30u            /* idle time before a connection is closed */
#define SERVE_HEADER_MEMORY (32u * 1024)     /* the request line and headers of one request */
#define SERVE_REPORT_LIMIT (64u * 1024 * 1024)
#define SERVE_DEFAULT_PORT 8265
#define SERVE_DEFAULT_TIME_LIMIT 600L      /* seconds for one report or simulation */
#define SERVE_MAX_TIME_LIMIT 86400L

const sv_option sv_serve_options[] = {
    {"port", 'p', N_("N"), N_("the port to listen on (default 8265; 0 picks a free one)"), OPT_PORT},
    {"no-open", 0, NULL, N_("do not open the page in the web browser"), OPT_NO_OPEN},
    {"listen", 0, N_("ADDR"),
     N_("listen on this address instead of 127.0.0.1 and ::1 (other machines can then reach it)"),
     OPT_LISTEN},
    {"time-limit", 0, N_("SECONDS"),
     N_("stop a report or a simulation made for the page after this long (default 600)"),
     OPT_TIME_LIMIT},
    {"lang", 0, "sv|en", N_("language of messages (default: from LANGUAGE or LANG)"), OPT_LANG},
    {"help", 'h', NULL, N_("show this help"), OPT_HELP},
    {NULL, 0, NULL, NULL, 0}};

typedef struct serve_args {
    bool help, no_open;
    long port;
    long time_limit; /* seconds */
    const char *listen;
    const char *model;
    size_t input_count;
} serve_args;

static int serve_option(const sv_option *o, const char *value, void *data)
{
    serve_args *a = data;
    if (!o) {
        if (a->input_count++ == 0)
            a->model = value;
        return 0;
    }
    switch (o->id) {
    case OPT_HELP: a->help = true; return 0;
    case OPT_LANG: return 0; /* applied before parsing */
    case OPT_NO_OPEN: a->no_open = true; return 0;
    case OPT_LISTEN: a->listen = value; return 0;
    case OPT_PORT:
        if (sv_options_number(value, 0, 65535, &a->port))
            return 0;
        fprintf(stderr, _("samverkan: --port needs a number from 0 to 65535, not '%s'\n"), value);
        return -1;
    case OPT_TIME_LIMIT:
        if (sv_options_number(value, 1, SERVE_MAX_TIME_LIMIT, &a->time_limit))
            return 0;
        fprintf(stderr, _("samverkan: --time-limit needs a number of seconds from 1 to %ld, not '%s'\n"),
                SERVE_MAX_TIME_LIMIT, value);
        return -1;
    }
    return -1;
}

/* ---- the server's state ---- */

/* What the page shows of one version of the file, made once per version. */
typedef struct snapshot {
    char version[64];     /* "" until made */
    char *check_json;     /* check --format json, or its load errors */
    size_t check_len;
    bool loaded;
    sv_model *model;      /* NULL when the file did not load */
    sv_findings findings;
    char **view_names;    /* "governance", "process:ID", ... */
    char **view_svg;      /* NULL until drawn */
    size_t *view_len;
    char **view_error;    /* why a view could not be drawn */
    size_t view_count;
    bool drawn;           /* the render session ran for this version */
} snapshot;

typedef struct server {
    const char *model;
    char *backup;         /* MODEL.bak */
    char token[33], csrf[33];
    char origins[4][96];  /* the origins a save may come from */
    size_t origin_count;
    const char *lang;
    long time_limit;      /* seconds a report or simulation child may take */
    pthread_mutex_t lock;
    /* the version of the file on disk, recomputed when stat says it changed */
    struct stat seen;
    char seen_version[64];
    snapshot snap;
} server;

static void random_hex(char out[33])
{
    unsigned char bytes[16];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            abort(); /* no randomness: no token worth having */
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        sprintf(out + 2 * i, "%02x", bytes[i]);
}

/* Compares without stopping at the first difference, so that the time
 * taken says nothing about how much of a guess was right. */
static bool same_secret(const char *given, const char *secret)
{
    if (!given)
        return false;
    size_t n = strlen(secret);
    if (strlen(given) != n)
        return false;
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned char)(given[i] ^ secret[i]);
    return d == 0;
}

/* The file's bytes, at most SERVE_MAX_BODY + 1 of them (NUL after); NULL
 * when it cannot be read. */
static char *read_model(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0 || n > SERVE_MAX_BODY)
            break;
        if (n == cap) {
            char *more = realloc(buf, 2 * cap + 1);
            if (!more) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = more;
            cap *= 2;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* A version names the bytes: their length and FNV-1a hash. */
static void version_of(char out[64], const char *data, size_t len)
{
    unsigned long long h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 1099511628211ull;
    }
    snprintf(out, 64, "%zx-%016llx", len, h);
}

/* The version on disk now; "missing" when the file cannot be read. The
 * hash is recomputed only when the file's inode, size or time changed. */
static const char *disk_version(server *s)
{
    struct stat st;
    if (stat(s->model, &st) != 0) {
        strcpy(s->seen_version, "missing");
        memset(&s->seen, 0, sizeof s->seen);
        return s->seen_version;
    }
    if (s->seen_version[0] && st.st_ino == s->seen.st_ino && st.st_size == s->seen.st_size &&
        st.st_mtim.tv_sec == s->seen.st_mtim.tv_sec && st.st_mtim.tv_nsec == s->seen.st_mtim.tv_nsec &&
        st.st_ctim.tv_nsec == s->seen.st_ctim.tv_nsec)
        return s->seen_version;
    size_t len;
    char *data = read_model(s->model, &len);
    if (!data) {
        strcpy(s->seen_version, "missing");
        return s->seen_version;
    }
    version_of(s->seen_version, data, len);
    free(data);
    s->seen = st;
    return s->seen_version;
}

static void snapshot_free(snapshot *snap)
{
    for (size_t i = 0; i < snap->view_count; i++) {
        free(snap->view_names[i]);
        free(snap->view_svg[i]);
        free(snap->view_error[i]);
    }
    free(snap->view_names);
    free(snap->view_svg);
    free(snap->view_len);
    free(snap->view_error);
    free(snap->check_json);
    sv_findings_free(&snap->findings);
    sv_model_free(snap->model);
    memset(snap, 0, sizeof *snap);
}

static int add_view(snapshot *snap, const char *kind, const char *id)
{
    size_t n = snap->view_count;
    char **names = realloc(snap->view_names, (n + 1) * sizeof *names);
    if (!names)
        return -1;
    snap->view_names = names;
    size_t len = strlen(kind) + (id ? strlen(id) + 1 : 0) + 1;
    names[n] = malloc(len);
    if (!names[n])
        return -1;
    snprintf(names[n], len, "%s%s%s", kind, id ? ":" : "", id ? id : "");
    snap->view_count++;
    return 0;
}

/* Checks the file as `check --format json` would, keeping the model and its
 * findings for the diagrams. Called with the lock held. */
static int snapshot_make(server *s)
{
    snapshot *snap = &s->snap;
    const char *version = disk_version(s);
    if (strcmp(snap->version, version) == 0 && snap->check_json)
        return 0;
    snapshot_free(snap);
    sv_findings_init(&snap->findings);
    snprintf(snap->version, sizeof snap->version, "%s", version);
    sv_diags diags;
    sv_diags_init(&diags);
    sv_check checker = {0};
    sv_audit audit;
    bool assessed = false;
    const char *inputs[1] = {s->model};
    const sv_check_format *json = sv_check_format_find("json");
    FILE *out = open_memstream(&snap->check_json, &snap->check_len);
    if (!out || !json) {
        if (out)
            fclose(out);
        return -1;
    }
    sv_check_init(&checker, &(sv_check_options){.model = s->model, .language = s->lang});
    if (sv_check_load(&checker, &snap->model, s->model, &diags) != 0 ||
        sv_check_configure(&checker, &diags) != 0 ||
        sv_check_rules(&checker, &snap->findings, snap->model, &diags) != 0 ||
        (sv_findings_sort(&snap->findings),
         sv_check_assess(&checker, &audit, snap->model, &snap->findings, &diags) != 0)) {
        sv_diags_sort(&diags);
        sv_check_result failed = {.inputs = inputs, .input_count = 1};
        json->load_errors(out, &diags, &failed);
    } else {
        assessed = true;
        snap->loaded = true;
        const sv_model *models[1] = {snap->model};
        sv_check_result result = {.inputs = inputs, .models = models, .input_count = 1,
                                  .findings = &snap->findings,
                                  .year = snap->model->agreement.year, .audits = &audit};
        json->findings(out, &result, SV_SEV_ERROR);
    }
    fclose(out);
    if (assessed)
        sv_audit_free(&audit);
    sv_check_free(&checker);
    sv_diags_free(&diags);
    if (!snap->loaded) {
        sv_model_free(snap->model);
        snap->model = NULL;
        return 0;
    }
    /* every view of the model: governance, reporting, raci, each process, each top-level party */
    const sv_model *m = snap->model;
    int bad = add_view(snap, "governance", NULL) | add_view(snap, "reporting", NULL) |
              add_view(snap, "raci", NULL);
    for (uint32_t e = 0; e < m->element_count && !bad; e++) {
        if (m->elements[e].kind == SV_KIND_PROCESS)
            bad = add_view(snap, "process", m->elements[e].id);
        else if (m->elements[e].kind == SV_KIND_PARTY && sv_model_top_party(m, e) == e)
            bad = add_view(snap, "party", m->elements[e].id);
    }
    snap->view_svg = calloc(snap->view_count + 1, sizeof *snap->view_svg);
    snap->view_len = calloc(snap->view_count + 1, sizeof *snap->view_len);
    snap->view_error = calloc(snap->view_count + 1, sizeof *snap->view_error);
    return bad || !snap->view_svg || !snap->view_len || !snap->view_error ? -1 : 0;
}

static char *diags_text(const sv_diags *diags, size_t from)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out)
        return NULL;
    for (size_t i = from; i < diags->count; i++)
        fprintf(out, "%s\n", diags->items[i].message ? diags->items[i].message : "");
    fclose(out);
    return text;
}

/* Draws every view of the snapshot in one render session (one Graphviz
 * child); a view the session cannot take keeps its reason. Should the run
 * fail, each view is drawn alone, so that one bad view does not blank the
 * others. Called with the lock held. */
static void snapshot_draw(snapshot *snap)
{
    if (snap->drawn || !snap->model)
        return;
    snap->drawn = true;
    sv_findings_index index;
    bool indexed = sv_findings_index_build(&index, snap->model, &snap->findings) == 0;
    sv_diags diags;
    sv_diags_init(&diags);
    sv_render_session *session = sv_render_session_new();
    int *jobs = calloc(snap->view_count + 1, sizeof *jobs);
    for (size_t i = 0; session && jobs && i < snap->view_count; i++) {
        sv_render_options o = {.format = SV_RENDER_SVG, .findings = &snap->findings,
                               .findings_index = indexed ? &index : NULL, .max_seconds = 20,
                               .max_figure_nodes = 3000, .max_figure_edges = 6000};
        if (sv_view_parse(&o.view, snap->model, snap->view_names[i], NULL) != SV_VIEW_OK) {
            jobs[i] = -1;
            continue;
        }
        size_t before = diags.count;
        jobs[i] = sv_render_session_add(session, snap->model, &o, snap->view_names[i], &diags);
        if (jobs[i] < 0)
            snap->view_error[i] = diags_text(&diags, before);
    }
    if (session && jobs) {
        size_t before = diags.count;
        if (sv_render_session_run(session, &diags) == 0) {
            for (size_t i = 0; i < snap->view_count; i++)
                if (jobs[i] >= 0)
                    sv_render_session_take(session, (size_t)jobs[i], &snap->view_svg[i],
                                           &snap->view_len[i]);
        } else {
            char *why = diags_text(&diags, before);
            for (size_t i = 0; i < snap->view_count; i++)
                if (jobs[i] >= 0 && !snap->view_error[i])
                    snap->view_error[i] = why ? strdup(why) : NULL;
            free(why);
        }
    }
    free(jobs);
    sv_render_session_free(session);
    sv_diags_free(&diags);
    if (indexed)
        sv_findings_index_free(&index);
}

/* ---- responses ---- */

/* Headers every answer carries: nothing is cached, nothing framed, no
 * referrer (the address holds the token), no sniffing, and no CORS header
 * of any kind. */
static void common_headers(struct MHD_Response *r)
{
    mhd.add_response_header(r, "Cache-Control", "no-store");
    mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
    mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
    mhd.add_response_header(r, "X-Frame-Options", "DENY");
}

static enum MHD_Result send_bytes(struct MHD_Connection *c, unsigned status, const char *type,
                                  const void *data, size_t len, const char *version)
{
    struct MHD_Response *r =
        mhd.create_response_from_buffer(len, (void *)data, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    common_headers(r);
    mhd.add_response_header(r, "Content-Type", type);
    if (version)
        mhd.add_response_header(r, "X-Samverkan-Version", version);
    enum MHD_Result ret = mhd.queue_response(c, status, r);
    mhd.destroy_response(r);
    return ret;
}

/* An error page: a fixed sentence in plain text, nothing of the request. */
static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status)
{
    const char *text;
    switch (status) {
    case MHD_HTTP_FORBIDDEN: text = "403 Forbidden: open the address samverkan serve printed\n"; break;
    case MHD_HTTP_NOT_FOUND: text = "404 Not Found\n"; break;
    case MHD_HTTP_METHOD_NOT_ALLOWED: text = "405 Method Not Allowed\n"; break;
    case MHD_HTTP_CONTENT_TOO_LARGE: text = "413 Content Too Large\n"; break;
    default: text = "500 Internal Server Error\n"; break;
    }
    return send_bytes(c, status, "text/plain; charset=utf-8", text, strlen(text), NULL);
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *doc,
                                 const char *version)
{
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_ESCAPE_SLASH) : NULL;
    json_decref(doc);
    if (!text)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
    enum MHD_Result r = send_bytes(c, status, "application/json", text, strlen(text), version);
    free(text);
    return r;
}

/* The page's words, in the language of messages (the page holds no text
 * of its own). */
static const char *const page_words[][2] = {
    {"title", N_("samverkan: the model and its findings")},
    {"save", N_("Save")},
    {"saved", N_("Saved.")},
    {"saving", N_("Saving…")},
    {"checking", N_("Checking…")},
    {"report", N_("Download the HTML report")},
    {"findings", N_("Findings")},
    {"noFindings", N_("No findings.")},
    {"errors", N_("The model could not be loaded")},
    {"audit", N_("Audit questions")},
    {"recommendations", N_("Recommendations")},
    {"diagrams", N_("Diagrams")},
    {"line", N_("line")},
    {"error", N_("error")},
    {"warning", N_("warning")},
    {"info", N_("note")},
    {"changedOnDisk", N_("The file was changed on disk; it has been loaded again.")},
    {"conflict", N_("The file was changed on disk since you loaded it, so it was not saved. "
                    "Below is the text on disk; copy what you need and load it again.")},
    {"reload", N_("Load the text on disk")},
    {"unsaved", N_("The file changed on disk while you have unsaved edits; save to see both.")},
    {"failed", N_("The request failed:")},
    {"notDrawn", N_("This view could not be drawn:")},
    {"modelText", N_("Model text")},
    {"scenarios", N_("Scenarios")},
    {"simulate", N_("Simulate")},
    {"simulating", N_("Simulating…")},
    {"noScenarios", N_("No scenarios of this model in its folder or its scenarios/ folder.")},
};

static char *page_html(server *s, const char *nonce)
{
    json_t *words = json_object();
    for (size_t i = 0; i < sizeof page_words / sizeof page_words[0]; i++)
        json_object_set_new(words, page_words[i][0], json_string(_(page_words[i][1])));
    json_object_set_new(words, "csrf", json_string(s->csrf));
    json_object_set_new(words, "lang", json_string(s->lang));
    char *config = json_dumps(words, JSON_COMPACT | JSON_ESCAPE_SLASH);
    json_decref(words);
    if (!config)
        return NULL;
    /* the template's @NONCE@, @LANG@ and @CONFIG@ */
    char *html = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&html, &len);
    if (!out) {
        free(config);
        return NULL;
    }
    const char *p = (const char *)sv_serve_page_text;
    while (*p) {
        if (strncmp(p, "@NONCE@", 7) == 0) {
            fputs(nonce, out);
            p += 7;
        } else if (strncmp(p, "@LANG@", 6) == 0) {
            fputs(s->lang, out);
            p += 6;
        } else if (strncmp(p, "@CONFIG@", 8) == 0) {
            fputs(config, out);
            p += 8;
        } else {
            fputc(*p++, out);
        }
    }
    fclose(out);
    free(config);
    return html;
}

static enum MHD_Result send_page(server *s, struct MHD_Connection *c)
{
    char nonce[33];
    random_hex(nonce);
    char *html = page_html(s, nonce);
    if (!html)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
    struct MHD_Response *r = mhd.create_response_from_buffer(strlen(html), html,
                                                             MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(html);
        return MHD_NO;
    }
    common_headers(r);
    char csp[400], cookie[120];
    snprintf(csp, sizeof csp,
             "default-src 'none'; script-src 'nonce-%s'; style-src 'nonce-%s'; img-src 'self'; "
             "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
             nonce, nonce);
    snprintf(cookie, sizeof cookie, "samverkan_token=%s; Path=/; HttpOnly; SameSite=Strict",
             s->token);
    mhd.add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    mhd.add_response_header(r, "Content-Security-Policy", csp);
    mhd.add_response_header(r, "Set-Cookie", cookie);
    enum MHD_Result ret = mhd.queue_response(c, MHD_HTTP_OK, r);
    mhd.destroy_response(r);
    return ret;
}

#define RUN_SELF_FAILED (-1)
#define RUN_SELF_TIMED_OUT (-2)

/* Runs this program's own ARGV (a `report` or a `simulate`) in a child
 * process with standard input from /dev/null and collects its standard
 * output, at most SERVE_REPORT_LIMIT bytes: the command's figures, limits
 * and messages as always. A child still running after SECONDS is killed
 * (its own layout child goes with it: PR_SET_PDEATHSIG), so that a model
 * or scenario that takes hours cannot hold the page's request for ever.
 * Returns the exit status; RUN_SELF_TIMED_OUT when the time ran out; or
 * RUN_SELF_FAILED when the child could not run, was killed or wrote too
 * much. *out is NULL unless an exit status is returned. */
static int run_self(char *const argv[], long seconds, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    pid_t pid;
    int spawned = posix_spawn(&pid, "/proc/self/exe", &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(fds[1]);
    if (spawned != 0) {
        close(fds[0]);
        return -1;
    }
    char *text = NULL;
    size_t len = 0, cap = 0;
    bool too_large = false, timed_out = false;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        if (len == cap) {
            char *more = cap < SERVE_REPORT_LIMIT ? realloc(text, cap ? 2 * cap : 1 << 20) : NULL;
            if (!more) {
                too_large = true;
                kill(pid, SIGKILL);
                break;
            }
            text = more;
            cap = cap ? 2 * cap : 1 << 20;
        }
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double left = (double)seconds - (double)(now.tv_sec - start.tv_sec) -
                      (double)(now.tv_nsec - start.tv_nsec) / 1e9;
        struct pollfd wait_for = {.fd = fds[0], .events = POLLIN};
        int ready = left > 0 ? poll(&wait_for, 1, (int)(left * 1000) + 1) : 0;
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            timed_out = true;
            kill(pid, SIGKILL);
            break;
        }
        ssize_t n = read(fds[0], text + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fds[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out) {
        free(text);
        return RUN_SELF_TIMED_OUT;
    }
    if (too_large || !WIFEXITED(status)) {
        free(text);
        return RUN_SELF_FAILED;
    }
    *out = text;
    *out_len = len;
    return WEXITSTATUS(status);
}

/* 504 with WHY, a message with one %ld for the time limit. */
static enum MHD_Result send_timed_out(const server *s, struct MHD_Connection *c, const char *why)
{
    char text[512];
    snprintf(text, sizeof text, why, s->time_limit);
    return send_bytes(c, MHD_HTTP_GATEWAY_TIMEOUT, "text/plain; charset=utf-8", text, strlen(text),
                      NULL);
}

/* The HTML report, made by this program's own `report` command. */
static enum MHD_Result send_report(server *s, struct MHD_Connection *c)
{
    char *argv[] = {"samverkan", "--lang", (char *)s->lang, "report", (char *)s->model, NULL};
    char *html;
    size_t len;
    int status = run_self(argv, s->time_limit, &html, &len);
    if (status == RUN_SELF_TIMED_OUT)
        return send_timed_out(s, c, _("The report took longer than %ld seconds and was stopped. "
                                      "Run samverkan report to make it without a time limit, or "
                                      "start samverkan serve with a longer --time-limit.\n"));
    if (status < 0 || status > 1) {
        free(html);
        const char *text = _("The report could not be made: the model has errors, or a figure "
                             "could not be drawn. Run samverkan report for the details.\n");
        return send_bytes(c, MHD_HTTP_UNPROCESSABLE_CONTENT, "text/plain; charset=utf-8", text,
                          strlen(text), NULL);
    }
    struct MHD_Response *r = mhd.create_response_from_buffer(len, html, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(html);
        return MHD_NO;
    }
    common_headers(r);
    mhd.add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    mhd.add_response_header(r, "Content-Disposition", "attachment; filename=\"report.html\"");
    enum MHD_Result ret = mhd.queue_response(c, MHD_HTTP_OK, r);
    mhd.destroy_response(r);
    return ret;
}

/* ---- the served model's scenarios ---- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* How many scenarios deep a chain may go (a scenario whose base is a
 * scenario of the model, ...); a cycle of bases ends there too. */
#define SERVE_SCENARIO_CHAIN 8

/* Tells the file at PATH from its head (sv_scenario_head): when it is a
 * scenario with a name and a base that is there, *name gets its name
 * (malloc'd, or left NULL when NAME is NULL) and BASE_REAL the real path of
 * its base, the file check would read as its base. */
static bool scenario_at(const char *path, char **name, char base_real[PATH_MAX])
{
    char *found_name, *base;
    bool ok = sv_scenario_head(path, &found_name, &base) && found_name && base &&
              realpath(base, base_real) != NULL;
    free(base);
    if (ok && name)
        *name = found_name;
    else
        free(found_name);
    return ok;
}

/* True when the scenario at PATH is built on the model, directly or through
 * a chain of scenarios (merged-torg-fewer-slots.yaml on merged-torg-2025.yaml
 * on the model), at most SERVE_SCENARIO_CHAIN deep. */
static bool built_on_model(const char *path, const char *model_real, char **name)
{
    char base_real[PATH_MAX], next[PATH_MAX];
    bool found = scenario_at(path, name, base_real);
    for (int depth = 1; found && strcmp(base_real, model_real) != 0; depth++) {
        snprintf(next, sizeof next, "%s", base_real);
        found = depth < SERVE_SCENARIO_CHAIN && scenario_at(next, NULL, base_real);
    }
    if (!found && name) {
        free(*name);
        *name = NULL;
    }
    return found;
}

/* Adds to LIST the scenarios of the served model among the *.yaml and
 * *.yml files of FOLDER (SUB: "" or "scenarios/", the prefix of their
 * relative paths; the names check takes in a folder), in byte order of
 * their names: the list is the same on every machine. */
static void add_scenarios(json_t *list, const char *folder, const char *sub, const char *model_real)
{
    char dir_path[PATH_MAX];
    snprintf(dir_path, sizeof dir_path, "%s/%s", folder, sub);
    DIR *dir = opendir(dir_path);
    if (!dir)
        return;
    char **names = NULL;
    size_t count = 0, cap = 0;
    for (struct dirent *d; (d = readdir(dir));) {
        if (!sv_cli_yaml_name(d->d_name))
            continue;
        if (count == cap) {
            char **more = realloc(names, (cap ? 2 * cap : 16) * sizeof *names);
            if (!more)
                break;
            names = more;
            cap = cap ? 2 * cap : 16;
        }
        if ((names[count] = strdup(d->d_name)))
            count++;
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        char path[2 * PATH_MAX];
        snprintf(path, sizeof path, "%s%s", dir_path, names[i]);
        char *name = NULL;
        if (built_on_model(path, model_real, &name)) {
            char file[PATH_MAX];
            snprintf(file, sizeof file, "%s%s", sub, names[i]);
            json_t *entry = json_object();
            json_object_set_new(entry, "file", json_string(file));
            json_object_set_new(entry, "name", json_string(name));
            json_array_append_new(list, entry);
        }
        free(name);
        free(names[i]);
    }
    free(names);
}

/* The scenarios of the served model: the *.yaml and *.yml files in its
 * folder and in its scenarios/ subfolder whose `scenario: base:` is the
 * model itself or a scenario built on it. */
static json_t *scenario_list(server *s)
{
    json_t *list = json_array();
    char model_real[PATH_MAX];
    if (!realpath(s->model, model_real))
        return list;
    char folder[PATH_MAX];
    snprintf(folder, sizeof folder, "%s", model_real);
    char *slash = strrchr(folder, '/');
    if (slash == folder)
        slash[1] = '\0';
    else
        *slash = '\0';
    add_scenarios(list, folder, "", model_real);
    add_scenarios(list, folder, "scenarios/", model_real);
    return list;
}

/* GET /api/simulate?scenario=FILE: this program's own `simulate` of the
 * model and FILE, one of the listed scenarios exactly, as plain text. */
static enum MHD_Result send_simulation(server *s, struct MHD_Connection *c)
{
    const char *wanted = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "scenario");
    json_t *list = scenario_list(s);
    bool listed = false;
    size_t i;
    json_t *entry;
    json_array_foreach(list, i, entry)
        if (wanted && strcmp(json_string_value(json_object_get(entry, "file")), wanted) == 0)
            listed = true;
    json_decref(list);
    if (!listed)
        return send_error(c, MHD_HTTP_NOT_FOUND);
    /* beside the model as it was named, so that the output names it as the user does */
    const char *slash = strrchr(s->model, '/');
    char scenario[2 * PATH_MAX];
    snprintf(scenario, sizeof scenario, "%.*s%s", slash ? (int)(slash - s->model + 1) : 0, s->model,
             wanted);
    /* the scenario's base is the served model (the listing checked it by
     * realpath), so the project-folder rule for bases has nothing to add:
     * a model in a plain folder, its scenarios in scenarios/, is simulated */
    char *argv[] = {"samverkan", "--lang", (char *)s->lang, "simulate", "--allow-base-outside",
                    (char *)s->model, scenario, NULL};
    char *text;
    size_t len;
    int status = run_self(argv, s->time_limit, &text, &len);
    if (status == RUN_SELF_TIMED_OUT)
        return send_timed_out(s, c, _("The simulation took longer than %ld seconds and was "
                                      "stopped. Run samverkan simulate to run it without a time "
                                      "limit, or start samverkan serve with a longer "
                                      "--time-limit.\n"));
    if (status != 0) {
        free(text);
        const char *why = _("The scenario could not be simulated: it or the model has errors. "
                            "Run samverkan simulate for the details.\n");
        return send_bytes(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", why,
                          strlen(why), NULL);
    }
    enum MHD_Result ret = send_bytes(c, MHD_HTTP_OK, "text/plain; charset=utf-8", text, len, NULL);
    free(text);
    return ret;
}

/* POST /api/model: the page's text replaces the file when the file is
 * still the version the page loaded (X-Samverkan-Base); the old bytes go
 * to MODEL.bak first. Both writes are atomic (the report stage's writer).
 * A conflict answers 409 with the text on disk and its version. */
static enum MHD_Result save_model(server *s, struct MHD_Connection *c, const char *body,
                                  size_t len)
{
    const char *base = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "X-Samverkan-Base");
    size_t old_len = 0;
    char *old = read_model(s->model, &old_len);
    char now[64];
    if (old)
        version_of(now, old, old_len);
    else
        strcpy(now, "missing");
    if (!base || strcmp(base, now) != 0) {
        json_t *doc = json_object();
        json_object_set_new(doc, "version", json_string(now));
        json_object_set_new(doc, "text", old ? json_stringn(old, old_len) : json_string(""));
        free(old);
        return send_json(c, MHD_HTTP_CONFLICT, doc, now);
    }
    sv_inputs inputs;
    sv_inputs_init(&inputs);
    sv_inputs_add_file(&inputs, s->model);
    int failed = old ? sv_report_write_file(s->backup, old, old_len, &inputs) : 0;
    sv_inputs_free(&inputs);
    sv_inputs_init(&inputs);
    if (!failed)
        failed = sv_report_write_file(s->model, body, len, &inputs);
    sv_inputs_free(&inputs);
    free(old);
    if (failed)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
    char version[64];
    version_of(version, body, len);
    json_t *doc = json_object();
    json_object_set_new(doc, "version", json_string(version));
    return send_json(c, MHD_HTTP_OK, doc, version);
}

/* ---- requests ---- */

typedef struct request {
    bool checked;         /* token, Origin and limits were checked */
    bool too_large;
    char *body;
    size_t len;
} request;

static bool has_token(server *s, struct MHD_Connection *c)
{
    const char *q = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    const char *k = mhd.lookup_connection_value(c, MHD_COOKIE_KIND, "samverkan_token");
    return same_secret(q, s->token) || same_secret(k, s->token);
}

static bool own_origin(server *s, struct MHD_Connection *c)
{
    const char *origin = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return false;
    for (size_t i = 0; i < s->origin_count; i++)
        if (strcmp(origin, s->origins[i]) == 0)
            return true;
    return false;
}

static enum MHD_Result route_get(server *s, struct MHD_Connection *c, const char *url)
{
    enum MHD_Result ret;
    if (strcmp(url, "/") == 0)
        return send_page(s, c);
    if (strcmp(url, "/report.html") == 0)
        return send_report(s, c);
    /* the scenarios are read from disk and simulated by a child: no shared state */
    if (strcmp(url, "/api/scenarios") == 0)
        return send_json(c, MHD_HTTP_OK, scenario_list(s), NULL);
    if (strcmp(url, "/api/simulate") == 0)
        return send_simulation(s, c);
    pthread_mutex_lock(&s->lock);
    if (strcmp(url, "/api/version") == 0) {
        json_t *doc = json_object();
        const char *v = disk_version(s);
        json_object_set_new(doc, "version", json_string(v));
        ret = send_json(c, MHD_HTTP_OK, doc, v);
    } else if (strcmp(url, "/api/model") == 0) {
        size_t len;
        char *text = read_model(s->model, &len);
        char version[64];
        if (text) {
            version_of(version, text, len);
            ret = send_bytes(c, MHD_HTTP_OK, "text/plain; charset=utf-8", text, len, version);
        } else {
            ret = send_error(c, MHD_HTTP_NOT_FOUND);
        }
        free(text);
    } else if (strcmp(url, "/api/check") == 0) {
        if (snapshot_make(s) != 0)
            ret = send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
        else
            ret = send_bytes(c, MHD_HTTP_OK, "application/json", s->snap.check_json,
                             s->snap.check_len, s->snap.version);
    } else if (strcmp(url, "/api/views") == 0) {
        if (snapshot_make(s) != 0) {
            ret = send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR);
        } else {
            json_t *list = json_array();
            for (size_t i = 0; i < s->snap.view_count; i++)
                json_array_append_new(list, json_string(s->snap.view_names[i]));
            json_t *doc = json_object();
            json_object_set_new(doc, "version", json_string(s->snap.version));
            json_object_set_new(doc, "views", list);
            ret = send_json(c, MHD_HTTP_OK, doc, s->snap.version);
        }
    } else if (strncmp(url, "/api/view/", 10) == 0) {
        const char *name = url + 10;
        size_t n = strlen(name);
        size_t i = 0;
        bool made = snapshot_make(s) == 0;
        if (made && n > 4 && strcmp(name + n - 4, ".svg") == 0)
            for (; i < s->snap.view_count; i++)
                if (strlen(s->snap.view_names[i]) == n - 4 &&
                    strncmp(s->snap.view_names[i], name, n - 4) == 0)
                    break;
        if (!made || n <= 4 || i >= s->snap.view_count) {
            ret = send_error(c, made ? MHD_HTTP_NOT_FOUND : MHD_HTTP_INTERNAL_SERVER_ERROR);
        } else {
            snapshot_draw(&s->snap);
            if (s->snap.view_svg[i])
                ret = send_bytes(c, MHD_HTTP_OK, "image/svg+xml", s->snap.view_svg[i],
                                 s->snap.view_len[i], s->snap.version);
            else {
                const char *why = s->snap.view_error[i] ? s->snap.view_error[i] : "";
                ret = send_bytes(c, MHD_HTTP_UNPROCESSABLE_CONTENT, "text/plain; charset=utf-8",
                                 why, strlen(why), s->snap.version);
            }
        }
    } else {
        ret = send_error(c, MHD_HTTP_NOT_FOUND);
    }
    pthread_mutex_unlock(&s->lock);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version_, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version_;
    server *s = cls;
    request *rq = *con_cls;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq)
            return MHD_NO;
        *con_cls = rq;
        bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
        bool post = strcmp(method, "POST") == 0;
        if (!has_token(s, c))
            return send_error(c, MHD_HTTP_FORBIDDEN);
        if (!get && !post)
            return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED);
        if (get)
            return route_get(s, c, url);
        /* a save: from the page itself (Origin, CSRF token), to the one route, bounded */
        const char *csrf = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!own_origin(s, c) || !same_secret(csrf, s->csrf))
            return send_error(c, MHD_HTTP_FORBIDDEN);
        if (strcmp(url, "/api/model") != 0)
            return send_error(c, MHD_HTTP_NOT_FOUND);
        const char *length = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (length && strtoull(length, NULL, 10) > SERVE_MAX_BODY)
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE); /* before a byte of it is read */
        return MHD_YES;
    }
    if (*upload_size) {
        if (!rq->too_large && rq->len + *upload_size <= SERVE_MAX_BODY) {
            char *more = realloc(rq->body, rq->len + *upload_size + 1);
            if (!more)
                return MHD_NO;
            rq->body = more;
            memcpy(rq->body + rq->len, upload, *upload_size);
            rq->len += *upload_size;
        } else if (!rq->too_large) {
            /* a chunked body past the bound: answered now, the rest is never read */
            rq->too_large = true;
            *upload_size = 0;
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE);
        } else {
            return MHD_NO;
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (rq->too_large)
        return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE);
    pthread_mutex_lock(&s->lock);
    enum MHD_Result ret = save_model(s, c, rq->body ? rq->body : "", rq->len);
    pthread_mutex_unlock(&s->lock);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode why)
{
    (void)cls, (void)c, (void)why;
    request *rq = *con_cls;
    if (rq) {
        free(rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

static struct MHD_Daemon *start(server *s, const struct sockaddr *addr, bool v6)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | (v6 ? MHD_USE_IPv6 : 0);
    return mhd.start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR, addr,
        MHD_OPTION_CONNECTION_LIMIT, SERVE_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
        SERVE_TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVE_HEADER_MEMORY,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
}

static void open_browser(const char *url)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
    char *argv[] = {"xdg-open", (char *)url, NULL};
    pid_t pid;
    if (posix_spawnp(&pid, "xdg-open", &actions, &attr, argv, environ) != 0)
        fprintf(stderr, "%s\n", _("samverkan: could not open a web browser; open the address above "
                                  "in one"));
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
}

int sv_cmd_serve(const sv_command *self, int argc, char **argv)
{
    serve_args a = {.port = SERVE_DEFAULT_PORT, .time_limit = SERVE_DEFAULT_TIME_LIMIT};
    if (sv_options_parse(argc, argv, 2, sv_serve_options, serve_option, &a) != 0)
        return EXIT_INPUT;
    if (a.help) {
        sv_command_help(self);
        return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_INPUT;
    }
    if (!sv_command_arity_ok(self, a.input_count)) {
        fprintf(stderr, "%s\n", _("samverkan: serve needs a model file: samverkan serve MODEL.yaml"));
        return EXIT_INPUT;
    }
    struct stat st;
    if (stat(a.model, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, _("samverkan: cannot read the model '%s'\n"), a.model);
        return EXIT_INPUT;
    }
    static server s; /* the threads of the daemons read it until they stop */
    s.model = a.model;
    s.lang = sv_cli_language();
    s.time_limit = a.time_limit;
    pthread_mutex_init(&s.lock, NULL);
    random_hex(s.token);
    random_hex(s.csrf);
    size_t blen = strlen(a.model) + 5;
    s.backup = malloc(blen);
    if (!s.backup)
        return EXIT_INPUT;
    snprintf(s.backup, blen, "%s.bak", a.model);

    /* room for the connection limit on both daemons: the soft limit on open
     * files (often 1024) is raised as far as the hard one allows */
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 2 * SERVE_MAX_CONNECTIONS + 64) {
        files.rlim_cur = files.rlim_max < 2 * SERVE_MAX_CONNECTIONS + 64 ? files.rlim_max
                                                                       : 2 * SERVE_MAX_CONNECTIONS + 64;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    /* the daemons' threads inherit this mask: the signals come to sigwait below */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!mhd_open())
        return EXIT_INPUT;
    struct MHD_Daemon *daemons[2] = {NULL, NULL};
    char host[80];
    unsigned port = 0;
    if (a.listen) {
        struct sockaddr_in v4 = {.sin_family = AF_INET, .sin_port = htons((uint16_t)a.port)};
        struct sockaddr_in6 v6 = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)a.port)};
        if (inet_pton(AF_INET, a.listen, &v4.sin_addr) == 1) {
            daemons[0] = start(&s, (struct sockaddr *)&v4, false);
            snprintf(host, sizeof host, "%s", a.listen);
        } else if (inet_pton(AF_INET6, a.listen, &v6.sin6_addr) == 1) {
            daemons[0] = start(&s, (struct sockaddr *)&v6, true);
            snprintf(host, sizeof host, "[%s]", a.listen);
        } else {
            fprintf(stderr, _("samverkan: --listen needs an IPv4 or IPv6 address, not '%s'\n"),
                    a.listen);
            return EXIT_INPUT;
        }
        fprintf(stderr, _("samverkan: warning: listening on %s: other machines that reach this "
                          "address can open the page with its token; the connection is not "
                          "encrypted\n"),
                a.listen);
    } else {
        struct sockaddr_in v4 = {.sin_family = AF_INET, .sin_port = htons((uint16_t)a.port),
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        daemons[0] = start(&s, (struct sockaddr *)&v4, false);
        snprintf(host, sizeof host, "127.0.0.1");
    }
    if (!daemons[0]) {
        fprintf(stderr, _("samverkan: cannot listen on port %ld: %s; --port 0 picks a free one\n"), a.port, strerror(errno));
        return EXIT_INPUT;
    }
    const union MHD_DaemonInfo *info = mhd.get_daemon_info(daemons[0], MHD_DAEMON_INFO_BIND_PORT);
    port = info ? info->port : (unsigned)a.port;
    if (!a.listen) {
        /* ::1 on the same port, where the machine has IPv6 */
        struct sockaddr_in6 v6 = {.sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port),
                                  .sin6_addr = IN6ADDR_LOOPBACK_INIT};
        daemons[1] = start(&s, (struct sockaddr *)&v6, true);
    }
    s.origin_count = 0;
    snprintf(s.origins[s.origin_count++], sizeof s.origins[0], "http://%s:%u", host, port);
    if (!a.listen) {
        snprintf(s.origins[s.origin_count++], sizeof s.origins[0], "http://localhost:%u", port);
        snprintf(s.origins[s.origin_count++], sizeof s.origins[0], "http://[::1]:%u", port);
    }
    char url[200];
    snprintf(url, sizeof url, "http://%s:%u/?token=%s", host, port, s.token);
    printf("%s\n", url);
    fflush(stdout);
    fprintf(stderr, _("samverkan: serving %s; open the address above, stop with Ctrl-C\n"),
            a.model);
    if (!a.no_open)
        open_browser(url);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    for (size_t i = 0; i < 2; i++)
        if (daemons[i])
            mhd.stop_daemon(daemons[i]);
    pthread_mutex_lock(&s.lock);
    snapshot_free(&s.snap);
    pthread_mutex_unlock(&s.lock);
    free(s.backup);
    fprintf(stderr, "%s\n", _("samverkan: stopped"));
    return EXIT_CLEAN;
}
