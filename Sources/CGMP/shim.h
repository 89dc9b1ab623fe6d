// GMP (Debian: libgmp-dev) behind small functions, so Swift never touches mpz macros
// or the layout of mpz_t.
#ifndef GASLAB_CGMP_SHIM_H
#define GASLAB_CGMP_SHIM_H
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>

/// out = base^exp mod mod, all big-endian byte strings; out has mod_len bytes, left-padded.
/// A zero modulus gives all zeros, as EIP-198 requires.
static inline void gaslab_modexp(const unsigned char *base, size_t base_len,
                                 const unsigned char *exp, size_t exp_len,
                                 const unsigned char *mod, size_t mod_len,
                                 unsigned char *out) {
    memset(out, 0, mod_len);
    mpz_t b, e, m, r;
    mpz_inits(b, e, m, r, NULL);
    mpz_import(b, base_len, 1, 1, 1, 0, base);
    mpz_import(e, exp_len, 1, 1, 1, 0, exp);
    mpz_import(m, mod_len, 1, 1, 1, 0, mod);
    if (mpz_sgn(m) != 0) {
        mpz_powm(r, b, e, m);
        size_t count = (mpz_sizeinbase(r, 2) + 7) / 8;
        if (mpz_sgn(r) == 0) count = 0;
        if (count <= mod_len) mpz_export(out + (mod_len - count), NULL, 1, 1, 1, 0, r);
    }
    mpz_clears(b, e, m, r, NULL);
}

/// The GMP version string, to show the library is linked.
static inline const char *gaslab_gmp_version(void) { return gmp_version; }
#endif
