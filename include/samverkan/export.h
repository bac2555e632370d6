/*
 * SV_API marks a function of the public API. The library is compiled with
 * -fvisibility=hidden, so that only what carries this mark is exported from
 * libsamverkan.so: every such name begins with sv_ (the test
 * library.exports checks the shared library's dynamic symbol table), and
 * the helpers of the stages (sb_*, rc_*, rule_*) stay inside. Every function
 * declared in include/samverkan/ carries it (test library.api-marked).
 */
#ifndef SAMVERKAN_EXPORT_H
#define SAMVERKAN_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define SV_API __attribute__((visibility("default")))
#else
#define SV_API
#endif

#endif
