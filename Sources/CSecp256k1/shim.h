// libsecp256k1 with its recovery module (Debian: libsecp256k1-dev).
#include <secp256k1.h>
#include <secp256k1_recovery.h>

/// A context for signing and verifying (SECP256K1_CONTEXT_NONE is a macro Swift cannot import).
static inline secp256k1_context *gaslab_secp256k1_context_create(void) {
    return secp256k1_context_create(SECP256K1_CONTEXT_NONE);
}

/// The 65-byte uncompressed serialisation of a public key.
static inline int gaslab_secp256k1_serialize_uncompressed(const secp256k1_context *ctx, unsigned char out[65],
                                                          const secp256k1_pubkey *key) {
    size_t len = 65;
    return secp256k1_ec_pubkey_serialize(ctx, out, &len, key, SECP256K1_EC_UNCOMPRESSED);
}
