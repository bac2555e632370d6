/*
 * The simulation's own generator (see samverkan/sim.h): xoshiro256**
 * seeded by splitmix64, with jumps for independent replications, and the
 * distributions a service point needs. Nothing here calls libm's
 * transcendental functions: log and exp are computed below from frexp,
 * ldexp and the four basic operations, and sqrt is IEEE 754's correctly
 * rounded square root, so the same seed gives the same bits on every
 * machine whose doubles are IEEE 754 binary64 (this file is compiled with
 * -ffp-contract=off, so no fused multiply-add changes a rounding).
 */
#include "samverkan/sim.h"

#include <math.h>

/* ---- splitmix64 and xoshiro256** (public domain reference code by
 * Sebastiano Vigna and David Blackman, https://prng.di.unimi.it/) ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

void sv_rng_seed(sv_rng *rng, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&x);
    /* splitmix64 is a bijection of its counter, so four zero outputs in a
     * row cannot happen; keep the guard anyway, cheaply */
    if (!(rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]))
        rng->s[0] = 1;
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t sv_rng_next(sv_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void jump_by(sv_rng *rng, const uint64_t poly[4])
{
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++) {
        for (int b = 0; b < 64; b++) {
            if (poly[i] & (UINT64_C(1) << b)) {
                s0 ^= rng->s[0];
                s1 ^= rng->s[1];
                s2 ^= rng->s[2];
                s3 ^= rng->s[3];
            }
            sv_rng_next(rng);
        }
    }
    rng->s[0] = s0;
    rng->s[1] = s1;
    rng->s[2] = s2;
    rng->s[3] = s3;
}

void sv_rng_jump(sv_rng *rng)
{
    static const uint64_t JUMP[] = {UINT64_C(0x180ec6d33cfd0aba), UINT64_C(0xd5a61266f0c9392c),
                                    UINT64_C(0xa9582618e03fc9aa), UINT64_C(0x39abdc4529b1661c)};
    jump_by(rng, JUMP);
}

void sv_rng_long_jump(sv_rng *rng)
{
    static const uint64_t LONG_JUMP[] = {UINT64_C(0x76e15d3efefdcbbf), UINT64_C(0xc5004e441c522fb3),
                                         UINT64_C(0x77710069854ee241), UINT64_C(0x39109bb02acbe635)};
    jump_by(rng, LONG_JUMP);
}

void sv_rng_replication(sv_rng *rng, uint64_t seed, uint64_t replication)
{
    sv_rng_seed(rng, seed);
    for (uint64_t i = 0; i < replication; i++)
        sv_rng_jump(rng);
}

double sv_rng_uniform(sv_rng *rng)
{
    /* (k + 0.5) / 2^53 for k in 0 .. 2^53 - 1: exact, in (0, 1) */
    return ((double)(sv_rng_next(rng) >> 11) + 0.5) * 0x1.0p-53;
}

/* ---- log and exp in plain arithmetic ---- */

/* ln 2 split so that k * LN2_HI is exact for |k| < 2^11 */
#define LN2_HI 6.93147180369123816490e-01
#define LN2_LO 1.90821492927058770002e-10
#define INV_LN2 1.44269504088896338700e+00
#define SQRT_HALF 0.70710678118654752440

double sv_sim_log(double x)
{
    if (!(x > 0))
        return x == 0 ? -INFINITY : NAN;
    if (isinf(x))
        return x;
    int e;
    double m = frexp(x, &e); /* x = m 2^e, m in [0.5, 1): exact */
    if (m < SQRT_HALF) {
        m *= 2;
        e--;
    }
    /* m in [sqrt(1/2), sqrt(2)): log m = 2 atanh(s), s = (m-1)/(m+1),
     * |s| < 0.1716, and the series s + s^3/3 + ... to s^23/23 leaves an
     * error below 1e-18 relative */
    double s = (m - 1) / (m + 1);
    double s2 = s * s;
    double p = 1.0 / 23;
    p = p * s2 + 1.0 / 21;
    p = p * s2 + 1.0 / 19;
    p = p * s2 + 1.0 / 17;
    p = p * s2 + 1.0 / 15;
    p = p * s2 + 1.0 / 13;
    p = p * s2 + 1.0 / 11;
    p = p * s2 + 1.0 / 9;
    p = p * s2 + 1.0 / 7;
    p = p * s2 + 1.0 / 5;
    p = p * s2 + 1.0 / 3;
    double r = 2 * s + 2 * s * (s2 * p);
    double k = e;
    return k * LN2_HI + (r + k * LN2_LO);
}

double sv_sim_exp(double x)
{
    if (isnan(x))
        return x;
    if (x > 709.782712893384)
        return INFINITY;
    if (x < -745.2)
        return 0;
    double k = floor(x * INV_LN2 + 0.5);
    double r = (x - k * LN2_HI) - k * LN2_LO; /* |r| <= 0.347 */
    /* Taylor to r^15/15!: the remainder is below 1e-20 */
    double p = 1.0 / 1307674368000.0;             /* 1/15! */
    p = p * r + 1.0 / 87178291200.0;              /* 1/14! */
    p = p * r + 1.0 / 6227020800.0;
    p = p * r + 1.0 / 479001600.0;
    p = p * r + 1.0 / 39916800.0;
    p = p * r + 1.0 / 3628800.0;
    p = p * r + 1.0 / 362880.0;
    p = p * r + 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    return ldexp(p, (int)k);
}

/* ---- distributions ---- */

double sv_rng_exponential(sv_rng *rng, double mean)
{
    return -mean * sv_sim_log(sv_rng_uniform(rng));
}

double sv_rng_normal(sv_rng *rng, sv_normal *normal)
{
    if (normal->has_spare) {
        normal->has_spare = false;
        return normal->spare;
    }
    double u, v, s;
    do {
        u = 2 * sv_rng_uniform(rng) - 1;
        v = 2 * sv_rng_uniform(rng) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = sqrt(-2 * sv_sim_log(s) / s);
    normal->spare = v * f;
    normal->has_spare = true;
    return u * f;
}

double sv_rng_lognormal(sv_rng *rng, sv_normal *normal, double mean, double cv)
{
    /* X = exp(mu + sigma Z): E X = exp(mu + sigma^2/2), cv^2 = exp(sigma^2) - 1 */
    double sigma2 = sv_sim_log(1 + cv * cv);
    double mu = sv_sim_log(mean) - sigma2 / 2;
    return sv_sim_exp(mu + sqrt(sigma2) * sv_rng_normal(rng, normal));
}

/* Gamma(shape, 1) for shape >= 1, Marsaglia and Tsang (2000). */
static double gamma_ge1(sv_rng *rng, sv_normal *normal, double shape)
{
    double d = shape - 1.0 / 3;
    double c = 1 / sqrt(9 * d);
    for (;;) {
        double x, v;
        do {
            x = sv_rng_normal(rng, normal);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = sv_rng_uniform(rng);
        double x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2)
            return d * v;
        if (sv_sim_log(u) < 0.5 * x2 + d * (1 - v + sv_sim_log(v)))
            return d * v;
    }
}

double sv_rng_gamma(sv_rng *rng, sv_normal *normal, double mean, double cv)
{
    /* shape k = 1/cv^2, scale theta = mean cv^2: mean k theta, cv 1/sqrt(k) */
    double shape = 1 / (cv * cv);
    double scale = mean * cv * cv;
    if (shape >= 1)
        return scale * gamma_ge1(rng, normal, shape);
    /* Gamma(k) = Gamma(k + 1) U^(1/k) */
    double g = gamma_ge1(rng, normal, shape + 1);
    double u = sv_rng_uniform(rng);
    return scale * g * sv_sim_exp(sv_sim_log(u) / shape);
}

double sv_rng_duration(sv_rng *rng, sv_normal *normal, const sv_duration *duration)
{
    switch (duration->dist) {
    case SV_DIST_EXPONENTIAL:
        return sv_rng_exponential(rng, duration->mean_days);
    case SV_DIST_LOGNORMAL:
        return duration->cv > 0 ? sv_rng_lognormal(rng, normal, duration->mean_days, duration->cv)
                                : duration->mean_days;
    case SV_DIST_GAMMA:
        return duration->cv > 0 ? sv_rng_gamma(rng, normal, duration->mean_days, duration->cv)
                                : duration->mean_days;
    case SV_DIST_FIXED:
    default:
        return duration->mean_days;
    }
}
