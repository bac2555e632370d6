/*
 * A fault in Graphviz's layout, on demand, for the fault tests
 * (run_fault_injection.sh, check_signals.py, tests/render/check_timeout.sh):
 * loaded with LD_PRELOAD, it stands in for gvLayout and, at the Nth call
 * in a process, does what Graphviz 2.42 does on inputs it dislikes, so
 * that the tests can aim at one figure of a report's render session (its
 * one child makes every call) without a model that happens to crash it.
 *
 *   SAMVERKAN_TEST_LAYOUT_FAULT=MODE:N
 *     crash  SIGSEGV              abort  SIGABRT (a failed assertion)
 *     exit   exit(1), as agerr's fatal errors do
 *     error  a Graphviz error message, gvLayout returns -1
 *     spin   burns CPU forever    hang   sleeps forever
 *     slow   burns N milliseconds of CPU in every call, then lays out
 * Any other call, or without the variable, is Graphviz's own gvLayout.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct GVC_s GVC_t;
typedef struct Agraph_s Agraph_t;
int gvLayout(GVC_t *gvc, Agraph_t *g, const char *engine);
int agerr(int level, const char *fmt, ...);

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static volatile unsigned long burnt;

static void burn(double seconds)
{
    double until = cpu_seconds() + seconds;
    while (seconds < 0 || cpu_seconds() < until)
        burnt++;
}

int gvLayout(GVC_t *gvc, Agraph_t *g, const char *engine)
{
    static int calls;
    int (*real)(GVC_t *, Agraph_t *, const char *) =
        (int (*)(GVC_t *, Agraph_t *, const char *))dlsym(RTLD_NEXT, "gvLayout");
    const char *spec = getenv("SAMVERKAN_TEST_LAYOUT_FAULT");
    const char *colon = spec ? strchr(spec, ':') : NULL;
    calls++;
    if (!colon)
        return real(gvc, g, engine);
    size_t mode_len = (size_t)(colon - spec);
    long n = strtol(colon + 1, NULL, 10);
#define MODE(name) (mode_len == strlen(name) && strncmp(spec, name, mode_len) == 0)
    if (MODE("slow")) {
        burn((double)n / 1000);
        return real(gvc, g, engine);
    }
    if (calls != n)
        return real(gvc, g, engine);
    if (MODE("crash"))
        raise(SIGSEGV);
    if (MODE("abort"))
        abort();
    if (MODE("exit"))
        exit(1);
    if (MODE("error")) {
        agerr(1 /* AGERR */, "injected layout failure in call %d\n", calls);
        return -1;
    }
    if (MODE("spin"))
        burn(-1);
    if (MODE("hang"))
        for (;;)
            pause();
#undef MODE
    return real(gvc, g, engine);
}
