/*
 * The simulation's own generator (see samverkan/sim.h): xoshiro256**
 * seeded by splitmix64, with jumps for independent replications, and the
 * distributions a service point needs. Nothing here calls libm's
 * transcendental functions: log and exp are computed below from the
 * exponent and mantissa bits, exact constants and the four basic
 * operations, and sqrt is IEEE 754's correctly
 * rounded square root, so the same seed gives the same bits on every
 * machine whose doubles are IEEE 754 binary64 (this file is compiled with
 * -ffp-contract=off, so no fused multiply-add changes a rounding).
 */
#include "samverkan/sim.h"

#include <math.h>
#include <string.h>

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

/* The mantissa bits of a double, and those of sqrt(1/2) (0x3fe6a09e667f3bcd,
 * the nearest double to it, exponent field 1022). */
#define MANTISSA_MASK ((UINT64_C(1) << 52) - 1)
#define SQRT_HALF_MANTISSA (UINT64_C(0x3fe6a09e667f3bcd) & MANTISSA_MASK)

/* ldexp done on the bits when the result is normal: exact, so the same
 * bits as libm's (which the rare other case still goes to), without a call
 * into libm for every draw. */
static inline double times_power_of_two(double x, int k)
{
    if (k < -1021 || k > 1023)
        return ldexp(x, k);
    uint64_t bits = (uint64_t)(k + 1023) << 52;
    double scale;
    memcpy(&scale, &bits, sizeof scale);
    return x * scale; /* exact: a normal result times a power of two */
}

double sv_sim_log(double x)
{
    if (!(x > 0))
        return x == 0 ? -INFINITY : NAN;
    if (isinf(x))
        return x;
    /* x = m 2^e with m in [sqrt(1/2), sqrt(2)), taken from the bits: m's
     * exponent field 1022 ([0.5, 1)) when the mantissa is at least that of
     * sqrt(1/2), else 1023 (m doubled, exactly). On the bits and without a
     * branch: which way it goes is a coin toss for a uniform draw, and a
     * mispredicted branch here cost more than the rest of the reduction. */
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    int biased = (int)(bits >> 52); /* x > 0: no sign bit */
    if (biased == 0) {
        /* subnormal: 2^54 x is normal, with the same mantissa once
         * normalised (the multiplication is exact) */
        x *= 0x1.0p54;
        memcpy(&bits, &x, sizeof bits);
        biased = (int)(bits >> 52) - 54;
    }
    uint64_t mantissa = bits & MANTISSA_MASK;
    int small = mantissa < SQRT_HALF_MANTISSA;
    int e = biased - 1022 - small;
    bits = mantissa | ((uint64_t)(1022 + small) << 52);
    double m;
    memcpy(&m, &bits, sizeof m);
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

/* 2^(j/32) for j = 0 .. 31 as hi + lo, hi the nearest double and lo the
 * nearest double to the rest (worked out with Python's decimal module at
 * 60 digits); exact constants, so the same on every machine. */
static const double EXP2_BY_32[32][2] = {
    {0x1.0000000000000p+0, 0x0.0p+0},
    {0x1.059b0d3158574p+0, 0x1.d73e2a475b465p-55},
    {0x1.0b5586cf9890fp+0, 0x1.8a62e4adc610bp-54},
    {0x1.11301d0125b51p+0, -0x1.6c51039449b3ap-54},
    {0x1.172b83c7d517bp+0, -0x1.19041b9d78a76p-55},
    {0x1.1d4873168b9aap+0, 0x1.e016e00a2643cp-54},
    {0x1.2387a6e756238p+0, 0x1.9b07eb6c70573p-54},
    {0x1.29e9df51fdee1p+0, 0x1.612e8afad1255p-55},
    {0x1.306fe0a31b715p+0, 0x1.6f46ad23182e4p-55},
    {0x1.371a7373aa9cbp+0, -0x1.63aeabf42eae2p-54},
    {0x1.3dea64c123422p+0, 0x1.ada0911f09ebcp-55},
    {0x1.44e086061892dp+0, 0x1.89b7a04ef80d0p-59},
    {0x1.4bfdad5362a27p+0, 0x1.d4397afec42e2p-56},
    {0x1.5342b569d4f82p+0, -0x1.07abe1db13cadp-55},
    {0x1.5ab07dd485429p+0, 0x1.6324c054647adp-54},
    {0x1.6247eb03a5585p+0, -0x1.383c17e40b497p-54},
    {0x1.6a09e667f3bcdp+0, -0x1.bdd3413b26456p-54},
    {0x1.71f75e8ec5f74p+0, -0x1.16e4786887a99p-55},
    {0x1.7a11473eb0187p+0, -0x1.41577ee04992fp-55},
    {0x1.82589994cce13p+0, -0x1.d4c1dd41532d8p-54},
    {0x1.8ace5422aa0dbp+0, 0x1.6e9f156864b27p-54},
    {0x1.93737b0cdc5e5p+0, -0x1.75fc781b57ebcp-57},
    {0x1.9c49182a3f090p+0, 0x1.c7c46b071f2bep-56},
    {0x1.a5503b23e255dp+0, -0x1.d2f6edb8d41e1p-54},
    {0x1.ae89f995ad3adp+0, 0x1.7a1cd345dcc81p-54},
    {0x1.b7f76f2fb5e47p+0, -0x1.5584f7e54ac3bp-56},
    {0x1.c199bdd85529cp+0, 0x1.11065895048ddp-55},
    {0x1.cb720dcef9069p+0, 0x1.503cbd1e949dbp-56},
    {0x1.d5818dcfba487p+0, 0x1.2ed02d75b3707p-55},
    {0x1.dfc97337b9b5fp+0, -0x1.1a5cd4f184b5cp-54},
    {0x1.ea4afa2a490dap+0, -0x1.e9c23179c2893p-54},
    {0x1.f50765b6e4540p+0, 0x1.9d3e12dd8a18bp-54},
};

double sv_sim_exp(double x)
{
    if (isnan(x))
        return x;
    if (x > 709.782712893384)
        return INFINITY;
    if (x < -745.2)
        return 0;
    /* x = (32 k + j) ln2/32 + r with |r| <= ln2/64: exp x = 2^k 2^(j/32) e^r.
     * n LN2_HI/32 is exact (LN2_HI has 32 significant bits, |n| < 2^16). */
    /* n = x 32/ln2 rounded to the nearest integer (ties to even) by adding
     * and taking away 1.5 2^52, which leaves no fraction bits: exact IEEE
     * arithmetic, and no call into libm's floor */
    double n = (x * (32 * INV_LN2) + 0x1.8p52) - 0x1.8p52;
    double r = (x - n * (LN2_HI / 32)) - n * (LN2_LO / 32);
    int whole = (int)n;
    int j = (int)((unsigned)whole & 31u);
    int k = (whole - j) / 32;
    /* e^r - 1 by Taylor to r^6/6!: the remainder is below 4e-18 */
    double q = 1.0 / 720;
    q = q * r + 1.0 / 120;
    q = q * r + 1.0 / 24;
    q = q * r + 1.0 / 6;
    q = q * r + 0.5;
    q = r + r * r * q;
    double hi = EXP2_BY_32[j][0], lo = EXP2_BY_32[j][1];
    return times_power_of_two(hi + (lo + hi * q), k);
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

/* Gamma(shape, 1) for shape >= 1, Marsaglia and Tsang (2000), with
 * d = shape - 1/3 and c = 1/sqrt(9 d) worked out by the caller. */
static double gamma_ge1(sv_rng *rng, sv_normal *normal, double d, double c)
{
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

void sv_sampler_init(sv_sampler *sampler, const sv_duration *duration)
{
    double mean = duration->mean_days, cv = duration->cv;
    *sampler = (sv_sampler){.dist = duration->dist, .mean = mean};
    if ((sampler->dist == SV_DIST_LOGNORMAL || sampler->dist == SV_DIST_GAMMA) && !(cv > 0))
        sampler->dist = SV_DIST_FIXED;
    switch (sampler->dist) {
    case SV_DIST_LOGNORMAL: {
        /* X = exp(mu + sigma Z): E X = exp(mu + sigma^2/2), cv^2 = exp(sigma^2) - 1 */
        double sigma2 = sv_sim_log(1 + cv * cv);
        sampler->mu = sv_sim_log(mean) - sigma2 / 2;
        sampler->sigma = sqrt(sigma2);
        break;
    }
    case SV_DIST_GAMMA: {
        /* shape k = 1/cv^2, scale theta = mean cv^2: mean k theta, cv 1/sqrt(k);
         * below shape 1, Gamma(k) = Gamma(k + 1) U^(1/k) */
        sampler->shape = 1 / (cv * cv);
        sampler->scale = mean * cv * cv;
        double k = sampler->shape >= 1 ? sampler->shape : sampler->shape + 1;
        sampler->d = k - 1.0 / 3;
        sampler->c = 1 / sqrt(9 * sampler->d);
        break;
    }
    default:
        break;
    }
}

double sv_sampler_draw(const sv_sampler *sampler, sv_rng *rng, sv_normal *normal)
{
    switch (sampler->dist) {
    case SV_DIST_EXPONENTIAL:
        return sv_rng_exponential(rng, sampler->mean);
    case SV_DIST_LOGNORMAL:
        return sv_sim_exp(sampler->mu + sampler->sigma * sv_rng_normal(rng, normal));
    case SV_DIST_GAMMA: {
        double g = gamma_ge1(rng, normal, sampler->d, sampler->c);
        if (sampler->shape >= 1)
            return sampler->scale * g;
        double u = sv_rng_uniform(rng);
        return sampler->scale * g * sv_sim_exp(sv_sim_log(u) / sampler->shape);
    }
    case SV_DIST_FIXED:
    default:
        return sampler->mean;
    }
}

double sv_rng_lognormal(sv_rng *rng, sv_normal *normal, double mean, double cv)
{
    sv_sampler sampler;
    sv_sampler_init(&sampler, &(sv_duration){.dist = SV_DIST_LOGNORMAL, .mean_days = mean, .cv = cv});
    return sv_sampler_draw(&sampler, rng, normal);
}

double sv_rng_gamma(sv_rng *rng, sv_normal *normal, double mean, double cv)
{
    sv_sampler sampler;
    sv_sampler_init(&sampler, &(sv_duration){.dist = SV_DIST_GAMMA, .mean_days = mean, .cv = cv});
    return sv_sampler_draw(&sampler, rng, normal);
}

double sv_rng_duration(sv_rng *rng, sv_normal *normal, const sv_duration *duration)
{
    sv_sampler sampler;
    sv_sampler_init(&sampler, duration);
    return sv_sampler_draw(&sampler, rng, normal);
}
